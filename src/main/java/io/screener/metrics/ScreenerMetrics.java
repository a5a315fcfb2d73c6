package io.screener.metrics;

import io.micrometer.core.instrument.Counter;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The screener's metrics in a Prometheus registry: what the topology reports through {@link
 * ScreeningEvents}, Kafka Streams' own metrics, and the JVM's.
 *
 * <p>Tags have bounded values only: decision, reason code and policy category are enums, and a dead
 * letter's cause is reduced to a short class (see {@link DeadLetterCause}), never the full message,
 * which may quote the offending value.
 */
public final class ScreenerMetrics implements ScreeningEvents, AutoCloseable {
  static final double[] PERCENTILES = {0.5, 0.95, 0.99};
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
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile KafkaStreamsMetrics streamsMetrics;

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
            .publishPercentiles(PERCENTILES)
            .register(registry);
    processing =
        Timer.builder("screener.record.latency")
            .description("Wall-clock time from reading a payment to emitting its decision")
            .publishPercentiles(PERCENTILES)
            .register(registry);
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
    decided
        .get(screening.decision())
        .computeIfAbsent(
            category,
            c ->
                Counter.builder("screener.payments.decided")
                    .description("Payments decided, by decision and policy category")
                    .tags("decision", screening.decision().name(), "category", c)
                    .register(registry))
        .increment();
    Map<ReasonCode, Counter> byCode = reasons.get(screening.decision());
    for (Reason reason : screening.reasons()) {
      byCode.get(reason.code()).increment();
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
    counter(
            "screener.stream.thread.failures",
            "Stream threads that died of an error no record handler took, by what followed",
            "response",
            replaced ? "replaced" : "shutdown")
        .increment();
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
    counter(
            "screener.rules.installed",
            "Rules versions put in force from screener-config",
            "version",
            version)
        .increment();
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
