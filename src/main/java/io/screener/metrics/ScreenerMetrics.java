package io.screener.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.screener.domain.Decision;
import io.screener.domain.Reason;
import io.screener.domain.ReasonCode;
import io.screener.domain.Screening;
import io.screener.screening.DeadLetterStage;
import io.screener.screening.ScreeningEvents;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.jspecify.annotations.Nullable;

/**
 * The screener's metrics in a Prometheus registry: what the topology reports through {@link
 * ScreeningEvents}, Kafka Streams' own metrics, and the JVM's.
 *
 * <p>Tags have bounded values only: decision, reason code and policy category are enums, and a dead
 * letter's cause is reduced to a short class (see {@link DeadLetterCause}), never the full message,
 * which may quote the offending value.
 */
public final class ScreenerMetrics implements ScreeningEvents, AutoCloseable {
  /**
   * Histogram buckets (seconds) of the scorer's time: around its 1 µs goal. Buckets, not
   * client-side percentiles, so that instances aggregate.
   */
  static final double[] SCORING_BUCKETS = {1e-6, 2e-6, 5e-6, 1e-5, 1e-4, 1e-3};

  /** Histogram buckets (seconds) of a payment's way from intake to decision: around 10-100 ms. */
  static final double[] RECORD_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private static final String NO_CATEGORY = "NONE";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Decision, Map<String, Counter>> decided = new EnumMap<>(Decision.class);
  private final Map<Decision, Map<ReasonCode, Counter>> reasons = new EnumMap<>(Decision.class);
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Counter duplicates;
  private final Counter blockedByStatus;
  private final Timer scoring;
  private final Timer processing;
  private final Counter rulesInstalled;
  private final AtomicLong newestEventTime = new AtomicLong(Long.MIN_VALUE);
  private @Nullable Gauge rulesInfo;
  private final Map<Decision, Map<Decision, Counter>> shadowDecisions =
      new EnumMap<>(Decision.class);
  private @Nullable Gauge shadowRulesInfo;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile @Nullable KafkaStreamsMetrics streamsMetrics;

  public ScreenerMetrics() {
    for (Decision decision : Decision.values()) {
      decided.put(decision, new ConcurrentHashMap<>());
      Map<ReasonCode, Counter> byCode = new EnumMap<>(ReasonCode.class);
      for (ReasonCode code : ReasonCode.values()) {
        byCode.put(
            code,
            Counter.builder("screener.decision.reasons")
                .description("Reasons given in decisions, by reason code and decision")
                .tags("reason", code.name(), "decision", decision.name())
                .register(registry));
      }
      reasons.put(decision, byCode);
    }
    blockedByStatus =
        Counter.builder("screener.payments.blocked.by.status")
            .description(
                "Payments blocked with an account's enforcement status among the reasons (banned, or restricted"
                    + " from the function used): how far one account's ban reaches")
            .register(registry);
    duplicates =
        Counter.builder("screener.payments.duplicates")
            .description("Payments delivered again within dedup.retention and not decided twice")
            .register(registry);
    scoring =
        Timer.builder("screener.scoring.latency")
            .description("Time spent in the scorer per payment")
            .serviceLevelObjectives(durations(SCORING_BUCKETS))
            .register(registry);
    processing =
        Timer.builder("screener.record.latency")
            .description("Wall-clock time from reading a payment to emitting its decision")
            .serviceLevelObjectives(durations(RECORD_BUCKETS))
            .register(registry);
    Gauge.builder("screener.event.time.lag", this, ScreenerMetrics::eventTimeLagSeconds)
        .description(
            "Seconds from the event time of the newest payment decided to now: how far behind the"
                + " payments decisions are (NaN before the first)")
        .baseUnit("seconds")
        .register(registry);
    String build = ScreenerMetrics.class.getPackage().getImplementationVersion();
    Gauge.builder("screener.build.info", () -> 1)
        .description("The build running, as labels; always 1")
        .tags(
            "version", build == null ? "development" : build, "java", Runtime.version().toString())
        .register(registry);
    rulesInstalled =
        Counter.builder("screener.rules.installed")
            .description("Rules versions put in force (from screener-config, or the file at start)")
            .register(registry);
    // Every pair, present at zero from the start: a dashboard shows agreement before any
    // disagreement, and the series do not appear only when a shadow is first set.
    for (Decision live : Decision.values()) {
      Map<Decision, Counter> byShadow = new EnumMap<>(Decision.class);
      for (Decision shadow : Decision.values()) {
        byShadow.put(
            shadow,
            Counter.builder("screener.shadow.decisions")
                .description(
                    "Payments scored by the shadow rules too, by the live decision and the one the"
                        + " shadow would have given (they differ: written to the shadow diff topic)")
                .tags("live", live.name(), "shadow", shadow.name())
                .register(registry));
      }
      shadowDecisions.put(live, byShadow);
    }
    // Present at zero from the start, so that alert rules on them have a series to watch.
    for (boolean replaced : new boolean[] {true, false}) {
      threadFailures(replaced);
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** Adds the Kafka Streams client's own metrics (threads, tasks, stores, clients). */
  public void bind(KafkaStreams streams) {
    KafkaStreamsMetrics bound = new KafkaStreamsMetrics(streams);
    bound.bindTo(registry);
    streamsMetrics = bound;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void decided(Screening screening, long scoringNanos) {
    String category = screening.category() == null ? NO_CATEGORY : screening.category().name();
    Objects.requireNonNull(decided.get(screening.decision()), "counters for every decision")
        .computeIfAbsent(
            category,
            c ->
                Counter.builder("screener.payments.decided")
                    .description("Payments decided, by decision and policy category")
                    .tags("decision", screening.decision().name(), "category", c)
                    .register(registry))
        .increment();
    Map<ReasonCode, Counter> byCode =
        Objects.requireNonNull(reasons.get(screening.decision()), "counters for every decision");
    for (Reason reason : screening.reasons()) {
      Objects.requireNonNull(byCode.get(reason.code()), "a counter for every reason code")
          .increment();
    }
    if (screening.blockedByStatus()) {
      blockedByStatus.increment();
    }
    scoring.record(scoringNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void processed(long millis) {
    processing.record(Duration.ofMillis(millis));
  }

  @Override
  public void deadLettered(DeadLetterStage stage, String reason) {
    deadLetter("payments", stage.name(), DeadLetterCause.of(stage, reason));
  }

  @Override
  public void feedDeadLettered(String topic, String reason) {
    deadLetter(
        topic, DeadLetterStage.DECODE.name(), DeadLetterCause.of(DeadLetterStage.DECODE, reason));
  }

  @Override
  public void streamThreadFailed(boolean replaced) {
    threadFailures(replaced).increment();
  }

  private Counter threadFailures(boolean replaced) {
    return counter(
        "screener.stream.thread.failures",
        "Stream threads that died of an error no record handler took, by what followed",
        "response",
        replaced ? "replaced" : "shutdown");
  }

  @Override
  public void statusChanged(String status) {
    counter(
            "screener.account.actions",
            "Account status changes written to account-actions, by new status",
            "status",
            status)
        .increment();
  }

  @Override
  public void verdictDeadLettered(String reason) {
    deadLetter(
        "review-verdicts",
        DeadLetterStage.VALIDATE.name(),
        DeadLetterCause.of(DeadLetterStage.VALIDATE, reason));
  }

  @Override
  public void rulesInForce(String version) {
    rulesInstalled.increment();
    synchronized (this) {
      if (rulesInfo != null) {
        registry.remove(rulesInfo);
      }
      rulesInfo =
          Gauge.builder("screener.rules.info", () -> 1)
              .description("The rules version in force, as a label; always 1")
              .tags("version", version)
              .register(registry);
    }
  }

  @Override
  public void shadowRulesInForce(@Nullable String version) {
    synchronized (this) {
      if (shadowRulesInfo != null) {
        registry.remove(shadowRulesInfo);
        shadowRulesInfo = null;
      }
      if (version != null) {
        shadowRulesInfo =
            Gauge.builder("screener.shadow.rules.info", () -> 1)
                .description(
                    "The shadow rules version set beside the live one, as a label; always 1")
                .tags("version", version)
                .register(registry);
      }
    }
  }

  @Override
  public void shadowDecided(Decision live, Decision shadow) {
    Objects.requireNonNull(
            Objects.requireNonNull(shadowDecisions.get(live), "counters for every decision")
                .get(shadow),
            "counters for every pair")
        .increment();
  }

  @Override
  public void eventTime(long eventTimeMillis) {
    newestEventTime.accumulateAndGet(eventTimeMillis, Math::max);
  }

  private double eventTimeLagSeconds() {
    long newest = newestEventTime.get();
    return newest == Long.MIN_VALUE ? Double.NaN : (System.currentTimeMillis() - newest) / 1000.0;
  }

  private static Duration[] durations(double[] seconds) {
    Duration[] durations = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
    }
    return durations;
  }

  private Counter counter(String name, String description, String tag, String value) {
    Counter.Builder builder = Counter.builder(name).description(description);
    if (tag != null) {
      builder.tag(tag, value);
    }
    return builder.register(registry);
  }

  @Override
  public void duplicate(String transactionId) {
    duplicates.increment();
  }

  private void deadLetter(String source, String stage, String cause) {
    deadLetters
        .computeIfAbsent(
            source + '\0' + stage + '\0' + cause,
            k ->
                Counter.builder("screener.dead.letters")
                    .description(
                        "Records sent to the dead-letter topic, by source, stage and cause")
                    .tags(Tags.of("source", source, "stage", stage, "cause", cause))
                    .register(registry))
        .increment();
  }

  /** Stops the Kafka Streams metrics' refresh and the registry. Idempotent. */
  @Override
  public void close() {
    KafkaStreamsMetrics bound = streamsMetrics;
    if (bound != null) {
      bound.close();
    }
    gc.close();
    registry.close();
  }
}
