package io.screener.bench;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.CounterpartyCategory;
import io.screener.domain.CounterpartyProfile;
import io.screener.domain.LotPrice;
import io.screener.domain.MerchantCategory;
import io.screener.domain.MerchantProfile;
import io.screener.domain.Payment;
import io.screener.domain.Quote;
import io.screener.domain.Reason;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import io.screener.fixtures.Payments;
import io.screener.fixtures.TestRules;
import io.screener.screening.AvroMapping;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring one enriched payment with its features, the latency-critical core, for the three shapes
 * that matter: an ordinary payment (most traffic; nothing matches), a P2P transfer to an unlisted
 * dealer (every behavioural and quote signal fires), and a card payment to a listed exchange whose
 * descriptor also matches. Run with {@code bench/jmh ScoringBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
  private Scorer scorer;
  private ScreeningInput ordinary;
  private ScreeningInput dealer;
  private ScreeningInput exchange;

  @Setup
  public void setUp() {
    scorer = Scorer.standard(TestRules.shipped());
    Instant night = Instant.parse("2026-03-02T17:30:00Z");
    long window = 6 * 3_600_000L;
    Payment grocery = AvroMapping.payment(Payments.grocery().memo("午饭").build());
    ordinary =
        new ScreeningInput(
            grocery,
            null,
            null,
            null,
            null,
            null,
            new BehaviourFeatures(
                window,
                40,
                55,
                210_000,
                3,
                1,
                false,
                0,
                -1,
                LotPrice.NONE,
                0,
                LotPrice.NONE,
                0,
                0));
    Payment otc =
        AvroMapping.payment(
            Payments.transfer("buyer-17", "dealer-3", 718_000)
                .at(night)
                .memo("货款")
                .device("phone-9")
                .build());
    Quote usdt = new Quote("USDT", "CNY", 7.18, night.toEpochMilli() - 60_000);
    long lot = LotPrice.of(718_000, usdt, night.toEpochMilli(), TestRules.shipped().quotes());
    dealer =
        new ScreeningInput(
            otc,
            null,
            null,
            null,
            usdt,
            null,
            new BehaviourFeatures(
                window, 9, 12, 8_616_000, 3, 2, true, 2, 240_000, lot, 3, lot, 0, 0));
    Payment card =
        AvroMapping.payment(Payments.toMerchant("m-bn", "BINANCE*CARD PURCHASE", "6051").build());
    exchange =
        new ScreeningInput(
            card,
            new MerchantProfile(MerchantCategory.EXCHANGE, 95, "exchange-list"),
            new CounterpartyProfile(CounterpartyCategory.ORDINARY, 5, 0),
            null,
            null,
            null,
            BehaviourFeatures.firstSeen(window, card.amountMinor()));
  }

  @Benchmark
  public Screening ordinaryPayment() {
    return scorer.score(ordinary);
  }

  @Benchmark
  public Screening unlistedDealerTransfer() {
    return scorer.score(dealer);
  }

  /**
   * The dealer case with every reason's sentence written, as writing the decision record does:
   * scoring defers the sentences, so this is the cost a decision pays in all.
   */
  @Benchmark
  public int unlistedDealerTransferWithSentences() {
    int length = 0;
    for (Reason reason : scorer.score(dealer).reasons()) {
      length += reason.detail().length();
    }
    return length;
  }

  @Benchmark
  public Screening listedExchangeCardPayment() {
    return scorer.score(exchange);
  }
}
