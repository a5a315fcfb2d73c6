package io.screener.domain.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.LotPrice;
import io.screener.domain.Payment;
import io.screener.domain.Quote;
import io.screener.domain.Reason;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.QuoteRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.fixtures.Payments;
import io.screener.fixtures.TestRules;
import io.screener.screening.AvroMapping;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each signal alone, with the shipped rules. */
class SignalsTest {
  private static final long HOUR = 3_600_000L;
  private static final long WINDOW = 6 * HOUR;

  /** 2026-03-02 10:00 in Shanghai. */
  private static final Instant DAY = Instant.parse("2026-03-02T02:00:00Z");

  /** 2026-03-03 01:30 in Shanghai. */
  private static final Instant NIGHT = Instant.parse("2026-03-02T17:30:00Z");

  private static BehaviourFeatures features(
      int distinctPayers,
      long inflowMinor,
      int sameAmount,
      int devicePayers,
      boolean first,
      int turnovers) {
    return new BehaviourFeatures(
        WINDOW,
        distinctPayers,
        distinctPayers,
        inflowMinor,
        sameAmount,
        devicePayers,
        first,
        turnovers,
        turnovers > 0 ? 240_000 : -1,
        LotPrice.NONE,
        0,
        LotPrice.NONE,
        0,
        0);
  }

  private static BehaviourFeatures quiet(long amount) {
    return BehaviourFeatures.firstSeen(WINDOW, amount);
  }

  private static List<Reason> run(
      Signal signal, Payments payment, BehaviourFeatures f, Quote usdt, Quote btc) {
    Payment p = AvroMapping.payment(payment.build());
    ScoreCard card = new ScoreCard(TestRules.shipped());
    signal.evaluate(new ScreeningInput(p, null, null, null, usdt, btc, f), card);
    return reasons(card);
  }

  private static List<Reason> run(Signal signal, Payments payment, BehaviourFeatures f) {
    return run(signal, payment, f, null, null);
  }

  @SuppressWarnings("unchecked")
  private static List<Reason> reasons(ScoreCard card) {
    try {
      Field field = ScoreCard.class.getDeclaredField("reasons");
      field.setAccessible(true);
      return List.copyOf((List<Reason>) field.get(card));
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("ScoreCard's reasons field", e);
    }
  }

  @Nested
  class FanIn {
    private final Signal signal = new FanInSignal();

    @Test
    void shouldScaleFromMinimumToFullNumberOfPayers() {
      Payments p = Payments.transfer("a", "dealer", 718_000).at(DAY);

      assertEquals(List.of(), run(signal, p, features(2, 5_000_000, 0, 0, true, 0)));
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.FAN_IN,
                  3,
                  "payee received 50,000.00 CNY from 3 distinct payers in 6h")),
          run(signal, p, features(3, 5_000_000, 0, 0, true, 0)));
      assertEquals(20, run(signal, p, features(8, 5_000_000, 0, 0, true, 0)).get(0).points());
      assertEquals(20, run(signal, p, features(40, 5_000_000, 0, 0, true, 0)).get(0).points());
    }

    @Test
    void shouldIgnoreStreetVendorsWhoseManyPaymentsAreSmall() {
      Payments p = Payments.transfer("a", "vendor", 1_500).at(DAY);

      assertEquals(List.of(), run(signal, p, features(60, 90_000, 0, 0, false, 0)));
    }

    @Test
    void shouldIgnoreMerchantAccounts() {
      Payments p = Payments.toMerchant("shop", "Shop", "5411").at(DAY);

      assertEquals(List.of(), run(signal, p, features(60, 9_000_000, 0, 0, false, 0)));
    }
  }

  @Nested
  class Turnover {
    @Test
    void shouldReportQuickTurnoverOfPersonalPayees() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.QUICK_TURNOVER,
                  20,
                  "payee moved money on within 30m of receiving it 2 times in 6h (last after 4m)")),
          run(
              new TurnoverSignal(),
              Payments.transfer("a", "dealer", 100_000),
              features(1, 100_000, 0, 0, true, 2)));
      assertEquals(
          List.of(),
          run(new TurnoverSignal(), Payments.transfer("a", "b", 100_000), quiet(100_000)));
    }
  }

  @Nested
  class RepeatedAmount {
    @Test
    void shouldCountOnlyLargeRepeatedAmounts() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.REPEATED_AMOUNT,
                  10,
                  "2 other payers sent payee the same 7,180.00 CNY in 6h")),
          run(
              new RepeatedAmountSignal(),
              Payments.transfer("a", "d", 718_000),
              features(3, 2_154_000, 2, 0, true, 0)));
      assertEquals(
          List.of(),
          run(
              new RepeatedAmountSignal(),
              Payments.transfer("a", "noodles", 1_500),
              features(30, 45_000, 29, 0, true, 0)));
    }
  }

  @Nested
  class SharedDevice {
    @Test
    void shouldReportSeveralPayersOnOneDevice() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.SHARED_DEVICE,
                  15,
                  "3 payer accounts paid this payee from one device")),
          run(
              new SharedDeviceSignal(),
              Payments.transfer("a", "d", 100_000),
              features(3, 300_000, 0, 3, true, 0)));
      assertEquals(
          List.of(),
          run(
              new SharedDeviceSignal(),
              Payments.transfer("a", "d", 100_000),
              features(3, 300_000, 0, 1, true, 0)));
    }
  }

  @Nested
  class NewPair {
    @Test
    void shouldReportLargeFirstTransfersOnly() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.NEW_PAIR,
                  5,
                  "first payment from this payer to this payee, 7,180.00 CNY")),
          run(new NewPairSignal(), Payments.transfer("a", "d", 718_000), quiet(718_000)));
      assertEquals(
          List.of(), run(new NewPairSignal(), Payments.transfer("a", "d", 5_000), quiet(5_000)));
      assertEquals(
          List.of(),
          run(
              new NewPairSignal(),
              Payments.transfer("a", "d", 718_000),
              features(2, 900_000, 0, 0, false, 0)));
    }
  }

  @Nested
  class Night {
    @Test
    void shouldUseShanghaiLocalTime() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.NIGHT_LARGE_TRANSFER, 5, "7,180.00 CNY transfer at 01:30 local time")),
          run(
              new NightTransferSignal(),
              Payments.transfer("a", "d", 718_000).at(NIGHT),
              quiet(718_000)));
      assertEquals(
          List.of(),
          run(
              new NightTransferSignal(),
              Payments.transfer("a", "d", 718_000).at(DAY),
              quiet(718_000)));
    }
  }

  @Nested
  class QuoteMatch {
    private final Quote usdt = new Quote("USDT", "CNY", 7.18, DAY.toEpochMilli() - 60_000);
    private final Quote btc = new Quote("BTC", "CNY", 650_000, DAY.toEpochMilli() - 60_000);

    @Test
    void shouldMatchWholeLotsOfUsdtAtTheQuoteInForce() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.USDT_AMOUNT,
                  30,
                  "7,180.00 CNY is 1000 USDT at the quote 7.1800 in force")),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 718_000).at(DAY),
              quiet(718_000),
              usdt,
              btc));
      assertEquals(
          ReasonCode.USDT_AMOUNT,
          run(
                  new QuoteMatchSignal(),
                  Payments.transfer("a", "d", 717_950).at(DAY),
                  quiet(717_950),
                  usdt,
                  btc)
              .get(0)
              .code());
    }

    @Test
    void shouldMatchAnyWholeUsdtToTheFen() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.USDT_AMOUNT,
                  30,
                  "9,018.08 CNY is 1256 USDT at the quote 7.1800 in force")),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 901_808).at(DAY),
              quiet(901_808),
              usdt,
              btc));
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 901_810).at(DAY),
              quiet(901_810),
              usdt,
              btc));
    }

    @Test
    void shouldNotMatchAmountsOffTheLotOrSmallOrWithStaleQuoteOrToMerchants() {
      Quote stale = new Quote("USDT", "CNY", 7.18, DAY.toEpochMilli() - 2 * HOUR);

      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 745_000).at(DAY),
              quiet(745_000),
              usdt,
              btc));
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 28_720).at(DAY),
              quiet(28_720),
              usdt,
              btc));
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.toMerchant("broker", "Broker", "6211").amount(718_000).at(DAY),
              quiet(718_000),
              usdt,
              btc));
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 718_000).at(DAY),
              quiet(718_000),
              stale,
              null));
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 718_000).at(DAY),
              quiet(718_000),
              null,
              null));
    }

    @Test
    void shouldReadARoundLotAtADealersPremiumInProportionToItsRarity() {
      // 1,000 USDT at 7.21, the quote 7.18 +0.42%: a 1,000-USDT amount lands in the 0.2-3.5% band
      // 33 times in 100, so it carries two thirds of the weight; 100 USDT (3 in 100) nearly all.
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.USDT_PREMIUM_AMOUNT,
                  10,
                  "7,210.00 CNY is 1000 USDT at 7.2100, the quote 7.1800 +0.42% (a dealer's markup; a random"
                      + " amount this size lands in the band 33 times in 100)")),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 721_000).at(DAY),
              quiet(721_000),
              usdt,
              btc));
      List<Reason> small =
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 72_357).at(DAY),
              quiet(72_357),
              usdt,
              btc);
      assertEquals(ReasonCode.USDT_PREMIUM_AMOUNT, small.get(0).code());
      assertEquals(14, small.get(0).points());
    }

    @Test
    void shouldNotReadOrdinaryRoundSumsAsLots() {
      Quote q = new Quote("USDT", "CNY", 7.1442, DAY.toEpochMilli() - 60_000);
      // 5,000.00 CNY is 699.87 USDT at 7.1442: within the yuan of 700, but a round sum.
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 500_000).at(DAY),
              quiet(500_000),
              q,
              null));
      // 7,200.00 CNY would be 1,000 USDT at 7.20, the quote +0.28%: a round sum is no premium lot.
      assertEquals(
          List.of(),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 720_000).at(DAY),
              quiet(720_000),
              usdt,
              null));
      // 7,180.00 CNY at exactly 7.18 is still 1,000 USDT.
      assertEquals(
          ReasonCode.USDT_AMOUNT,
          run(
                  new QuoteMatchSignal(),
                  Payments.transfer("a", "d", 718_000).at(DAY),
                  quiet(718_000),
                  usdt,
                  null)
              .get(0)
              .code());
    }

    @Test
    void shouldMatchBitcoinLots() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.BTC_AMOUNT,
                  25,
                  "32,500.00 CNY is 0.05 BTC at the quote 650000.0000 in force")),
          run(
              new QuoteMatchSignal(),
              Payments.transfer("a", "d", 3_250_000).at(DAY),
              quiet(3_250_000),
              usdt,
              btc));
    }
  }

  @Nested
  class DealerPrice {
    private final Signal signal = new DealerPriceSignal();
    private final QuoteRules rules = TestRules.shipped().quotes();
    private final Quote quote = new Quote("USDT", "CNY", 7.18, DAY.toEpochMilli());

    private BehaviourFeatures dealer(long amount, long lot, int others, long dealerLot) {
      return new BehaviourFeatures(
          WINDOW, others + 1, others + 1, amount, 0, 1, true, 0, -1, lot, others, dealerLot, 0, 0);
    }

    @Test
    void shouldCountOnePriceAmongSeveralPayersAsADealersPostedPrice() {
      long lot = LotPrice.of(722_668, quote, DAY.toEpochMilli(), rules);
      List<Reason> two =
          run(
              signal,
              Payments.transfer("a", "d", 722_668).at(DAY),
              dealer(722_668, lot, 2, lot),
              quote,
              null);
      List<Reason> one =
          run(
              signal,
              Payments.transfer("a", "d", 722_668).at(DAY),
              dealer(722_668, lot, 1, lot),
              quote,
              null);

      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.DEALER_PRICE,
                  30,
                  "this payment and 2 other payers in 6h paid this payee whole USDT lots at one price, 7.2267 a"
                      + " USDT (the quote +0.65%): a dealer's posted price")),
          two);
      assertEquals(20, one.get(0).points());
    }

    @Test
    void shouldCountHalfForAPaymentOffThePriceToAPayeeThatSellsUsdt() {
      long lot = LotPrice.of(722_668, quote, DAY.toEpochMilli(), rules);
      List<Reason> reasons =
          run(
              signal,
              Payments.transfer("a", "d", 480_000).at(DAY),
              dealer(480_000, LotPrice.NONE, 3, lot),
              quote,
              null);

      assertEquals(ReasonCode.DEALER_PRICE, reasons.get(0).code());
      assertEquals(15, reasons.get(0).points());
      assertTrue(
          reasons
              .get(0)
              .detail()
              .startsWith("3 other payers paid this payee whole USDT lots at one price"));
      assertEquals(
          List.of(),
          run(
              signal,
              Payments.transfer("a", "d", 480_000).at(DAY),
              dealer(480_000, LotPrice.NONE, 1, lot),
              quote,
              null),
          "one other payer's lot says nothing of a payee");
      assertEquals(
          List.of(),
          run(
              signal,
              Payments.toMerchant("m", "Shop", "5411").amount(722_668).at(DAY),
              dealer(722_668, lot, 2, lot),
              quote,
              null),
          "merchants are not dealers");
    }
  }

  @Nested
  class AmountPattern {
    private final Signal signal = new AmountPatternSignal();

    @Test
    void shouldCountRedPacketAmountsAsEvidenceAgainst() {
      assertEquals(
          List.of(new Reason(ReasonCode.FESTIVE_AMOUNT, -20, "520.00 CNY is a red-packet amount")),
          run(signal, Payments.transfer("a", "b", 52_000), quiet(52_000)));
      assertEquals(
          List.of(),
          run(
              signal,
              Payments.transfer("a", "b", 30_000).type(io.screener.avro.PaymentType.RED_PACKET),
              quiet(30_000)));
    }

    @Test
    void shouldReportJustUnderALimitBeforeRoundness() {
      assertEquals(
          List.of(
              new Reason(
                  ReasonCode.JUST_UNDER_LIMIT,
                  10,
                  "49,000.00 CNY is just under the 50,000.00 CNY limit")),
          run(signal, Payments.transfer("a", "b", 4_900_000), quiet(4_900_000)));
      assertEquals(
          List.of(),
          run(signal, Payments.transfer("a", "b", 4_600_000), quiet(4_600_000)).stream()
              .filter(r -> r.code() == ReasonCode.JUST_UNDER_LIMIT)
              .toList());
    }

    @Test
    void shouldReportRoundLargeTransfers() {
      assertEquals(
          List.of(new Reason(ReasonCode.ROUND_AMOUNT, 5, "round amount 3,000.00 CNY")),
          run(signal, Payments.transfer("a", "b", 300_000), quiet(300_000)));
      assertEquals(List.of(), run(signal, Payments.transfer("a", "b", 300_050), quiet(300_050)));
      assertEquals(
          List.of(),
          run(signal, Payments.toMerchant("m", "Shop", "5411").amount(300_000), quiet(300_000)));
    }
  }
}
