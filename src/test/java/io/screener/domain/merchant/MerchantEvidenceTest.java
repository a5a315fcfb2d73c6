package io.screener.domain.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Decision;
import io.screener.domain.MerchantCategory;
import io.screener.domain.MerchantProfile;
import io.screener.domain.PayeeType;
import io.screener.domain.Payment;
import io.screener.domain.PaymentType;
import io.screener.domain.Reason;
import io.screener.domain.ReasonCode;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import io.screener.fixtures.TestRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the shipped model weighs a merchant: the brand match's strength, then the code, the other
 * words, the descriptor's form and the registration, end to end through the scorer. Names here are
 * the tests' own; none comes from an evaluation history.
 */
class MerchantEvidenceTest {
  private static final Scorer SCORER = Scorer.standard(TestRules.shipped());

  private static Screening score(
      String name, String mcc, MerchantCategory registered, String memo, long amountMinor) {
    Payment payment =
        new Payment(
            "tx-1",
            1_772_416_800_000L,
            PaymentType.MERCHANT_PAYMENT,
            "payer-1",
            "merchant-1",
            PayeeType.MERCHANT,
            amountMinor,
            "CNY",
            name,
            mcc.isEmpty() ? null : mcc,
            memo,
            "CARD",
            "d-1");
    MerchantProfile profile =
        registered == null ? null : new MerchantProfile(registered, 10, "risk-team");
    return SCORER.score(
        new ScreeningInput(
            payment,
            profile,
            null,
            null,
            null,
            null,
            BehaviourFeatures.firstSeen(21_600_000L, amountMinor)));
  }

  private static Screening score(String name, String mcc) {
    return score(name, mcc, null, null, 50_000);
  }

  private static List<ReasonCode> codes(Screening s) {
    return s.reasons().stream().map(Reason::code).toList();
  }

  private static String details(Screening s) {
    return String.join(" | ", s.reasons().stream().map(Reason::detail).toList());
  }

  @ParameterizedTest(name = "{0} under {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A known brand that the rest of the merchant agrees with, or does not contradict.
        "BINANCE.COM            | 6051 | BLOCK",
        "Binance*BUY CRYPTO     | 5999 | BLOCK",
        "KUCOIN LTD             | 6012 | BLOCK",
        "币安 充值              |      | BLOCK",
        "MOONPAY*CARD PURCHASE  | 6051 | BLOCK",
        // An ordinary word that is also a brand: half weight, enough with a crypto code.
        "GEMINI                 | 6051 | BLOCK",
        "GEMINI                 | 5999 | FLAG",
        // The brand among other words: half weight again.
        "Kraken Nordic          | 5999 | CLEAR",
        // Look-alikes: another trade's code or words hold the name back.
        "Kraken Rum Bar 海怪酒吧 | 5813 | CLEAR",
        "Gemini Hair Salon      | 7230 | CLEAR",
        "Bitstamp Noodle House 面馆 | 5812 | CLEAR",
        "OKX Auto Repair        |      | CLEAR",
        "抹茶拿铁 Matcha Latte   | 5814 | CLEAR",
        // No list names it: the code and the form of the descriptor.
        "ZORVEX*BUY CRYPTO      | 5999 | FLAG",
        "ZORVEX*P2P             | 4829 | FLAG",
        "ZORVEX.IO              | 6051 | FLAG",
        "ZORVEX                 | 6051 | FLAG",
        "ZORVEX.IO              | 6012 | FLAG",
        "CoinZorvex             | 4829 | FLAG",
        "ZORVEX                 | 6012 | FLAG",
        "ZORVEX PAY             | 5999 | CLEAR",
        "Zorvex Holdings Bank   | 6012 | CLEAR",
        "ZORVEX.IO              | 5999 | CLEAR",
        "链宝交易所              | 7372 | FLAG",
        // Travel money, remittance, banks and brokers under the same codes.
        "工商银行外币兑换         | 6051 | CLEAR",
        "TRAVELEX.COM           | 6051 | CLEAR",
        "Airport Currency Exchange | 6051 | CLEAR",
        "Western Union 西联汇款   | 4829 | CLEAR",
        "华泰证券                | 6211 | CLEAR",
        "网易游戏 游戏币          | 5816 | CLEAR",
        "Wumart supermarket     | 5411 | CLEAR",
      })
  void shouldWeighTheNameWithTheRestOfTheMerchant(String name, String mcc, Decision expected) {
    Screening s = score(name, mcc == null ? "" : mcc);

    assertEquals(expected, s.decision(), () -> name + " " + mcc + ": " + s);
  }

  @Test
  void shouldHoldBackABrandInsideAnotherTradeAndSayWhy() {
    Screening s = score("Kraken Rum Bar 海怪酒吧", "5813");

    assertEquals(List.of(ReasonCode.DESCRIPTOR_LOOKALIKE), codes(s));
    String why = s.reasons().get(0).detail();
    assertTrue(why.contains("'kraken'") && why.contains("crypto exchange Kraken"), why);
    assertTrue(why.contains("merchant category 5813 is another trade"), why);
    assertTrue(why.contains("'rum bar'") || why.contains("'bar'"), why);
    assertTrue(why.contains("'酒吧'"), why);
  }

  @Test
  void shouldNeverBlockALookAlikeWhateverElseItSays() {
    Screening s = score("OKX Auto Repair 汽修", "7538", null, "买币 USDT", 50_000);

    assertEquals(Decision.FLAG, s.decision(), s::toString);
    assertTrue(codes(s).contains(ReasonCode.DESCRIPTOR_LOOKALIKE), s::toString);
    assertTrue(!codes(s).contains(ReasonCode.DESCRIPTOR_EXCHANGE), s::toString);
  }

  @Test
  void shouldHoldBackAMerchantRegisteredAsOrdinary() {
    Screening s = score("KUCOIN", "6051", MerchantCategory.ORDINARY, null, 50_000);

    assertNotEquals(Decision.BLOCK, s.decision(), s::toString);
    assertTrue(details(s).contains("registers it as ORDINARY (source risk-team)"), details(s));
  }

  @Test
  void shouldNameTermStrengthAndContextOfABrandMatch() {
    Screening host = score("BINANCE.COM", "6051");
    Screening whole = score("KUCOIN LTD", "6012");
    Screening common = score("GEMINI", "5999");

    assertEquals(ReasonCode.DESCRIPTOR_EXCHANGE, host.reasons().get(0).code());
    assertEquals(85, host.reasons().get(0).points());
    assertTrue(
        host.reasons().get(0).detail().contains("its web host 'binance.com'"), details(host));
    assertTrue(
        host.reasons().get(0).detail().contains("merchant category 6051 fits"), details(host));
    assertTrue(whole.reasons().get(0).detail().contains("the whole name"), details(whole));
    assertTrue(whole.reasons().get(0).detail().contains("listed by ccxt"), details(whole));
    assertEquals(42, common.reasons().get(0).points(), details(common));
    assertTrue(
        common
            .reasons()
            .get(0)
            .detail()
            .contains("an ordinary word too (50% of the brand's weight)"),
        details(common));
  }

  @Test
  void shouldExplainAnUnlistedCryptoMerchant() {
    Screening s = score("ZORVEX.IO", "6051");

    assertEquals(
        List.of(ReasonCode.MCC_CRYPTO, ReasonCode.MCC_UNEXPLAINED, ReasonCode.DESCRIPTOR_WEB_HOST),
        codes(s));
    assertEquals(60, s.score());
    assertTrue(details(s).contains("web host 'zorvex.io'"), details(s));
  }

  @Test
  void shouldCountAMoneyChangingMemoAsExplainingTheCode() {
    Screening s = score("ZORVEX", "6051", null, "旅游外币", 200_000);

    assertEquals(List.of(ReasonCode.MCC_CRYPTO, ReasonCode.FINANCE_MERCHANT), codes(s));
    assertEquals(Decision.CLEAR, s.decision());
  }
}
