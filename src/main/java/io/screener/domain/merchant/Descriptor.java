package io.screener.domain.merchant;

import io.screener.domain.text.Hit;
import io.screener.domain.text.KeywordIndex;
import io.screener.domain.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A merchant descriptor read for what it says about the business: its words (normalized as the
 * keyword indexes see them), the web hosts it shows ({@code BINANCE.COM}, {@code app.moonpay.com}),
 * and which of its words are crypto, money-changing, other-trade or filler words.
 */
public final class Descriptor {
  // Top-level domains that make "name.tld" a web host rather than an abbreviation ("St.Louis").
  // Any two-letter label counts too (country codes, .io, .ai, .co).
  private static final Set<String> TLDS =
      Set.of(
          "com",
          "net",
          "org",
          "app",
          "info",
          "biz",
          "pro",
          "xyz",
          "top",
          "vip",
          "club",
          "online",
          "site",
          "store",
          "shop",
          "tech",
          "finance",
          "exchange",
          "market",
          "markets",
          "money",
          "global",
          "world",
          "team",
          "art",
          "cash",
          "trade",
          "network",
          "digital",
          "capital",
          "fund",
          "link",
          "live",
          "one");

  /** A web host in the descriptor and where its words sit in the normalized text. */
  private record Host(String name, int start, int end) {}

  private final String raw;
  private final String normalized;
  private final List<Host> hosts;
  private final List<Hit<MerchantWord>> words;

  private Descriptor(
      String raw, String normalized, List<Host> hosts, List<Hit<MerchantWord>> words) {
    this.raw = raw;
    this.normalized = normalized;
    this.hosts = hosts;
    this.words = words;
  }

  /** Reads a descriptor with the merchant vocabulary. */
  public static Descriptor read(String raw, KeywordIndex<MerchantWord> vocabulary) {
    String normalized = TextNormalizer.normalize(raw);
    List<Host> hosts = new ArrayList<>(1);
    for (String host : hosts(raw)) {
      String words = TextNormalizer.normalize(host);
      int at = normalized.indexOf(words);
      if (at >= 0) {
        hosts.add(new Host(host, at, at + words.length()));
      }
    }
    return new Descriptor(raw, normalized, hosts, vocabulary.find(raw));
  }

  /** The descriptor as written. */
  public String raw() {
    return raw;
  }

  /** The descriptor normalized as keyword hits index it. */
  public String normalized() {
    return normalized;
  }

  /** The web hosts the descriptor shows, lowercase, in order. */
  public List<String> hosts() {
    List<String> names = new ArrayList<>(hosts.size());
    for (Host host : hosts) {
      names.add(host.name());
    }
    return names;
  }

  /** The host containing the normalized span, or null. */
  public @Nullable String hostAround(int start, int end) {
    for (Host host : hosts) {
      if (host.start() <= start && end <= host.end()) {
        return host.name();
      }
    }
    return null;
  }

  /** The first word of this kind in the descriptor, normalized, or null. */
  public @Nullable String first(MerchantWord kind) {
    for (Hit<MerchantWord> hit : words) {
      if (hit.value() == kind) {
        return hit.term();
      }
    }
    return null;
  }

  /** Every word of this kind, normalized, in order. */
  public List<String> all(MerchantWord kind) {
    List<String> found = new ArrayList<>(2);
    for (Hit<MerchantWord> hit : words) {
      if (hit.value() == kind && !found.contains(hit.term())) {
        found.add(hit.term());
      }
    }
    return found;
  }

  /**
   * What the descriptor says besides a brand found at {@code spans} (start, end pairs in the
   * normalized text): its runs of letters outside those spans, outside any web host wholly the
   * brand's, and outside crypto and filler words. Runs of digits alone, and single Latin letters
   * ("Revolut X"), say nothing and are left out. Empty when the descriptor is the brand and nothing
   * else ("BITSTAMP LTD", "Binance*BUY CRYPTO").
   */
  public List<String> otherWords(int[] spans) {
    boolean[] covered = new boolean[normalized.length()];
    for (int i = 0; i < spans.length; i += 2) {
      cover(covered, spans[i], spans[i + 1]);
      for (Host host : hosts) {
        if (host.start() <= spans[i] && spans[i + 1] <= host.end()) {
          cover(covered, host.start(), host.end());
        }
      }
    }
    for (Hit<MerchantWord> hit : words) {
      if (hit.value() == MerchantWord.CRYPTO || hit.value() == MerchantWord.FILLER) {
        cover(covered, hit.start(), hit.end());
      }
    }
    List<String> other = new ArrayList<>(2);
    int i = 0;
    while (i < covered.length) {
      if (covered[i] || normalized.charAt(i) == ' ') {
        i++;
        continue;
      }
      int start = i;
      boolean letters = false;
      while (i < covered.length && !covered[i] && normalized.charAt(i) != ' ') {
        letters |= !Character.isDigit(normalized.charAt(i));
        i++;
      }
      boolean letter = i - start == 1 && normalized.charAt(start) < 0x80;
      if (letters && !letter) {
        other.add(normalized.substring(start, i));
      }
    }
    return other;
  }

  /**
   * The first word of the descriptor built on one of the crypto morphemes, as {@code word + "/" +
   * morpheme}, or null. A Latin morpheme counts at the start or the end of a word ("bitnexa",
   * "deribit"), not inside one ("together" holds no "ether"); a Chinese one anywhere in a run (链宝).
   * Words that are filler, or that hold an established-finance word (港币 is Hong Kong dollars), are
   * skipped.
   */
  public @Nullable String morphemeWord(List<String> morphemes) {
    int start = 0;
    int n = normalized.length();
    while (start < n) {
      int end = normalized.indexOf(' ', start);
      if (end < 0) {
        end = n;
      }
      if (!overlaps(start, end, MerchantWord.FINANCE) && !covers(start, end, MerchantWord.FILLER)) {
        String word = normalized.substring(start, end);
        for (String morpheme : morphemes) {
          boolean latin = morpheme.charAt(0) < 0x80;
          boolean found =
              latin
                  ? word.startsWith(morpheme) || word.endsWith(morpheme)
                  : word.contains(morpheme);
          if (found) {
            return word + "/" + morpheme;
          }
        }
      }
      start = end + 1;
    }
    return null;
  }

  private boolean covers(int start, int end, MerchantWord kind) {
    for (Hit<MerchantWord> hit : words) {
      if (hit.value() == kind && hit.start() <= start && end <= hit.end()) {
        return true;
      }
    }
    return false;
  }

  private boolean overlaps(int start, int end, MerchantWord kind) {
    for (Hit<MerchantWord> hit : words) {
      if (hit.value() == kind && hit.start() < end && start < hit.end()) {
        return true;
      }
    }
    return false;
  }

  private static void cover(boolean[] covered, int start, int end) {
    for (int i = Math.max(0, start); i < Math.min(covered.length, end); i++) {
      covered[i] = true;
    }
  }

  /**
   * The web hosts in a raw descriptor: dot-separated labels of letters, digits and hyphens ending
   * in a known top-level domain or a two-letter one, not glued to other letters.
   */
  static List<String> hosts(String raw) {
    List<String> found = new ArrayList<>(1);
    int n = raw.length();
    int i = 0;
    while (i < n) {
      if (!hostChar(raw.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean dotted = false;
      while (i < n && (hostChar(raw.charAt(i)) || raw.charAt(i) == '.')) {
        dotted |= raw.charAt(i) == '.';
        i++;
      }
      if (!dotted) {
        continue;
      }
      int end = i;
      while (end > start && raw.charAt(end - 1) == '.') {
        end--;
      }
      String candidate = raw.substring(start, end).toLowerCase(Locale.ROOT);
      int lastDot = candidate.lastIndexOf('.');
      if (lastDot > 0 && !candidate.contains("..")) {
        String tld = candidate.substring(lastDot + 1);
        boolean letters = !tld.isEmpty() && tld.chars().allMatch(c -> c >= 'a' && c <= 'z');
        if (letters && (tld.length() == 2 || TLDS.contains(tld))) {
          found.add(candidate);
        }
      }
    }
    return found;
  }

  private static boolean hostChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }
}
