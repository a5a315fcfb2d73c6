package io.screener.serialization;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.jspecify.annotations.Nullable;

/**
 * Every writer schema this application can read, looked up by the CRC-64-AVRO fingerprint that Avro
 * single-object encoding puts in front of each record.
 *
 * <p>It holds the current schemas (those of the generated classes) and the historical ones shipped
 * as classpath resources in {@code schemas/history/}. A jar cannot list a folder, so the history
 * folder has an {@code INDEX} file naming one schema file per line ({@code #} starts a comment). A
 * file whose schema references named types defined in other history files lists those files after
 * its own name on the same line; they are parsed first with the same parser:
 *
 * <pre>
 * PaymentEvent.v1.avsc
 * ScreeningDecision.v1.avsc PaymentEvent.v1.avsc
 * </pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SchemaCatalog implements SchemaStore {

  /** Classpath folder of the historical schemas shipped in the jar. */
  public static final String HISTORY_DIRECTORY = "schemas/history/";

  /** Name of the index file inside a history folder. */
  public static final String INDEX_FILE = "INDEX";

  private static final List<Schema> CURRENT =
      List.of(
          PaymentEvent.getClassSchema(),
          MerchantReputation.getClassSchema(),
          CounterpartyReputation.getClassSchema(),
          CryptoQuote.getClassSchema(),
          ScreeningDecision.getClassSchema(),
          AccountAction.getClassSchema(),
          ReviewVerdict.getClassSchema(),
          ScreenerConfig.getClassSchema(),
          ShadowDiff.getClassSchema(),
          io.screener.avro.internal.ReviewItem.getClassSchema(),
          io.screener.avro.internal.EnforcementEvent.getClassSchema());

  private static volatile @Nullable SchemaCatalog standard;

  private final Map<Long, Schema> byFingerprint;

  private SchemaCatalog(Map<Long, Schema> byFingerprint) {
    this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
  }

  /**
   * The catalog of the current schemas plus the history in {@code schemas/history/} on this class's
   * classpath, loaded once and shared.
   *
   * @throws IllegalStateException if the index is missing or a listed schema is missing or invalid
   */
  public static SchemaCatalog standard() {
    SchemaCatalog catalog = standard;
    if (catalog == null) {
      // Not a holder class: a failed load would turn into NoClassDefFoundError on later calls.
      synchronized (SchemaCatalog.class) {
        catalog = standard;
        if (catalog == null) {
          catalog = fromClasspath(SchemaCatalog.class.getClassLoader(), HISTORY_DIRECTORY);
          standard = catalog;
        }
      }
    }
    return catalog;
  }

  /**
   * Loads a catalog of the current schemas plus the history listed in {@code historyDirectory +
   * "INDEX"}.
   *
   * @param loader where to find the resources
   * @param historyDirectory resource folder, e.g. {@code "schemas/history/"}
   * @throws IllegalStateException if the index is missing or a listed schema is missing or invalid
   */
  public static SchemaCatalog fromClasspath(ClassLoader loader, String historyDirectory) {
    Objects.requireNonNull(loader, "loader");
    String dir = historyDirectory.endsWith("/") ? historyDirectory : historyDirectory + "/";
    Map<Long, Schema> schemas = new LinkedHashMap<>();
    CURRENT.forEach(s -> schemas.put(fingerprint(s), s));
    new HistoryLoader(loader, dir).load().forEach(s -> schemas.putIfAbsent(fingerprint(s), s));
    return new SchemaCatalog(schemas);
  }

  /** A catalog holding only the current schemas, with no history. */
  public static SchemaCatalog currentOnly() {
    Map<Long, Schema> schemas = new LinkedHashMap<>();
    CURRENT.forEach(s -> schemas.put(fingerprint(s), s));
    return new SchemaCatalog(schemas);
  }

  /**
   * Returns a new catalog with the given writer schemas added, e.g. older versions in tests.
   *
   * @param extra schemas to add; ones already known are ignored
   */
  public SchemaCatalog withSchemas(Schema... extra) {
    return withSchemas(Arrays.asList(extra));
  }

  /**
   * Returns a new catalog with the given writer schemas added, e.g. older versions in tests.
   *
   * @param extra schemas to add; ones already known are ignored
   */
  public SchemaCatalog withSchemas(Collection<Schema> extra) {
    Map<Long, Schema> schemas = new LinkedHashMap<>(byFingerprint);
    extra.forEach(s -> schemas.putIfAbsent(fingerprint(s), s));
    return new SchemaCatalog(schemas);
  }

  /** The writer schema with this fingerprint, or {@code null} if unknown. */
  @Override
  public @Nullable Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Every schema in the catalog, current ones first. */
  public Collection<Schema> schemas() {
    return byFingerprint.values();
  }

  /** The schemas of the generated record classes. */
  public static List<Schema> currentSchemas() {
    return CURRENT;
  }

  /**
   * The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding
   * writes it.
   */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** Formats a fingerprint the way error messages show it: {@code 0x} and 16 hex digits. */
  public static String formatFingerprint(long fingerprint) {
    return String.format("0x%016x", fingerprint);
  }

  /** Reads INDEX and parses each listed file, resolving declared dependencies. */
  private static final class HistoryLoader {
    private final ClassLoader loader;
    private final String dir;
    private final Map<String, List<String>> dependencies = new LinkedHashMap<>();

    HistoryLoader(ClassLoader loader, String dir) {
      this.loader = loader;
      this.dir = dir;
    }

    List<Schema> load() {
      readIndex();
      List<Schema> result = new ArrayList<>();
      for (String file : dependencies.keySet()) {
        result.add(
            parseWithDependencies(new Schema.Parser(), file, new HashSet<>(), new ArrayList<>()));
      }
      return result;
    }

    /**
     * Parses the file's dependencies, then the file, all into one parser; returns the file's
     * schema.
     */
    private Schema parseWithDependencies(
        Schema.Parser parser, String file, Set<String> parsed, List<String> stack) {
      if (stack.contains(file)) {
        throw new IllegalStateException(
            dir + INDEX_FILE + ": dependency cycle " + String.join(" -> ", stack) + " -> " + file);
      }
      stack.add(file);
      for (String dependency :
          Objects.requireNonNull(dependencies.get(file), "the index entry of " + file)) {
        // A parser rejects a second definition of the same name, so shared dependencies go in once.
        if (!parsed.contains(dependency)) {
          parseWithDependencies(parser, dependency, parsed, stack);
        }
      }
      stack.remove(stack.size() - 1);
      parsed.add(file);
      return parse(parser, file);
    }

    private Schema parse(Schema.Parser parser, String file) {
      String resource = dir + file;
      InputStream in = loader.getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException(resource + " is listed in " + INDEX_FILE + " but missing");
      }
      try (in) {
        return parser.parse(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      } catch (AvroRuntimeException e) {
        throw new IllegalStateException("invalid schema " + resource + ": " + e.getMessage(), e);
      }
    }

    private void readIndex() {
      String resource = dir + INDEX_FILE;
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing " + resource + " on the classpath");
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
          int hash = line.indexOf('#');
          String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
          if (content.isEmpty()) {
            continue;
          }
          String[] words = content.split("\\s+");
          List<String> deps = List.of(words).subList(1, words.length);
          if (dependencies.put(words[0], deps) != null) {
            throw new IllegalStateException(resource + " lists " + words[0] + " twice");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
      for (List<String> deps : dependencies.values()) {
        for (String dep : deps) {
          if (!dependencies.containsKey(dep)) {
            throw new IllegalStateException(
                resource + ": dependency " + dep + " is not listed on a line of its own");
          }
        }
      }
    }
  }
}
