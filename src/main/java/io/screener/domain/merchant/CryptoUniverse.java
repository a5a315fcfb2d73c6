package io.screener.domain.merchant;

import io.screener.domain.DescriptorKind;
import io.screener.domain.text.Hit;
import io.screener.domain.text.KeywordIndex;
import io.screener.domain.text.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The crypto merchants the screener knows by name: exchanges, brokers, on-ramps, wallets, NFT and
 * P2P markets and crypto ATM operators, with the names they use on statements (Latin and Chinese)
 * and their web hosts. Built from public sources by {@code src/universe/build.mjs}; every brand
 * keeps where it comes from.
 *
 * <h2>Format</h2>
 *
 * UTF-8, tab-separated, one brand a line: {@code kind, brand, names, hosts, source}. {@code names}
 * and {@code hosts} are {@code |}-separated ({@code -} for none); a name written {@code ~Name} is
 * an ordinary word as well (Bullish, Gemini, Blur), a weaker match. Kind {@code EXCLUDE} lists
 * phrases that never report a match and suppress the matches they overlap (人民币 contains 币). Lines
 * starting with {@code #} and the header line {@code kind<TAB>brand...} are skipped. A malformed
 * line fails the load with {@code source:line: why}.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class CryptoUniverse {
  /** One brand of the universe. */
  public record Brand(DescriptorKind kind, String name, List<String> hosts, String source) {
    public Brand {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      hosts = List.copyOf(hosts);
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A name a brand goes by.
   *
   * @param commonWord the name is an ordinary word too, so a match alone says less
   */
  public record Term(Brand brand, boolean commonWord) {}

  private static final String HEADER = "kind\tbrand";
  private static final String EXCLUDE = "EXCLUDE";

  private final KeywordIndex<Term> names;
  private final Map<String, Brand> byHost;
  private final int brands;

  private CryptoUniverse(KeywordIndex<Term> names, Map<String, Brand> byHost, int brands) {
    this.names = names;
    this.byHost = Map.copyOf(byHost);
    this.brands = brands;
  }

  /** Number of brands. */
  public int size() {
    return brands;
  }

  /**
   * Every brand name in the descriptor, also when punctuation splits or joins it ({@code OK-X},
   * {@code gateio}); see {@link KeywordIndex#findCompact(String)}.
   */
  public List<Hit<Term>> find(String descriptor) {
    return names.findCompact(descriptor);
  }

  /**
   * The brand whose web host this is, or one of its parent domains ({@code app.moonpay.com}); null
   * if none.
   */
  public @Nullable Brand byHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (true) {
      Brand brand = byHost.get(h);
      if (brand != null) {
        return brand;
      }
      int dot = h.indexOf('.');
      if (dot < 0 || h.indexOf('.', dot + 1) < 0) {
        return null;
      }
      h = h.substring(dot + 1);
    }
  }

  /**
   * Reads a universe file.
   *
   * @throws IllegalArgumentException naming the source and line of the first malformed entry, or a
   *     name or host listed for two brands
   */
  public static CryptoUniverse parse(Reader reader, String source) throws IOException {
    KeywordIndex.Builder<Term> names = KeywordIndex.builder();
    Map<String, Brand> byHost = new HashMap<>();
    Map<String, String> nameOwner = new HashMap<>();
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    int brands = 0;
    int number = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank() || line.startsWith("#") || line.startsWith(HEADER)) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 5) {
        throw error(
            source,
            number,
            "expected 5 tab-separated fields (kind, brand, names, hosts, source), found "
                + fields.length);
      }
      List<String> terms = list(fields[2]);
      if (EXCLUDE.equals(fields[0])) {
        terms.forEach(names::exclude);
        continue;
      }
      DescriptorKind kind;
      try {
        kind = DescriptorKind.valueOf(fields[0]);
      } catch (IllegalArgumentException e) {
        throw error(source, number, "unknown kind '" + fields[0] + "'");
      }
      String brandName = fields[1].strip();
      if (brandName.isEmpty() || brandName.equals("-")) {
        throw error(source, number, "a brand needs a name");
      }
      List<String> hosts = new ArrayList<>();
      for (String host : list(fields[3])) {
        hosts.add(host.toLowerCase(Locale.ROOT));
      }
      if (terms.isEmpty() && hosts.isEmpty()) {
        throw error(source, number, "brand '" + brandName + "' has neither names nor hosts");
      }
      Brand brand = new Brand(kind, brandName, hosts, fields[4].strip());
      brands++;
      for (String term : terms) {
        boolean common = term.startsWith("~");
        String name = common ? term.substring(1).strip() : term;
        String key = TextNormalizer.normalize(name);
        String owner = nameOwner.putIfAbsent(key, brandName);
        if (owner != null && !owner.equals(brandName)) {
          throw error(source, number, "name '" + name + "' is listed for '" + owner + "' too");
        }
        try {
          names.add(name, new Term(brand, common));
        } catch (IllegalArgumentException e) {
          throw error(source, number, e.getMessage());
        }
      }
      for (String host : hosts) {
        Brand other = byHost.putIfAbsent(host, brand);
        if (other != null) {
          throw error(
              source, number, "host '" + host + "' is listed for '" + other.name() + "' too");
        }
      }
    }
    return new CryptoUniverse(names.build(), byHost, brands);
  }

  private static List<String> list(String field) {
    List<String> values = new ArrayList<>();
    String f = field.strip();
    if (f.isEmpty() || f.equals("-")) {
      return values;
    }
    for (String part : f.split("\\|")) {
      if (!part.isBlank()) {
        values.add(part.strip());
      }
    }
    return values;
  }

  private static IllegalArgumentException error(String source, int line, @Nullable String message) {
    return new IllegalArgumentException(source + ":" + line + ": " + message);
  }
}
