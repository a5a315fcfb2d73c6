package io.screener.bench;

import io.screener.avro.CryptoQuote;
import io.screener.avro.PaymentEvent;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.fixtures.TestRules;
import io.screener.generate.HistoryGenerator;
import io.screener.generate.HistorySpec;
import io.screener.replay.ReplayEngine;
import io.screener.replay.ReplayFeeds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole payment through the live logic without Kafka: validation, the payment's legs, behaviour
 * state, reputation and quote lookups, scoring and the decision record (the replay engine, which
 * shares that logic with the topology's processors). The payments are a generated history (seed 42)
 * replayed in a loop; each pass moves their event times, ids and quotes on, so behaviour state,
 * dedup and quote lookups see new payments as in production. The measured time includes the
 * occasional pass rollover (50,000 payments apart). Run with {@code bench/jmh
 * WholeRecordBenchmark}.
 */
@State(Scope.Benchmark)
// AverageTime: SampleTime reported a 60 ns median for a call that a plain timed loop puts at
// 4-6 us, so its per-call samples are not trustworthy for this benchmark on this VM.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The engine path is long; C2 needs about 10 s of it before the figures settle.
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class WholeRecordBenchmark {
  private static final int HISTORY = 50_000;

  private final List<PaymentEvent> payments = new ArrayList<>(HISTORY);
  private final List<String> ids = new ArrayList<>(HISTORY);
  private final List<CryptoQuote> quotes = new ArrayList<>();
  private ReplayFeeds feeds;
  private ReplayEngine engine;
  private long span;
  private int next;
  private long pass;

  @Setup(Level.Trial)
  public void setUp() {
    HistoryGenerator history = new HistoryGenerator(HistorySpec.of(HISTORY, 42));
    ScreenerSettings settings =
        ScreenerSettings.load(
            Path.of("config", "screener.properties"), Map.of(), Map.of("quote.retention", "30d"));
    feeds = new ReplayFeeds(settings.quoteRetention());
    history.merchantReputations().forEach(feeds::merchant);
    history.counterpartyReputations().forEach(feeds::counterparty);
    history.quotes().forEachRemaining(quotes::add);
    quotes.forEach(feeds::quote);
    history.payments().forEachRemaining(p -> payments.add(p.payment()));
    payments.forEach(p -> ids.add(p.getTransactionId()));
    span =
        payments.get(HISTORY - 1).getEventTime().toEpochMilli()
            - payments.get(0).getEventTime().toEpochMilli()
            + 1;
    // The wall clock is far ahead so that no shifted payment counts as absurdly future-dated.
    long wallClock = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    engine =
        new ReplayEngine(settings, Scorer.standard(TestRules.shipped()), feeds, () -> wallClock);
  }

  @Benchmark
  public ReplayEngine.Outcome onePayment() {
    PaymentEvent payment = payments.get(next);
    if (++next == HISTORY) {
      next = 0;
      pass++;
      for (int i = 0; i < HISTORY; i++) {
        PaymentEvent p = payments.get(i);
        p.setEventTime(Instant.ofEpochMilli(p.getEventTime().toEpochMilli() + span));
        p.setTransactionId(ids.get(i) + "+" + pass);
      }
      for (CryptoQuote q : quotes) {
        q.setEventTime(Instant.ofEpochMilli(q.getEventTime().toEpochMilli() + span));
        feeds.quote(q);
      }
    }
    return engine.process(payment);
  }
}
