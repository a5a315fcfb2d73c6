package io.screener.demo;

import io.screener.avro.AccountAction;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.broker.TopicSetup;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.console.Console;
import io.screener.files.Folders;
import io.screener.generate.HistoryGenerator;
import io.screener.generate.HistorySpec;
import io.screener.generate.LabeledPayment;
import io.screener.serialization.AvroSerde;
import io.screener.service.ScreenerService;
import io.screener.service.SendFailures;
import io.screener.topology.DeadLetters;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * The whole product on one machine: a single-node Kafka broker on 127.0.0.1, the screener's topics,
 * reputation and quotes seeded from a generated history, the screener itself (with its metrics
 * endpoint), the analysts' review console, and that history's payments streamed at a chosen rate.
 * Prints one line a second and a final report. Event times are the generated history's (ending a
 * day ago), sent faster than real time.
 */
public final class Demo {
  /**
   * What to run.
   *
   * @param duration how long to stream payments; null for until {@link #stop()}
   */
  public record Options(
      Path config,
      int ratePerSecond,
      @Nullable Duration duration,
      int partitions,
      long seed,
      Map<String, String> overrides) {}

  /**
   * What happened.
   *
   * <p>{@code deadLetters} counts payments set aside; {@code feedDeadLetters} reputation, quotes
   * and other feeds.
   */
  public record Report(
      long sent,
      long blocked,
      long flagged,
      long cleared,
      long deadLetters,
      long feedDeadLetters,
      long p50Millis,
      long p99Millis) {
    public long decided() {
      return blocked + flagged + cleared;
    }
  }

  private static final long MAX_PAYMENTS = 10_000_000;
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final Options options;
  private final PrintStream out;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final LatencyRecorder latency = new LatencyRecorder();
  private final LatencyRecorder lastSecond = new LatencyRecorder();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong blocked = new AtomicLong();
  private final AtomicLong flagged = new AtomicLong();
  private final AtomicLong cleared = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong feedDeadLetters = new AtomicLong();
  // Account status changes read from account-actions, by new status.
  private final java.util.Map<String, AtomicLong> actions =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  public Demo(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Asks a running demo to stop streaming, drain and report. */
  public void stop() {
    stopping.set(true);
  }

  /** Blocks until {@link #run()} has finished, at most the given time. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the demo to the end and returns its report. */
  public Report run() throws Exception {
    Path work = Files.createTempDirectory("screener-demo");
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .partitions(options.partitions())
            .closeOnJvmExit(false)
            .start()) {
      Map<String, String> overrides = new java.util.HashMap<>(options.overrides());
      overrides.put("bootstrap.servers", broker.bootstrapServers());
      overrides.put("state.dir", work.resolve("state").toString());
      overrides.putIfAbsent("application.id", "screener-demo");
      // The review console on a free loopback port (its address is printed), unless --set names
      // one.
      overrides.putIfAbsent("console.address", "127.0.0.1:0");
      ScreenerSettings settings =
          ScreenerSettings.load(options.config(), System.getenv(), overrides);
      TopicNames topics = settings.topics();
      TopicSetup.create(broker, topics, options.partitions());
      out.printf(
          "demo: broker on %s, topics created (%d partitions)%n",
          broker.bootstrapServers(), options.partitions());

      long payments =
          options.duration() == null
              ? MAX_PAYMENTS
              : Math.max(
                  HistorySpec.MIN_PAYMENTS,
                  Math.min(MAX_PAYMENTS, options.ratePerSecond() * options.duration().toSeconds()));
      Duration span = Duration.ofDays(HistorySpec.defaultDays(payments));
      // The history ends a day before now: its last payments may spill a little past the span, and
      // the screener dead-letters a payment dated more than validation.max-future-skew ahead.
      HistoryGenerator history =
          new HistoryGenerator(
              new HistorySpec(
                  payments,
                  options.seed(),
                  Instant.now().minus(span).minus(Duration.ofDays(1)),
                  span));

      try (KafkaProducer<byte[], byte[]> producer =
          HistoryPublisher.producer(broker.bootstrapServers(), 5)) {
        seed(producer, topics, history);
        try (ScreenerService service = ScreenerService.withMetrics(settings)) {
          service.start();
          HistoryPublisher.awaitRunning(service.streams());
          out.printf(
              "demo: screener running; metrics on http://%s/metrics, health on /health/ready and /health/live%n",
              settings.metricsAddress());
          try (Console console = Console.start(settings)) {
            out.printf(
                "demo: review console on %s (%s)%n",
                console.url(),
                settings.console().usersFile().isPresent()
                    ? "sign in as an analyst in " + settings.console().usersFile().get()
                    : "no sign-in: it listens on this machine only; the verdict form asks your name");
            Thread reader = new Thread(() -> readDecisions(broker, topics), "demo-decisions");
            reader.setDaemon(true);
            reader.start();
            stream(producer, topics, history.payments());
            drain();
            stopping.set(true);
            reader.join(5_000);
          }
        }
      }
      Report report = report();
      out.printf(
          "demo: done. sent %,d, decided %,d (%,d blocked, %,d flagged, %,d cleared), %,d dead letters, decision latency p50 %d ms, p99 %d ms%n",
          report.sent(),
          report.decided(),
          report.blocked(),
          report.flagged(),
          report.cleared(),
          report.deadLetters(),
          report.p50Millis(),
          report.p99Millis());
      if (!actions.isEmpty()) {
        StringBuilder moves = new StringBuilder();
        actions.forEach(
            (status, count) ->
                moves
                    .append(moves.length() == 0 ? "" : ", ")
                    .append(count)
                    .append(' ')
                    .append(status));
        out.printf("demo: account status changes (account-actions): %s%n", moves);
      }
      if (report.feedDeadLetters() > 0) {
        out.printf(
            "demo: %,d feed records (reputation, quotes) were dead-lettered; see topic %s%n",
            report.feedDeadLetters(), topics.deadLetter());
      }
      return report;
    } finally {
      Folders.deleteQuietly(work);
      stopped.countDown();
    }
  }

  private void seed(
      KafkaProducer<byte[], byte[]> producer, TopicNames topics, HistoryGenerator history) {
    HistoryPublisher.Seeded seeded =
        HistoryPublisher.seedFeeds(producer, topics, history, Instant.now());
    out.printf(
        "demo: seeded %d merchant and %d counterparty reputation records, %,d quotes%n",
        seeded.merchants(), seeded.counterparties(), seeded.quotes());
  }

  private void stream(
      KafkaProducer<byte[], byte[]> producer,
      TopicNames topics,
      Iterator<LabeledPayment> payments) {
    HistoryPublisher publisher = new HistoryPublisher();
    SendFailures failures = new SendFailures();
    long start = System.nanoTime();
    long end = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toNanos();
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    long lastSent = 0;
    while (!stopping.get() && payments.hasNext() && System.nanoTime() < end) {
      long due = start + sent.get() * 1_000_000_000L / options.ratePerSecond();
      long now = System.nanoTime();
      if (now < due) {
        sleepNanos(Math.min(due - now, 50_000_000L));
        continue;
      }
      PaymentEvent p = payments.next().payment();
      sentAt.put(p.getTransactionId(), System.currentTimeMillis());
      failures.send(producer, publisher.payment(topics.payments(), p));
      sent.incrementAndGet();
      if (now >= nextReport) {
        long total = sent.get();
        line(total - lastSent);
        lastSent = total;
        nextReport += TimeUnit.SECONDS.toNanos(1);
      }
    }
    producer.flush();
    failures.check("payments");
  }

  /** Waits until every sent payment is decided or dead-lettered, at most {@link #DRAIN}. */
  private void drain() {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (blocked.get() + flagged.get() + cleared.get() + deadLetters.get() < sent.get()
        && System.nanoTime() < deadline) {
      sleepNanos(200_000_000L);
    }
  }

  private void readDecisions(EmbeddedKafkaBroker broker, TopicNames topics) {
    Deserializer<ScreeningDecision> decisions =
        AvroSerde.of(ScreeningDecision.class).deserializer();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "screener-demo-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(
          List.of(
              topics.blocked(),
              topics.flagged(),
              topics.cleared(),
              topics.deadLetter(),
              topics.accountActions()));
      Deserializer<AccountAction> accountActions = AvroSerde.of(AccountAction.class).deserializer();
      while (!stopping.get()
          || blocked.get() + flagged.get() + cleared.get() + deadLetters.get() < sent.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.topic().equals(topics.deadLetter())) {
            Header source = r.headers().lastHeader(DeadLetters.SOURCE_TOPIC);
            boolean payment =
                source == null
                    || topics.payments().equals(new String(source.value(), StandardCharsets.UTF_8));
            (payment ? deadLetters : feedDeadLetters).incrementAndGet();
            continue;
          }
          if (r.topic().equals(topics.accountActions())) {
            if (r.value() == null) {
              continue; // a tombstone: the ladder forgot an ACTIVE account, not a status change
            }
            String status = accountActions.deserialize(r.topic(), r.value()).getStatus().name();
            actions.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            continue;
          }
          ScreeningDecision d = decisions.deserialize(r.topic(), r.value());
          Long at = sentAt.remove(d.getTransactionId());
          if (at != null) {
            long millis = d.getDecidedAt().toEpochMilli() - at;
            latency.record(millis);
            lastSecond.record(millis);
          }
          switch (d.getDecision()) {
            case BLOCK -> blocked.incrementAndGet();
            case FLAG -> flagged.incrementAndGet();
            case CLEAR -> cleared.incrementAndGet();
          }
        }
        if (stopping.get() && sent.get() == 0) {
          return;
        }
      }
    }
  }

  /** One line a second; the latency is that of the decisions read in the last second. */
  private void line(long sentLastSecond) {
    long p99 = lastSecond.percentile(0.99);
    lastSecond.clear();
    out.printf(
        "demo: %,d payments/s | sent %,d | blocked %,d  flagged %,d  cleared %,d | dead letters %,d | p99 %s%n",
        sentLastSecond,
        sent.get(),
        blocked.get(),
        flagged.get(),
        cleared.get(),
        deadLetters.get(),
        p99 < 0 ? "-" : p99 + " ms");
  }

  private Report report() {
    return new Report(
        sent.get(),
        blocked.get(),
        flagged.get(),
        cleared.get(),
        deadLetters.get(),
        feedDeadLetters.get(),
        latency.percentile(0.50),
        latency.percentile(0.99));
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
