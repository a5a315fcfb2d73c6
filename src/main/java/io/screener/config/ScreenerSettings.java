package io.screener.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The service's operational settings, read from {@code config/screener.properties}, then
 * environment variables ({@code SCREENER_TOPIC_PAYMENTS} overrides {@code topic.payments}, {@code
 * SCREENER_KAFKA_SECURITY_PROTOCOL} sets {@code kafka.security.protocol}), then command-line
 * overrides. Keys under {@code kafka.} pass to the Kafka clients unchanged (TLS, SASL, tuning). The
 * model's settings (weights, thresholds, windows) live in the rules file named by {@code
 * rules.file}.
 *
 * @param instanceId this instance's stable name in the consumer group ({@code instance.id}), for
 *     Kafka's static membership: a restart within the session timeout takes its partitions back
 *     without a rebalance. Empty: a dynamic member, which leaves the group when it closes
 * @param console the review console's settings ({@code screener console})
 */
public record ScreenerSettings(
    String applicationId,
    Optional<String> instanceId,
    String bootstrapServers,
    Path stateDir,
    StateStore stateStore,
    TopicNames topics,
    Path rulesFile,
    Duration stateRetention,
    Duration sweepInterval,
    Duration dedupRetention,
    Duration quoteRetention,
    Duration reviewRetention,
    int reviewPartitions,
    Validation validation,
    String metricsAddress,
    LogFormat logFormat,
    RegistrySettings registry,
    ConsoleSettings console,
    Properties kafka) {

  /** How log lines are written: {@code text} lines, or one {@code json} object a line. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  /**
   * Where the screener's state stores keep their data. Either way every store has a changelog topic
   * and is restored from it; they differ in what a look-up costs and what a restart costs.
   */
  public enum StateStore {
    /**
     * RocksDB on local disk under {@code state.dir}: state larger than the heap, quick restarts.
     */
    ROCKSDB,
    /**
     * On the heap: faster look-ups, but every start restores the whole store from its changelog.
     */
    MEMORY
  }

  /** The prefix whose keys go to the Kafka clients as they are. */
  public static final String KAFKA_PREFIX = "kafka.";

  private static final String ENV_PREFIX = "SCREENER_";

  /**
   * Every known key and its default; the one place defaults live. Empty means "required", or "none"
   * for an optional key ({@code instance.id}, the registry's).
   */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("application.id", "payment-screener");
    d.put("instance.id", "");
    d.put("bootstrap.servers", "127.0.0.1:9092");
    d.put("state.dir", Path.of(System.getProperty("java.io.tmpdir"), "screener-state").toString());
    d.put("state.store", "rocksdb");
    d.put("topic.payments", "payments");
    d.put("topic.merchant-reputation", "merchant-reputation");
    d.put("topic.counterparty-reputation", "counterparty-reputation");
    d.put("topic.crypto-quotes", "crypto-quotes");
    d.put("topic.blocked", "payments-blocked");
    d.put("topic.flagged", "payments-flagged");
    d.put("topic.cleared", "payments-cleared");
    d.put("topic.dead-letter", "payments-dead-letter");
    d.put("topic.account-actions", "account-actions");
    d.put("topic.review-verdicts", "review-verdicts");
    d.put("topic.screener-config", "screener-config");
    d.put("topic.shadow-diff", "payments-shadow-diff");
    d.put("rules.file", "rules.properties");
    d.put("state.retention", "7d");
    d.put("state.sweep-interval", "1h");
    d.put("dedup.retention", "1d");
    d.put("quote.retention", "400d");
    d.put("review.retention", "30d");
    d.put("review.partitions", "4");
    d.put("validation.earliest-event-time", "2009-01-03T00:00:00Z");
    d.put("validation.max-future-skew", "5m");
    d.put("validation.max-amount-minor", "100000000000");
    d.put("validation.max-memo-chars", "1024");
    d.put("validation.max-id-chars", "128");
    d.put("metrics.address", "127.0.0.1:9464");
    d.put("log.format", "text");
    d.putAll(RegistrySettings.defaults());
    d.putAll(ConsoleSettings.defaults());
    return Map.copyOf(d);
  }

  /**
   * Loads settings from a file plus environment and explicit overrides (later wins).
   *
   * @param file the properties file; relative paths in it resolve against its folder
   */
  public static ScreenerSettings load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(DEFAULTS);
    merged.putAll(Settings.readProperties(file));
    merged.putAll(fromEnvironment(environment));
    merged.putAll(overrides);
    Path base =
        Objects.requireNonNull(
            file.toAbsolutePath().getParent(), "the folder of the settings file " + file);
    return from(Settings.of(merged), base);
  }

  /**
   * Builds settings from already merged values; relative file paths resolve against {@code base}.
   */
  public static ScreenerSettings from(Settings s, Path base) {
    s.requireKnown(DEFAULTS.keySet(), Set.of(KAFKA_PREFIX));
    Properties kafka = new Properties();
    s.asMap()
        .forEach(
            (k, v) -> {
              if (k.startsWith(KAFKA_PREFIX)) {
                kafka.setProperty(k.substring(KAFKA_PREFIX.length()), v);
              }
            });
    Duration retention = s.duration("state.retention");
    Duration sweep = s.duration("state.sweep-interval");
    if (sweep.compareTo(retention) > 0) {
      throw new ConfigException("state.sweep-interval", "must not exceed state.retention");
    }
    // An account's record remembers the legs it took delivery of: it must outlive them.
    if (s.duration("dedup.retention").compareTo(retention) > 0) {
      throw new ConfigException("dedup.retention", "must not exceed state.retention");
    }
    return new ScreenerSettings(
        s.string("application.id"),
        instanceId(s),
        s.string("bootstrap.servers"),
        base.resolve(s.string("state.dir")),
        s.enumValue("state.store", StateStore.class),
        new TopicNames(
            s.string("topic.payments"),
            s.string("topic.merchant-reputation"),
            s.string("topic.counterparty-reputation"),
            s.string("topic.crypto-quotes"),
            s.string("topic.blocked"),
            s.string("topic.flagged"),
            s.string("topic.cleared"),
            s.string("topic.dead-letter"),
            s.string("topic.account-actions"),
            s.string("topic.review-verdicts"),
            s.string("topic.screener-config"),
            s.string("topic.shadow-diff")),
        base.resolve(s.string("rules.file")),
        retention,
        sweep,
        s.duration("dedup.retention"),
        s.duration("quote.retention"),
        s.duration("review.retention"),
        s.intInRange("review.partitions", 1, 10_000),
        new Validation(
            s.instant("validation.earliest-event-time"),
            futureSkew(s),
            s.longInRange("validation.max-amount-minor", 1, MAX_AMOUNT_MINOR),
            s.intInRange("validation.max-memo-chars", 1, 1_000_000),
            s.intInRange("validation.max-id-chars", 8, 4096)),
        s.string("metrics.address"),
        s.enumValue("log.format", LogFormat.class),
        RegistrySettings.from(s, base),
        ConsoleSettings.from(s, base),
        kafka);
  }

  /**
   * The variables Kubernetes injects for every Service in the namespace (service links): for a
   * Service named {@code screener} or {@code screener-...}, {@code SCREENER_SERVICE_HOST}, {@code
   * SCREENER_SERVICE_PORT[_<PORT NAME>]}, {@code SCREENER_PORT} and {@code
   * SCREENER_PORT_<n>_<TCP|UDP|SCTP>[_PROTO|_PORT|_ADDR]}. They are not settings and are ignored.
   */
  private static final Pattern SERVICE_LINK =
      Pattern.compile(
          "SCREENER(_[A-Z0-9]+)*_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

  /**
   * Maps {@code SCREENER_*} variables to keys. A variable naming no key fails, naming the variable,
   * unless it has the form of a Kubernetes service link ({@link #SERVICE_LINK}), which is ignored.
   */
  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> byEnvName = new TreeMap<>();
    for (String key : DEFAULTS.keySet()) {
      byEnvName.put(envName(key), key);
    }
    Map<String, String> out = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (!name.startsWith(ENV_PREFIX)) {
            return;
          }
          String key = byEnvName.get(name);
          if (key == null && SERVICE_LINK.matcher(name).matches()) {
            return;
          }
          if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
            key =
                KAFKA_PREFIX
                    + name.substring((ENV_PREFIX + "KAFKA_").length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
          }
          if (key == null) {
            throw new ConfigException(name, "unknown environment setting (misspelt?)");
          }
          out.put(key, value);
        });
    return out;
  }

  /** The environment variable that overrides a key. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Names of every topic the screener reads or writes. */
  public record TopicNames(
      String payments,
      String merchantReputation,
      String counterpartyReputation,
      String cryptoQuotes,
      String blocked,
      String flagged,
      String cleared,
      String deadLetter,
      String accountActions,
      String reviewVerdicts,
      String screenerConfig,
      String shadowDiff) {}

  /**
   * What makes an input payment unusable.
   *
   * @param earliestEventTime payments before this are absurd (default: Bitcoin's genesis block)
   * @param maxFutureSkew payments, verdicts, quotes and account actions further ahead of the wall
   *     clock than this are absurd. Kept below the broker's {@code
   *     log.message.timestamp.after.max.ms} (checked at start-up): records stamped with these times
   *     must be accepted
   * @param maxAmountMinor the largest amount a payment may carry; bounded so that sums over a
   *     window cannot overflow
   */
  public record Validation(
      Instant earliestEventTime,
      Duration maxFutureSkew,
      long maxAmountMinor,
      int maxMemoChars,
      int maxIdChars) {}

  /**
   * The largest {@code validation.max-amount-minor}: a payee's window sums at most {@code
   * behaviour.max-tracked-inflows} (1,024) amounts, which then cannot overflow a long.
   */
  public static final long MAX_AMOUNT_MINOR = Long.MAX_VALUE / 2048;

  /** The setting that names this instance for static membership. */
  public static final String INSTANCE_ID = "instance.id";

  /**
   * What Kafka accepts in a {@code group.instance.id} (letters, digits, '.', '_', '-'), short
   * enough for Kafka Streams' suffix of a stream thread's index (the limit is 249). A Kubernetes
   * pod name (a DNS label, at most 63 characters) is one.
   */
  private static final Pattern INSTANCE_ID_FORM = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /**
   * {@code instance.id}, checked: its form, and that nothing else claims static membership. The
   * Streams rebalance protocol (KIP-1071, {@code group.protocol=streams}) has no static members
   * (Kafka Streams 4.3 refuses the combination at start-up in words that name no setting of ours),
   * and a {@code kafka.group.instance.id} beside it would be one of two answers to one question.
   */
  private static Optional<String> instanceId(Settings s) {
    if (!s.has(INSTANCE_ID)) {
      return Optional.empty();
    }
    String id = s.string(INSTANCE_ID);
    if (!INSTANCE_ID_FORM.matcher(id).matches() || id.equals(".") || id.equals("..")) {
      throw new ConfigException(
          INSTANCE_ID,
          "must be 1 to 200 letters, digits, '.', '_' or '-' (a Kubernetes pod name is one), was '"
              + id
              + "'");
    }
    if (s.string(KAFKA_PREFIX + "group.protocol", "classic").equalsIgnoreCase("streams")) {
      throw new ConfigException(
          INSTANCE_ID,
          "static membership is not supported by kafka.group.protocol=streams (KIP-1071): remove"
              + " one of the two");
    }
    for (String key : s.asMap().keySet()) {
      if (key.startsWith(KAFKA_PREFIX)
          && (key.equals(KAFKA_PREFIX + "group.instance.id")
              || key.endsWith(".group.instance.id"))) {
        throw new ConfigException(
            INSTANCE_ID,
            "set together with "
                + key
                + ": set only instance.id (the screener derives the consumers' group.instance.id"
                + " from it)");
      }
    }
    return Optional.of(id);
  }

  /**
   * The future skew: at least a second, at most a day (brokers refuse more than an hour by
   * default).
   */
  private static Duration futureSkew(Settings s) {
    Duration skew = s.duration("validation.max-future-skew");
    if (skew.compareTo(Duration.ofSeconds(1)) < 0 || skew.compareTo(Duration.ofDays(1)) > 0) {
      throw new ConfigException(
          "validation.max-future-skew", "must be between 1s and 1d, was " + skew);
    }
    return skew;
  }
}
