package io.screener.bench;

import io.screener.avro.PaymentEvent;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.broker.TopicSetup;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.demo.HistoryPublisher;
import io.screener.demo.LatencyRecorder;
import io.screener.files.Folders;
import io.screener.generate.HistoryGenerator;
import io.screener.generate.HistorySpec;
import io.screener.screening.ScreeningEvents;
import io.screener.service.ScreenerService;
import io.screener.service.SendFailures;
import io.screener.service.StreamsProperties;
import io.screener.service.TopicSpec;
import io.screener.topology.ScreenerTopology;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;

/**
 * The broker benchmark of issue 7: on one machine, a real Kafka broker in a child JVM, the
 * screener's topics, reputation and quotes, and N generated payments preloaded; then, in this JVM,
 * a pass-through Kafka Streams application and the screener over the same payments (throughput),
 * and the screener at a fixed offered rate under exactly-once and at-least-once (latency).
 *
 * <p>Throughput is N over the time from the first to the last of the N output records' broker
 * append times (output topics use {@code LogAppendTime}), as read by a read_committed consumer in
 * this JVM; the older measure, from the first client reporting RUNNING to that consumer having read
 * N records, is reported beside it. Latency is from the wall clock just before {@code
 * producer.send} of a payment to the broker's append time of its decision (output topics use {@code
 * message.timestamp.type=LogAppendTime}); the time at which the decision became visible to the
 * read_committed consumer is reported beside it.
 */
public final class Bench {
  /**
   * What to run.
   *
   * @param payments payments preloaded for the throughput phases
   * @param partitions partitions of the payment and output topics
   * @param ratePerSecond offered rate of the latency phases
   * @param latencyPhase how long each latency phase sends payments for its main percentiles
   * @param latencyWarmup how long each latency phase sends payments before that, at the same rate:
   *     they are decided and counted, but only in the {@code *WithStart} percentiles, so that the
   *     main ones are the steady state and not the first seconds after the screener starts
   * @param instances screener instances in the screener throughput phase (same JVM)
   * @param eosCommitIntervalMs {@code commit.interval.ms} of the exactly-once latency phase
   * @param latencyOverrides settings applied to the latency phases only, after {@code overrides}
   * @param warmup run the pass-through and the screener once untimed-for-the-ratio (cold figures)
   *     before the timed runs, so the ratio compares JIT-compiled, steady-state code
   * @param maxWarmupPasses after the cold run, run the screener over the payments again, at most
   *     this many times, while the JIT compilers were busy for more than {@link #JIT_QUIET} of the
   *     last run: a fresh JVM compiles the screener's hot code for a minute or more on this box
   * @param referenceRoundTrips round trips of Kafka's {@code EndToEndLatency}; 0 runs none of
   *     Kafka's own tools (the {@code reference*} figures)
   * @param historyDays days of event time the generated history spans; 0 for the generator's own
   *     choice ({@link HistorySpec#defaultDays}: 6,500 payments a day, at most 30 days)
   */
  public record Options(
      Path config,
      Map<String, String> overrides,
      long payments,
      int partitions,
      int ratePerSecond,
      Duration latencyPhase,
      Duration latencyWarmup,
      int instances,
      long eosCommitIntervalMs,
      long seed,
      Map<String, String> latencyOverrides,
      boolean warmup,
      int maxWarmupPasses,
      boolean keyByTransaction,
      int referenceRoundTrips,
      int historyDays) {}

  /**
   * Latency of one profile, in milliseconds. {@code appended}: from before the send to the
   * decision's broker append time; {@code visible}: to the reader receiving it; {@code withStart}:
   * {@code appended} with the warm-up's payments. The measured payments' way split at the payment's
   * append time: {@code inputHop} before it (the load producer's hop), {@code fromInput} after it
   * (the screener's own part, timed from the input record's timestamp as the issue defines it).
   * {@code gc}: the collections the JVM the screener shares with the bench paused for, from the
   * first measured send to the end of the drain.
   */
  record Latency(
      long sent,
      long decided,
      long sentWithStart,
      long decidedWithStart,
      Percentiles appended,
      long max,
      Percentiles visible,
      double achievedRate,
      Percentiles withStart,
      Percentiles inputHop,
      Percentiles fromInput,
      GcPauses gc,
      String commitIntervalMs,
      Commits commits) {}

  /** The p50, p99 and p99.9 of one recorder, in milliseconds. */
  record Percentiles(long p50, long p99, long p999) {
    static Percentiles of(LatencyRecorder recorder) {
      return new Percentiles(
          recorder.percentile(0.50), recorder.percentile(0.99), recorder.percentile(0.999));
    }
  }

  /**
   * Throughput of one phase.
   *
   * @param seconds from the first to the last output record's broker append time
   * @param secondsFromRunning from the first client reporting RUNNING to the counter reading the
   *     last
   * @param cpuNanos CPU time of this JVM (every thread, native ones included) from the first output
   *     record counted to the last, less the counting thread's own
   * @param jitNanos compile time the JVM reports over the same span: the elapsed time of each
   *     compilation that finished in it, summed over the compiler threads. It is not CPU time and
   *     not a part of {@code cpuNanos}: a compilation begun before the span counts whole, and a
   *     compiler thread waiting for a core counts its wait, so on a busy machine or a short run it
   *     can exceed {@code cpuNanos}
   */
  record Throughput(
      long records,
      double seconds,
      double secondsFromRunning,
      long startupMillis,
      boolean complete,
      long cpuNanos,
      long jitNanos) {
    /** The share of the run's span the JIT compilers were compiling (above 1 with several busy). */
    double jitShare() {
      return seconds <= 0 ? 0 : jitNanos / 1e9 / seconds;
    }

    double jitMicrosPerRecord() {
      return records == 0 ? 0 : jitNanos / 1e3 / records;
    }

    double perSecond() {
      return seconds <= 0 ? 0 : records / seconds;
    }

    double perSecondFromRunning() {
      return secondsFromRunning <= 0 ? 0 : records / secondsFromRunning;
    }

    double cpuMicrosPerRecord() {
      return records == 0 ? 0 : cpuNanos / 1e3 / records;
    }
  }

  private static final String PASS_THROUGH_OUT = "bench-pass-through-out";
  private static final String STATEFUL_OUT = "bench-stateful-reference-out";
  private static final String STATEFUL_STORE = "bench-stateful-reference-store";
  private static final String REFERENCE_PRODUCE = "bench-reference-produce";
  private static final String REFERENCE_ROUND_TRIPS = "bench-reference-round-trips";
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /**
   * JIT compiling for at most this share of a run's span counts as settled: it was 37% of the JVM's
   * CPU through a timed run that followed a single cold run of 100,000 payments (BENCHMARKS.md).
   */
  static final double JIT_QUIET = 0.05;

  private static final List<String> BROKER_JVM =
      List.of("-Xms512m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true");

  private final Options options;
  private final PrintStream out;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  // Application ids whose own account-actions topic exists (instances of one application share it).
  private final java.util.Set<String> withOwnActions = new java.util.HashSet<>();

  public Bench(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Publishes the payments keyed by payee, as the screener recommends, or by transaction id. */
  private HistoryPublisher publisher() {
    return options.keyByTransaction()
        ? new HistoryPublisher(PaymentEvent::getTransactionId)
        : new HistoryPublisher();
  }

  /** Runs every phase and returns the figures, in the order of the table. */
  public Map<String, Object> run() throws Exception {
    Path work = Files.createTempDirectory("screener-bench");
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .mode(EmbeddedKafkaBroker.Mode.CHILD_PROCESS)
            .childJvmOptions(BROKER_JVM)
            .partitions(options.partitions())
            .start()) {
      ScreenerSettings base = settings(broker, work, "bench-screener-" + runId, Map.of());
      TopicNames topics = base.topics();
      // Every topic but the application's own account-actions, which settings() created.
      broker.createTopics(
          TopicSetup.specs(topics, options.partitions()).stream()
              .filter(spec -> !spec.name().equals(topics.accountActions()))
              .toList());
      broker.createTopics(
          List.of(
              TopicSpec.deleting(PASS_THROUGH_OUT, options.partitions()),
              TopicSpec.deleting(STATEFUL_OUT, options.partitions())));
      keepForever(broker, List.of(topics.payments()));
      logAppendTime(
          broker,
          List.of(
              topics.blocked(),
              topics.flagged(),
              topics.cleared(),
              topics.deadLetter(),
              PASS_THROUGH_OUT,
              STATEFUL_OUT));
      out.printf(
          "bench: broker (child JVM) on %s, %d partitions%n",
          broker.bootstrapServers(), options.partitions());

      long latencyPayments =
          (long) options.ratePerSecond()
              * options.latencyPhase().plus(options.latencyWarmup()).toSeconds();
      long total =
          Math.max(HistorySpec.MIN_PAYMENTS, Math.max(options.payments(), latencyPayments));
      Duration span =
          Duration.ofDays(
              options.historyDays() > 0 ? options.historyDays() : HistorySpec.defaultDays(total));
      // The history ends a day before now: its last payments may spill a little past the span, and
      // the broker rejects whole batches with a timestamp more than
      // message.timestamp.after.max.ms (1 h by default) ahead of its clock.
      HistoryGenerator history =
          new HistoryGenerator(
              new HistorySpec(
                  total,
                  options.seed(),
                  Instant.now().minus(span).minus(Duration.ofDays(1)),
                  span));

      double preloadSeconds;
      long paymentBytes = 0;
      try (KafkaProducer<byte[], byte[]> producer = preloadProducer(broker)) {
        HistoryPublisher.Seeded seeded =
            HistoryPublisher.seedFeeds(producer, topics, history, Instant.now());
        out.printf(
            "bench: seeded %d merchant and %d counterparty reputation records, %,d quotes%n",
            seeded.merchants(), seeded.counterparties(), seeded.quotes());
        long t0 = System.nanoTime();
        HistoryPublisher publisher = publisher();
        Iterator<io.screener.generate.LabeledPayment> it = history.payments();
        SendFailures failures = new SendFailures();
        for (long i = 0; i < options.payments(); i++) {
          ProducerRecord<byte[], byte[]> payment =
              publisher.payment(topics.payments(), it.next().payment());
          paymentBytes += payment.value().length;
          failures.send(producer, payment);
        }
        producer.flush();
        failures.check("preloaded payments");
        preloadSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(
            "bench: preloaded %,d payments in %.1f s (%,.0f/s, generation included)%n",
            options.payments(), preloadSeconds, options.payments() / preloadSeconds);
      }

      Reference reference = null;
      if (options.referenceRoundTrips() > 0) {
        reference = reference(broker, work, (int) Math.max(1, paymentBytes / options.payments()));
      }

      Throughput passThroughCold = null;
      Throughput statefulCold = null;
      Throughput screenerCold = null;
      int warmupPasses = 0;
      if (options.warmup()) {
        // Cold runs first (fresh JVM code: interpreter, then the JIT compiling beside the app); the
        // timed runs below then measure the steady state a long-running service is in.
        passThroughCold = passThrough(broker, work, "bench-pass-through-cold-" + runId);
        out.printf(
            "bench: pass-through, cold %,.0f records/s (%,d in %.2f s)%n",
            passThroughCold.perSecond(), passThroughCold.records(), passThroughCold.seconds());
        statefulCold = statefulReference(broker, work, "bench-stateful-reference-cold-" + runId);
        out.printf(
            "bench: stateful reference, cold %,.0f records/s (%,d in %.2f s)%n",
            statefulCold.perSecond(), statefulCold.records(), statefulCold.seconds());
        screenerCold = screenerThroughput(broker, work, topics, "bench-screener-cold-" + runId);
        out.printf(
            "bench: screener, cold %,.0f payments/s (%,d in %.2f s, %d instance(s), JIT compiling %.0f%% of it)%n",
            screenerCold.perSecond(),
            screenerCold.records(),
            screenerCold.seconds(),
            options.instances(),
            100 * screenerCold.jitShare());
        Throughput last = screenerCold;
        while (last.jitShare() > JIT_QUIET && warmupPasses < options.maxWarmupPasses()) {
          warmupPasses++;
          last =
              screenerThroughput(
                  broker, work, topics, "bench-screener-warmup-" + warmupPasses + "-" + runId);
          out.printf(
              "bench: screener, warm-up pass %d: %,.0f payments/s, JIT compiling %.0f%% of it%n",
              warmupPasses, last.perSecond(), 100 * last.jitShare());
        }
      }
      Throughput passThrough = passThrough(broker, work, "bench-pass-through-" + runId);
      out.printf(
          "bench: pass-through %,.0f records/s (%,d in %.2f s, %.1f µs of CPU a record)%n",
          passThrough.perSecond(),
          passThrough.records(),
          passThrough.seconds(),
          passThrough.cpuMicrosPerRecord());
      Throughput stateful = statefulReference(broker, work, "bench-stateful-reference-" + runId);
      out.printf(
          "bench: stateful reference %,.0f records/s (%,d in %.2f s, %.1f µs of CPU a record)%n",
          stateful.perSecond(),
          stateful.records(),
          stateful.seconds(),
          stateful.cpuMicrosPerRecord());
      Map<String, Long> writtenBefore =
          writtenByScreener(broker, topics, "bench-screener-" + runId);
      Throughput screener = screenerThroughput(broker, work, topics, "bench-screener-" + runId);
      out.printf(
          "bench: screener %,.0f payments/s (%,d in %.2f s, %d instance(s), %.1f µs of CPU a payment; JIT compiling %.1f µs a payment, elapsed)%n",
          screener.perSecond(),
          screener.records(),
          screener.seconds(),
          options.instances(),
          screener.cpuMicrosPerRecord(),
          screener.jitMicrosPerRecord());
      Map<String, Long> written = writtenByScreener(broker, topics, "bench-screener-" + runId);
      writtenBefore.forEach((topic, before) -> written.merge(topic, -before, Long::sum));
      long writtenTotal = written.values().stream().mapToLong(Long::longValue).sum();
      out.printf(
          "bench: the screener wrote %.2f records per payment: %s%n",
          writtenTotal / (double) options.payments(), written);

      Map<String, String> eos =
          Map.of(
              "kafka.processing.guarantee",
              StreamsConfig.EXACTLY_ONCE_V2,
              "kafka.commit.interval.ms",
              Long.toString(options.eosCommitIntervalMs()));
      Latency exactlyOnce = latency(broker, work, history, "eos", eos);
      Map<String, String> alos = Map.of("kafka.processing.guarantee", StreamsConfig.AT_LEAST_ONCE);
      Latency atLeastOnce = latency(broker, work, history, "alos", alos);

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("payments", options.payments());
      result.put("partitions", options.partitions());
      result.put("screenerInstances", options.instances());
      // The screener runs in this JVM: its heap and flags are the service's under test.
      result.put("jvmHeapMaxBytes", Runtime.getRuntime().maxMemory());
      result.put(
          "jvmOptions", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      result.put("preloadPerSec", round(options.payments() / preloadSeconds));
      result.put("passThroughPerSec", round(passThrough.perSecond()));
      result.put("passThroughSeconds", round3(passThrough.seconds()));
      result.put("passThroughFromRunningPerSec", round(passThrough.perSecondFromRunning()));
      result.put("passThroughComplete", passThrough.complete());
      result.put("screenerPerSec", round(screener.perSecond()));
      result.put("screenerSeconds", round3(screener.seconds()));
      result.put("screenerFromRunningPerSec", round(screener.perSecondFromRunning()));
      result.put("screenerComplete", screener.complete());
      result.put("ratio", round3(ratio(screener, passThrough)));
      result.put("statefulReferencePerSec", round(stateful.perSecond()));
      result.put("statefulReferenceComplete", stateful.complete());
      result.put("ratioStateful", round3(ratio(screener, stateful)));
      result.put("screenerCpuMicrosPerPayment", round(screener.cpuMicrosPerRecord()));
      result.put("screenerJitMicrosPerPayment", round(screener.jitMicrosPerRecord()));
      result.put("screenerJitShare", round3(screener.jitShare()));
      result.put("screenerWarmupPasses", warmupPasses);
      result.put("statefulReferenceCpuMicrosPerRecord", round(stateful.cpuMicrosPerRecord()));
      result.put("passThroughCpuMicrosPerRecord", round(passThrough.cpuMicrosPerRecord()));
      result.put("warmup", options.warmup());
      // The cold runs are there exactly when warming up.
      if (passThroughCold != null && statefulCold != null && screenerCold != null) {
        result.put("passThroughColdPerSec", round(passThroughCold.perSecond()));
        result.put("statefulReferenceColdPerSec", round(statefulCold.perSecond()));
        result.put("screenerColdPerSec", round(screenerCold.perSecond()));
        result.put("ratioCold", round3(ratio(screenerCold, passThroughCold)));
        result.put("ratioStatefulCold", round3(ratio(screenerCold, statefulCold)));
        result.put("screenerJitShareCold", round3(screenerCold.jitShare()));
      }
      result.put(
          "screenerRecordsWrittenPerPayment", round3(writtenTotal / (double) options.payments()));
      result.put("screenerRecordsWritten", written.toString());
      result.put("throughputCommitIntervalMs", commitIntervalMs(base));
      result.put(
          "throughputProcessingGuarantee",
          base.kafka().getOrDefault("processing.guarantee", StreamsConfig.EXACTLY_ONCE_V2));
      result.put("stateStore", base.stateStore().name().toLowerCase(Locale.ROOT));
      result.put("paymentKey", options.keyByTransaction() ? "transactionId" : "payeeId");
      result.put("historyDays", span.toDays());
      result.put("rate", options.ratePerSecond());
      result.put("latencySeconds", options.latencyPhase().toSeconds());
      result.put("latencyWarmupSeconds", options.latencyWarmup().toSeconds());
      put(result, "ExactlyOnce", exactlyOnce);
      result.put("eosCommitIntervalMs", options.eosCommitIntervalMs());
      put(result, "AtLeastOnce", atLeastOnce);
      result.put(
          "latencyOverrides",
          options.latencyOverrides().isEmpty() ? "none" : options.latencyOverrides().toString());
      if (reference != null) {
        result.put("referenceRecordBytes", reference.recordBytes());
        result.put("referenceProducerPerSec", round(reference.unthrottled().perSecond()));
        result.put("referenceProducerRecordsAtRate", reference.atRate().records());
        result.put("referenceProducerP50MsAtRate", reference.atRate().p50Ms());
        result.put("referenceProducerP99MsAtRate", reference.atRate().p99Ms());
        result.put("referenceProducerP999MsAtRate", reference.atRate().p999Ms());
        result.put("referenceRoundTrips", reference.roundTrips().records());
        result.put("referenceRoundTripP50Ms", reference.roundTrips().p50Ms());
        result.put("referenceRoundTripP99Ms", reference.roundTrips().p99Ms());
        result.put("referenceRoundTripP999Ms", reference.roundTrips().p999Ms());
        // The screener's tail above what Kafka's own round trip costs on this broker, in this run.
        result.put(
            "p99OverReferenceMsExactlyOnce",
            exactlyOnce.appended().p99() - reference.roundTrips().p99Ms());
        result.put(
            "p99OverReferenceMsAtLeastOnce",
            atLeastOnce.appended().p99() - reference.roundTrips().p99Ms());
      }
      result.put("latencyFrom", "wall clock before producer.send");
      result.put(
          "latencyTo",
          "decision's broker LogAppendTime (visible*: read_committed consumer receives it)");
      result.put(
          "latencySplit",
          "inputHop*: wall clock before producer.send to the payment's LogAppendTime; fromInput*: payment's LogAppendTime to the decision's");
      return result;
    } finally {
      Folders.deleteQuietly(work);
    }
  }

  private static void put(Map<String, Object> result, String profile, Latency l) {
    result.put("p50Ms" + profile, l.appended().p50());
    result.put("p99Ms" + profile, l.appended().p99());
    result.put("p999Ms" + profile, l.appended().p999());
    result.put("maxMs" + profile, l.max());
    put(result, "visible", profile, l.visible());
    result.put("sent" + profile, l.sent());
    result.put("decided" + profile, l.decided());
    result.put("achievedRate" + profile, round(l.achievedRate()));
    result.put("sentWithStart" + profile, l.sentWithStart());
    result.put("decidedWithStart" + profile, l.decidedWithStart());
    result.put("p50MsWithStart" + profile, l.withStart().p50());
    result.put("p99MsWithStart" + profile, l.withStart().p99());
    result.put("p999MsWithStart" + profile, l.withStart().p999());
    put(result, "inputHop", profile, l.inputHop());
    put(result, "fromInput", profile, l.fromInput());
    result.put("gcPauses" + profile, l.gc().count());
    result.put("gcPauseMs" + profile, l.gc().millis());
    result.put("commitIntervalMs" + profile, l.commitIntervalMs());
    result.put("commits" + profile, l.commits().count());
    result.put("commitAvgMs" + profile, round3(l.commits().avgMs()));
    result.put("commitMaxMs" + profile, round3(l.commits().maxMs()));
  }

  /** The {@code commit.interval.ms} the screener runs with under these settings. */
  private static String commitIntervalMs(ScreenerSettings settings) {
    return StreamsProperties.of(settings).getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }

  private static void put(Map<String, Object> result, String leg, String profile, Percentiles p) {
    result.put(leg + "P50Ms" + profile, p.p50());
    result.put(leg + "P99Ms" + profile, p.p99());
    result.put(leg + "P999Ms" + profile, p.p999());
  }

  private ScreenerSettings settings(
      EmbeddedKafkaBroker broker, Path work, String applicationId, Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(options.overrides());
    overrides.putAll(extra);
    overrides.put("bootstrap.servers", broker.bootstrapServers());
    overrides.put("application.id", applicationId);
    overrides.put("state.dir", work.resolve("state-" + applicationId).toString());
    overrides.put("metrics.address", "127.0.0.1:0");
    // Each application its own account statuses: they feed back into screening, so a run that read
    // an earlier run's bans would not be measuring the same work.
    String actions = ScreenerSettings.DEFAULTS.get("topic.account-actions") + "-" + applicationId;
    overrides.put("topic.account-actions", actions);
    if (withOwnActions.add(applicationId)) {
      broker.createTopics(TopicSpec.compacted(actions, 1));
    }
    return ScreenerSettings.load(options.config(), System.getenv(), overrides);
  }

  /**
   * Reads payments as bytes and writes each record unchanged to one topic, with the screener's
   * Kafka settings.
   */
  private Throughput passThrough(EmbeddedKafkaBroker broker, Path work, String applicationId)
      throws Exception {
    ScreenerSettings settings = settings(broker, work, applicationId, Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            settings.topics().payments(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(PASS_THROUGH_OUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    Properties props = StreamsProperties.of(settings);
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      return timed(broker, List.of(streams), List.of(PASS_THROUGH_OUT), streams::start);
    }
  }

  /**
   * The least a stateful screener must do, on the same broker, partitions and Kafka settings: read
   * a payment (bytes, keyed by payee), get and put one changelogged key-value record keyed by payee
   * (in the kind of store {@code state.store} names; the value is a count), write the payment on to
   * one output topic.
   */
  private Throughput statefulReference(EmbeddedKafkaBroker broker, Path work, String applicationId)
      throws Exception {
    ScreenerSettings settings = settings(broker, work, applicationId, Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            ScreenerTopology.store(settings, STATEFUL_STORE), Serdes.ByteArray(), Serdes.Long()));
    builder.stream(
            settings.topics().payments(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .process(
            () -> new CountingProcessor(), Named.as("bench-stateful-reference"), STATEFUL_STORE)
        .to(STATEFUL_OUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (KafkaStreams streams = new KafkaStreams(builder.build(), StreamsProperties.of(settings))) {
      return timed(broker, List.of(streams), List.of(STATEFUL_OUT), streams::start);
    }
  }

  /** One get and one put of the record's key, then the record forwarded as it came. */
  private static final class CountingProcessor
      implements Processor<byte[], byte[], byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<byte[], Long> store;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.store = context.getStateStore(STATEFUL_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      Long count = store.get(record.key());
      store.put(record.key(), count == null ? 1 : count + 1);
      context.forward(record);
    }
  }

  private static double ratio(Throughput of, Throughput to) {
    return to.perSecond() == 0 ? 0 : of.perSecond() / to.perSecond();
  }

  private Throughput screenerThroughput(
      EmbeddedKafkaBroker broker, Path work, TopicNames topics, String applicationId)
      throws Exception {
    List<ScreenerService> services = new ArrayList<>();
    try {
      for (int i = 0; i < options.instances(); i++) {
        ScreenerSettings settings =
            settings(broker, work.resolve("instance-" + i), applicationId, Map.of());
        services.add(new ScreenerService(settings, ScreeningEvents.NONE));
      }
      List<KafkaStreams> clients = services.stream().map(ScreenerService::streams).toList();
      return timed(
          broker, clients, decisionTopics(topics), () -> services.forEach(ScreenerService::start));
    } finally {
      services.forEach(ScreenerService::close);
    }
  }

  /**
   * Records the screener throughput phase wrote, by topic: its internal topics (repartition and
   * changelogs) and the decision topics, as the sum of their partitions' end offsets. Offsets also
   * count transaction markers (one per partition a transaction wrote to, per commit), so under
   * exactly-once this slightly overstates the records.
   */
  private static Map<String, Long> writtenByScreener(
      EmbeddedKafkaBroker broker, TopicNames topics, String applicationId) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    Map<String, Long> written = new java.util.TreeMap<>();
    try (Admin admin = Admin.create(p)) {
      List<String> names = new ArrayList<>(decisionTopics(topics));
      for (String name : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
        if (name.startsWith(applicationId + "-")) {
          names.add(name);
        }
      }
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
      admin
          .describeTopics(names)
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(
                          info ->
                              request.put(
                                  new TopicPartition(name, info.partition()),
                                  org.apache.kafka.clients.admin.OffsetSpec.latest())));
      admin
          .listOffsets(request)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (tp, info) ->
                  written.merge(
                      tp.topic().startsWith(applicationId + "-")
                          ? tp.topic().substring(applicationId.length() + 1)
                          : tp.topic(),
                      info.offset(),
                      Long::sum));
    }
    return written;
  }

  /**
   * Starts the clients, waits for the first to be RUNNING (t0), then counts committed records on
   * the output topics until there are N (t1). Gives up after a bound proportional to N.
   */
  private Throughput timed(
      EmbeddedKafkaBroker broker, List<KafkaStreams> clients, List<String> outputs, Runnable start)
      throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> counter = committedReader(broker, outputs)) {
      // Count only what this run writes: an earlier (warm-up) run may have written to the same
      // topics.
      counter.seekToEnd(counter.assignment());
      counter.assignment().forEach(counter::position);
      long started = System.nanoTime();
      AtomicBoolean running = new AtomicBoolean();
      AtomicLong t0 = new AtomicLong();
      Thread watcher =
          new Thread(
              () -> {
                while (!running.get() && !Thread.currentThread().isInterrupted()) {
                  for (KafkaStreams c : clients) {
                    if (c.state() == KafkaStreams.State.RUNNING) {
                      t0.set(System.nanoTime());
                      running.set(true);
                      break;
                    }
                  }
                  Thread.onSpinWait();
                  try {
                    Thread.sleep(0, 200_000);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-running-watch");
      watcher.start();
      // CPU of this JVM less the counting thread's, sampled from before the start and at each poll
      // with the wall clock, so that it can be read at the broker's append times of the first and
      // the last output record (the counter may see them later than they were written). A fast app
      // may be done before the first poll: its figure then spreads the start-up's CPU over its run.
      List<long[]> cpuSamples = new ArrayList<>();
      long counterCpuAtStart = CpuTime.thisThread();
      cpuSamples.add(new long[] {System.currentTimeMillis(), CpuTime.process(), CpuTime.jit()});
      start.run();
      for (KafkaStreams c : clients) {
        HistoryPublisher.awaitRunning(c);
      }
      watcher.join(5_000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + options.payments() / 500);
      long count = 0;
      long firstAppend = Long.MAX_VALUE;
      long lastAppend = Long.MIN_VALUE;
      while (count < options.payments() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : counter.poll(Duration.ofMillis(50))) {
          if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
            throw new IllegalStateException("output record without LogAppendTime on " + r.topic());
          }
          firstAppend = Math.min(firstAppend, r.timestamp());
          lastAppend = Math.max(lastAppend, r.timestamp());
          count++;
        }
        cpuSamples.add(
            new long[] {
              System.currentTimeMillis(),
              CpuTime.process() - (CpuTime.thisThread() - counterCpuAtStart),
              CpuTime.jit()
            });
      }
      long cpu = count == 0 ? 0 : at(cpuSamples, 1, lastAppend) - at(cpuSamples, 1, firstAppend);
      long jit = count == 0 ? 0 : at(cpuSamples, 2, lastAppend) - at(cpuSamples, 2, firstAppend);
      long t1 = System.nanoTime();
      // Timed by the broker's append times of the output: a client reports RUNNING only when all
      // its stream threads are, and one thread may be processing well before the other is (with two
      // threads, a warm pass-through once did most of its work before RUNNING).
      double window = count == 0 ? 0 : Math.max(1, lastAppend - firstAppend) / 1e3;
      return new Throughput(
          count,
          window,
          (t1 - t0.get()) / 1e9,
          TimeUnit.NANOSECONDS.toMillis(t0.get() - started),
          count >= options.payments(),
          cpu,
          jit);
    }
  }

  /**
   * Column {@code column} of the samples (wall-clock millis first, then counters) at wall-clock
   * time {@code millis}, interpolated between the samples around it.
   */
  static long at(List<long[]> samples, int column, long millis) {
    long[] before = samples.get(0);
    for (long[] sample : samples) {
      if (sample[0] >= millis) {
        if (sample[0] == before[0]) {
          return sample[column];
        }
        double share = (millis - before[0]) / (double) (sample[0] - before[0]);
        return before[column] + Math.round(share * (sample[column] - before[column]));
      }
      before = sample;
    }
    return before[column];
  }

  /**
   * What Kafka's own tools measured on this broker, with records the size of an encoded payment.
   */
  record Reference(
      int recordBytes,
      KafkaReference.Producer unthrottled,
      KafkaReference.Producer atRate,
      KafkaReference.RoundTrip roundTrips) {}

  /**
   * Kafka's ProducerPerformance, as fast as the broker takes records and then at the latency
   * phases' rate for as long as one of them, and EndToEndLatency's round trips, each in a child
   * JVM.
   */
  private Reference reference(EmbeddedKafkaBroker broker, Path work, int recordBytes)
      throws Exception {
    broker.createTopics(
        List.of(
            TopicSpec.deleting(REFERENCE_PRODUCE, options.partitions()),
            TopicSpec.deleting(REFERENCE_ROUND_TRIPS, 1)));
    KafkaReference tools = new KafkaReference(broker.bootstrapServers(), work);
    // As the screener's figures: warm (a fifth of the records first), and the latency phases'
    // warm-up.
    KafkaReference.Producer unthrottled =
        tools.produce(
            REFERENCE_PRODUCE,
            options.payments() + options.payments() / 4,
            options.payments() / 4,
            recordBytes,
            -1);
    out.printf(
        "bench: Kafka's ProducerPerformance: %,.0f records/s of %d bytes (%,d records after a warm-up, acks=all)%n",
        unthrottled.perSecond(), recordBytes, unthrottled.records());
    long warmupRecords = (long) options.ratePerSecond() * options.latencyWarmup().toSeconds();
    long atRateRecords = (long) options.ratePerSecond() * options.latencyPhase().toSeconds();
    KafkaReference.Producer atRate =
        tools.produce(
            REFERENCE_PRODUCE,
            warmupRecords + atRateRecords,
            warmupRecords,
            recordBytes,
            options.ratePerSecond());
    out.printf(
        "bench: Kafka's ProducerPerformance at %,d/s: send to ack p50 %d ms, p99 %d ms, p99.9 %d ms%n",
        options.ratePerSecond(), atRate.p50Ms(), atRate.p99Ms(), atRate.p999Ms());
    KafkaReference.RoundTrip roundTrips =
        tools.roundTrips(REFERENCE_ROUND_TRIPS, options.referenceRoundTrips(), recordBytes);
    out.printf(
        "bench: Kafka's EndToEndLatency: %,d round trips, p50 %d ms, p99 %d ms, p99.9 %d ms%n",
        roundTrips.records(), roundTrips.p50Ms(), roundTrips.p99Ms(), roundTrips.p999Ms());
    return new Reference(recordBytes, unthrottled, atRate, roundTrips);
  }

  /**
   * The screener with a fresh application id on its own payment and decision topics, offered a
   * fixed rate.
   */
  private Latency latency(
      EmbeddedKafkaBroker broker,
      Path work,
      HistoryGenerator history,
      String profile,
      Map<String, String> extra)
      throws Exception {
    Map<String, String> names = new HashMap<>(options.latencyOverrides());
    names.putAll(extra);
    for (String key : List.of("payments", "blocked", "flagged", "cleared", "dead-letter")) {
      String base = ScreenerSettings.DEFAULTS.get("topic." + key);
      names.put("topic." + key, base + "-" + profile);
    }
    ScreenerSettings settings =
        settings(broker, work, "bench-latency-" + profile + "-" + runId, names);
    TopicNames topics = settings.topics();
    broker.createTopics(
        List.of(
            TopicSpec.deleting(topics.payments(), options.partitions()),
            TopicSpec.deleting(topics.blocked(), options.partitions()),
            TopicSpec.deleting(topics.flagged(), options.partitions()),
            TopicSpec.deleting(topics.cleared(), options.partitions()),
            TopicSpec.deleting(topics.deadLetter(), 1)));
    keepForever(broker, List.of(topics.payments()));
    // The payments too: their record timestamp becomes the broker's append time, which splits each
    // payment's way into the load producer's hop and the screener's part. The screener reads event
    // time from the payment itself, so this changes nothing it decides.
    logAppendTime(broker, decisionTopics(topics));
    logAppendTime(broker, List.of(topics.payments()));

    // The payments sent and not yet decided, and nothing else: the bench shares the screener's JVM,
    // and entries kept for every payment to the end of the phase were copied again by each young
    // collection (the heap left after one grew by about 40 MB over a phase), in the pauses that
    // set the screener's p99.
    Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    LatencyRecorder appended = new LatencyRecorder();
    LatencyRecorder visible = new LatencyRecorder();
    LatencyRecorder withStart = new LatencyRecorder();
    LatencyRecorder inputHop = new LatencyRecorder();
    LatencyRecorder fromInput = new LatencyRecorder();
    AtomicLong decided = new AtomicLong();
    AtomicLong max = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong wrongTimestampType = new AtomicLong();
    long sent = 0;
    long warmupSends = (long) options.ratePerSecond() * options.latencyWarmup().toSeconds();
    double seconds;
    @Nullable GcPauses gcAtStart = null;
    GcPauses gc;
    Map<String, Double> commitsAtStart = Map.of();
    Commits commits;
    try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
      service.start();
      HistoryPublisher.awaitRunning(service.streams());
      Thread reader =
          new Thread(
              () -> {
                try (KafkaConsumer<byte[], byte[]> consumer =
                    committedReader(broker, decisionTopics(topics))) {
                  while (!done.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                      long now = System.currentTimeMillis();
                      InFlight payment =
                          inFlight.remove(new String(r.key(), StandardCharsets.UTF_8));
                      if (payment == null) {
                        continue;
                      }
                      if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
                        wrongTimestampType.incrementAndGet();
                      }
                      long millis = r.timestamp() - payment.sentMillis;
                      withStart.record(millis);
                      decided.incrementAndGet();
                      if (!payment.measured) {
                        continue;
                      }
                      appended.record(millis);
                      payment.decisionAppended(r.timestamp(), fromInput);
                      visible.record(now - payment.sentMillis);
                      max.accumulateAndGet(millis, Math::max);
                    }
                  }
                }
              },
              "bench-decisions-" + profile);
      reader.start();
      // The reader is assigned and at the beginning of every partition before the first send.
      Thread.sleep(500);

      HistoryPublisher publisher = publisher();
      Iterator<io.screener.generate.LabeledPayment> payments = history.payments();
      long toSend =
          warmupSends + (long) options.ratePerSecond() * options.latencyPhase().toSeconds();
      try (KafkaProducer<byte[], byte[]> producer =
          HistoryPublisher.producer(broker.bootstrapServers(), 0)) {
        long start = System.nanoTime();
        // The measured sends' rate is timed from when the first of them was due: a stall just
        // before it, and the catch-up after, would otherwise read as a rate above the one offered.
        long measuredStart = start + warmupSends * 1_000_000_000L / options.ratePerSecond();
        SendFailures failures = new SendFailures();
        while (sent < toSend && payments.hasNext()) {
          long due = start + sent * 1_000_000_000L / options.ratePerSecond();
          long now = System.nanoTime();
          if (now < due) {
            TimeUnit.NANOSECONDS.sleep(Math.min(due - now, 1_000_000L));
            continue;
          }
          if (sent == warmupSends) {
            gcAtStart = GcPauses.now();
            commitsAtStart = Commits.totals(service.streams());
          }
          PaymentEvent p = payments.next().payment();
          InFlight payment = new InFlight(System.currentTimeMillis(), sent >= warmupSends);
          inFlight.put(p.getTransactionId(), payment);
          Future<RecordMetadata> unused =
              producer.send(
                  publisher.payment(topics.payments(), p),
                  (metadata, e) -> {
                    if (e != null) {
                      failures.onCompletion(metadata, e);
                    } else if (payment.measured) {
                      inputHop.record(metadata.timestamp() - payment.sentMillis);
                      payment.paymentAppended(metadata.timestamp(), fromInput);
                    }
                  });
          sent++;
        }
        producer.flush();
        failures.check("latency-phase payments");
        seconds = (System.nanoTime() - measuredStart) / 1e9;
      }
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (decided.get() < sent && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      gc = gcAtStart == null ? new GcPauses(0, 0) : GcPauses.now().since(gcAtStart);
      commits = Commits.since(service.streams(), commitsAtStart);
      done.set(true);
      reader.join(10_000);
    }
    if (wrongTimestampType.get() > 0) {
      throw new IllegalStateException(
          wrongTimestampType.get() + " decisions without LogAppendTime");
    }
    Latency result =
        new Latency(
            sent - warmupSends,
            appended.count(),
            sent,
            decided.get(),
            Percentiles.of(appended),
            max.get(),
            Percentiles.of(visible),
            (sent - warmupSends) / seconds,
            Percentiles.of(withStart),
            Percentiles.of(inputHop),
            Percentiles.of(fromInput),
            gc,
            commitIntervalMs(settings),
            commits);
    out.printf(
        "bench: latency %s at %,.0f/s offered: p50 %d ms, p99 %d ms, p99.9 %d ms (decided %,d of %,d); "
            + "with the %d s warm-up: p99 %d ms (decided %,d of %,d); of which the input hop p99 %d ms, "
            + "from the input record's append time p50 %d ms, p99 %d ms, p99.9 %d ms; "
            + "the JVM paused %d times for garbage collection, %d ms in all; "
            + "the stream threads committed %d times (every %s ms), %.1f ms on average, at most %.1f ms%n",
        profile,
        result.achievedRate(),
        result.appended().p50(),
        result.appended().p99(),
        result.appended().p999(),
        result.decided(),
        result.sent(),
        options.latencyWarmup().toSeconds(),
        result.withStart().p99(),
        result.decidedWithStart(),
        result.sentWithStart(),
        result.inputHop().p99(),
        result.fromInput().p50(),
        result.fromInput().p99(),
        result.fromInput().p999(),
        result.gc().count(),
        result.gc().millis(),
        result.commits().count(),
        result.commitIntervalMs(),
        result.commits().avgMs(),
        result.commits().maxMs());
    return result;
  }

  /**
   * A latency-phase payment sent and not yet decided. Its way from the input record's append time
   * to the decision's is recorded by whichever of the two appends is heard of second: the send's
   * callback (the load producer's I/O thread) or the decision reader.
   */
  private static final class InFlight {
    private static final long UNKNOWN = Long.MIN_VALUE;
    final long sentMillis;
    final boolean measured;
    private long paymentAppended = UNKNOWN;
    private long decisionAppended = UNKNOWN;

    InFlight(long sentMillis, boolean measured) {
      this.sentMillis = sentMillis;
      this.measured = measured;
    }

    synchronized void paymentAppended(long at, LatencyRecorder fromInput) {
      paymentAppended = at;
      if (decisionAppended != UNKNOWN) {
        fromInput.record(decisionAppended - at);
      }
    }

    synchronized void decisionAppended(long at, LatencyRecorder fromInput) {
      decisionAppended = at;
      if (paymentAppended != UNKNOWN) {
        fromInput.record(at - paymentAppended);
      }
    }
  }

  private static List<String> decisionTopics(TopicNames topics) {
    return List.of(topics.blocked(), topics.flagged(), topics.cleared(), topics.deadLetter());
  }

  private static KafkaProducer<byte[], byte[]> preloadProducer(EmbeddedKafkaBroker broker) {
    return HistoryPublisher.producer(broker.bootstrapServers(), 20);
  }

  /** A read_committed consumer assigned every partition of the topics, at their beginning. */
  private static KafkaConsumer<byte[], byte[]> committedReader(
      EmbeddedKafkaBroker broker, Collection<String> topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer
          .partitionsFor(topic)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /**
   * Input topics that keep every record: payment timestamps are event times up to a month old, and
   * the broker's default 7-day retention would delete older segments while the bench reads them.
   */
  private static void keepForever(EmbeddedKafkaBroker broker, List<String> topics)
      throws Exception {
    broker.setTopicConfig(topics, TopicConfig.RETENTION_MS_CONFIG, "-1");
  }

  /** Output topics stamped by the broker, so a decision's timestamp is when it was appended. */
  private static void logAppendTime(EmbeddedKafkaBroker broker, List<String> topics)
      throws Exception {
    broker.setTopicConfig(topics, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
  }

  /** The figures as one JSON object (numbers, booleans and strings only). */
  public static String json(Map<String, Object> result) {
    StringBuilder s = new StringBuilder("{\n");
    Iterator<Map.Entry<String, Object>> it = result.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Object> e = it.next();
      s.append("  \"").append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof Number || v instanceof Boolean) {
        s.append(v);
      } else {
        s.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
      s.append(it.hasNext() ? ",\n" : "\n");
    }
    return s.append("}\n").toString();
  }

  /** The figures as a two-column table. */
  public static String table(Map<String, Object> result) {
    int width = result.keySet().stream().mapToInt(String::length).max().orElse(10);
    StringBuilder s = new StringBuilder();
    result.forEach((k, v) -> s.append(String.format("%-" + width + "s  %s%n", k, v)));
    return s.toString();
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
