package io.screener.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.fixtures.Payments;
import io.screener.fixtures.TestRules;
import io.screener.screening.AvroMapping;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScorerTest {
  private final Scorer scorer = Scorer.standard(TestRules.shipped());

  private static ScreeningInput input(
      Payments payment,
      MerchantProfile merchant,
      CounterpartyProfile payer,
      CounterpartyProfile payee) {
    Payment p = AvroMapping.payment(payment.build());
    return new ScreeningInput(
        p,
        merchant,
        payer,
        payee,
        null,
        null,
        BehaviourFeatures.firstSeen(21_600_000L, p.amountMinor()));
  }

  private static ScreeningInput input(Payments payment) {
    return input(payment, null, null, null);
  }

  private static int sum(Screening s) {
    return s.reasons().stream().mapToInt(Reason::points).sum();
  }

  @Test
  void shouldClearOrdinaryGroceryPaymentWithNoReasons() {
    Screening s = scorer.score(input(Payments.grocery()));

    assertEquals(new Screening(Decision.CLEAR, 0, null, List.of()), s);
  }

  @Test
  void shouldBlockPaymentToMerchantKnownAsExchange() {
    Screening s =
        scorer.score(
            input(
                Payments.toMerchant("m-1", "Shop 1", "5999"),
                new MerchantProfile(MerchantCategory.EXCHANGE, 90, "exchange-list"),
                null,
                null));

    assertEquals(Decision.BLOCK, s.decision());
    assertEquals(95, s.score());
    assertEquals(PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE, s.category());
    assertEquals(
        List.of(
            new Reason(
                ReasonCode.MERCHANT_EXCHANGE,
                95,
                "payee is a crypto exchange (risk 90, source exchange-list)")),
        s.reasons());
  }

  @Test
  void shouldFlagTransferToSuspectedDealer() {
    Screening s =
        scorer.score(
            input(
                Payments.transfer("buyer", "dealer", 718_000),
                null,
                null,
                new CounterpartyProfile(CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 2)));

    assertEquals(Decision.FLAG, s.decision());
    assertEquals(55, s.score());
    assertEquals(
        List.of(ReasonCode.PAYEE_SUSPECTED_OTC_DEALER, ReasonCode.NEW_PAIR),
        s.reasons().stream().map(Reason::code).toList());
    assertEquals(
        "payee is a suspected OTC crypto dealer (risk 60, 2 reports)", s.reasons().get(0).detail());
  }

  @Test
  void shouldBlockTransferToConfirmedDealer() {
    Screening s =
        scorer.score(
            input(
                Payments.transfer("buyer", "dealer", 718_000),
                null,
                null,
                new CounterpartyProfile(CounterpartyCategory.CONFIRMED_OTC_DEALER, 95, 7)));

    assertEquals(Decision.BLOCK, s.decision());
    assertEquals(95, s.score());
  }

  @Test
  void shouldBlockOnDescriptorNamingAnExchange() {
    Screening s = scorer.score(input(Payments.toMerchant("m-2", "BINANCE*CARD PURCHASE", "5999")));

    assertEquals(Decision.BLOCK, s.decision());
    assertEquals(ReasonCode.DESCRIPTOR_EXCHANGE, s.reasons().get(0).code());
    assertEquals(85, s.score());
  }

  @Test
  void shouldNotFlagTravelMoneyShopForMerchantCodeAlone() {
    Screening s =
        scorer.score(input(Payments.toMerchant("m-3", "Travelex Foreign Exchange", "6051")));

    assertEquals(Decision.CLEAR, s.decision());
    assertEquals(10, s.score());
    assertEquals(
        List.of(ReasonCode.MCC_CRYPTO, ReasonCode.FINANCE_MERCHANT),
        s.reasons().stream().map(Reason::code).toList());
    assertNull(s.category());
  }

  /**
   * A payment to merchant m-9 whose record remembers {@code points} of evidence from {@code at}.
   */
  private static ScreeningInput remembering(
      String name, String mcc, int points, long at, MerchantProfile merchant) {
    Payment p = AvroMapping.payment(Payments.toMerchant("m-9", name, mcc).build());
    BehaviourFeatures quiet = BehaviourFeatures.firstSeen(21_600_000L, p.amountMinor());
    BehaviourFeatures features =
        new BehaviourFeatures(
            quiet.windowMillis(),
            quiet.distinctPayers(),
            quiet.inflowCount(),
            quiet.inflowMinor(),
            quiet.sameAmountPayers(),
            quiet.devicePayers(),
            quiet.firstPayment(),
            quiet.quickTurnovers(),
            quiet.lastTurnoverMillis(),
            quiet.lot(),
            quiet.dealerPricePayers(),
            quiet.dealerLot(),
            points,
            at);
    return new ScreeningInput(p, merchant, null, null, null, null, features);
  }

  @Test
  void shouldFlagAMerchantWhoseEarlierPaymentSaidMoreThanThisOne() {
    long hourBefore = Payments.T0.toEpochMilli() - 3_600_000L;

    Screening s = scorer.score(remembering("NEXORA LTD", "7372", 45, hourBefore, null));

    assertEquals(Decision.FLAG, s.decision());
    assertEquals(40, s.score());
    Reason reason = s.reasons().get(0);
    assertEquals(ReasonCode.MERCHANT_CRYPTO_HISTORY, reason.code());
    assertEquals(
        "a payment to this merchant 1h earlier carried 45 points of evidence about the merchant"
            + " itself (its code and descriptor); this payment's own come to 0 (flag threshold 40)",
        reason.detail());
  }

  @Test
  void shouldWeighAMerchantsHistoryOnlyWhereItsOwnEvidenceFallsShortAndNeverBlockOnIt() {
    long hourBefore = Payments.T0.toEpochMilli() - 3_600_000L;
    long monthsBefore = Payments.T0.toEpochMilli() - 40L * 24 * 3_600_000L;

    // Its own code and descriptor flag it already: nothing to add.
    Screening own = scorer.score(remembering("Nexora*BUY CRYPTO", "6051", 85, hourBefore, null));
    assertFalse(
        own.reasons().stream().anyMatch(r -> r.code() == ReasonCode.MERCHANT_CRYPTO_HISTORY));
    // A crypto word part and a web host (35 points) with the history: flagged, not blocked.
    Screening weak = scorer.score(remembering("bitnexa.io", "5999", 45, hourBefore, null));
    assertEquals(Decision.FLAG, weak.decision());
    assertEquals(75, weak.score());
    // Past behaviour.merchant-memory (30 days): forgotten.
    assertEquals(
        Decision.CLEAR,
        scorer.score(remembering("NEXORA LTD", "7372", 45, monthsBefore, null)).decision());
    // The merchant feed registers it as ordinary: its word wins, as for MCC_UNEXPLAINED.
    MerchantProfile ordinary = new MerchantProfile(MerchantCategory.ORDINARY, 10, "registry");
    assertEquals(
        Decision.CLEAR,
        scorer.score(remembering("NEXORA LTD", "7372", 45, hourBefore, ordinary)).decision());
  }

  @Test
  void shouldFlagButNeverBlockOnMemoEvidenceAlone() {
    Screening s = scorer.score(input(Payments.transfer("a", "b", 100_000).memo("USDT 永续合约 数字藏品")));

    assertEquals(100, s.score());
    assertEquals(Decision.FLAG, s.decision());
  }

  @Test
  void shouldCountCoverWordOnlyOnLargePersonToPersonTransfers() {
    Screening large = scorer.score(input(Payments.transfer("a", "b", 987_654).memo("借款")));
    Screening small = scorer.score(input(Payments.transfer("a", "b", 20_000).memo("借款")));

    assertEquals(
        List.of(ReasonCode.MEMO_COVER_WORD, ReasonCode.NEW_PAIR),
        large.reasons().stream().map(Reason::code).toList());
    assertEquals(15, large.score());
    assertEquals(Decision.CLEAR, large.decision());
    assertEquals(List.of(), small.reasons());
  }

  @Test
  void shouldNotReadRenminbiAsCrypto() {
    Screening s = scorer.score(input(Payments.transfer("a", "b", 50_000).memo("还你人民币500")));

    assertTrue(
        s.reasons().stream().noneMatch(r -> r.code() == ReasonCode.MEMO_CRYPTO_TERM), s::toString);
  }

  @Test
  void shouldClearLicensedPartnerWhateverElseMatches() {
    Screening s =
        scorer.score(
            input(
                Payments.toMerchant("partner", "Licensed Registry Services Co", "6051")
                    .memo("USDT"),
                new MerchantProfile(MerchantCategory.LICENSED_PARTNER, 0, "cac-registry"),
                null,
                null));

    assertEquals(Decision.CLEAR, s.decision());
    assertEquals(0, s.score());
    assertEquals(0, sum(s));
    Reason last = s.reasons().get(s.reasons().size() - 1);
    assertEquals(ReasonCode.LICENSED_PARTNER, last.code());
    // 6051 (30) unexplained by the name (15), and the memo's crypto term (35).
    assertEquals(-(30 + 15 + 35), last.points());
  }

  @Test
  void shouldCapScoreAtHundredWithStrongestReasonAtFullWeight() {
    Screening s =
        scorer.score(
            input(
                Payments.toMerchant("m-4", "www.okx.com", "6051"),
                new MerchantProfile(MerchantCategory.EXCHANGE, 99, null),
                null,
                null));

    assertEquals(100, s.score());
    assertEquals(100, sum(s));
    assertEquals(
        new Reason(ReasonCode.MERCHANT_EXCHANGE, 95, "payee is a crypto exchange (risk 99)"),
        s.reasons().get(0));
    assertEquals(5, s.reasons().get(1).points());
    assertTrue(s.reasons().get(1).detail().endsWith("(capped: score range is 0-100)"));
    assertEquals(0, s.reasons().get(2).points());
  }

  @Test
  void shouldTakeCategoryFromStrongestEvidence() {
    Screening s =
        scorer.score(
            input(
                Payments.toMerchant("m-5", "Some Shop", "5999").memo("usdt"),
                new MerchantProfile(MerchantCategory.NFT_PLATFORM, 80, null),
                null,
                null));

    assertEquals(PolicyCategory.NFT_SECONDARY_TRADING, s.category());
  }

  @Test
  void shouldAlwaysGiveReasonsSummingToAScoreInRange() {
    Random random = new Random(42);
    String[] memos = {null, "USDT", "借款", "合约", "鲸探 藏品", "lunch", "人民币", "u 1000"};
    String[] names = {null, "Wumart", "Binance", "鲸探数字藏品", "MoonPay"};
    String[] mccs = {null, "5411", "6051", "6211", "4829"};
    for (int i = 0; i < 5_000; i++) {
      MerchantProfile merchant =
          random.nextInt(3) == 0
              ? null
              : new MerchantProfile(
                  MerchantCategory.values()[random.nextInt(MerchantCategory.values().length)],
                  random.nextInt(101),
                  null);
      CounterpartyProfile payer = randomCounterparty(random);
      CounterpartyProfile payee = randomCounterparty(random);
      Payments payment =
          Payments.transfer("p" + i, "q" + i, 1 + random.nextInt(2_000_000))
              .memo(memos[random.nextInt(memos.length)])
              .merchantName(names[random.nextInt(names.length)])
              .mcc(mccs[random.nextInt(mccs.length)]);

      Screening s = scorer.score(input(payment, merchant, payer, payee));

      assertTrue(s.score() >= 0 && s.score() <= 100, s::toString);
      assertEquals(s.score(), sum(s), s::toString);
      if (s.decision() != Decision.CLEAR) {
        assertTrue(!s.reasons().isEmpty(), s::toString);
      }
      if (s.decision() == Decision.BLOCK) {
        assertTrue(
            s.reasons().stream()
                .anyMatch(
                    r ->
                        r.points() > 0
                            && TestRules.shipped().blockEvidence().contains(r.code().evidence())),
            s::toString);
      }
    }
  }

  private static CounterpartyProfile randomCounterparty(Random random) {
    if (random.nextInt(3) == 0) {
      return null;
    }
    return new CounterpartyProfile(
        CounterpartyCategory.values()[random.nextInt(CounterpartyCategory.values().length)],
        random.nextInt(101),
        random.nextInt(5));
  }
}
