package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.MerchantCategory;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.VerdictKind;
import io.screener.config.RulesDocument;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.screening.RulesUpdate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live rules cannot break state: over a populated state (a payee with a full inflow window, dealer
 * prices, accounts on the ladder, review cases), every numeric rules key is published at its
 * smallest and at its largest valid value, each with the rest of the shipped rules. A document the
 * loader refuses (the value breaks a relation with another key) goes to the dead-letter topic with
 * the reason; any other is put in force. Either way every payment sent after it gets exactly one
 * decision, under one rules version, and nothing throws.
 */
class RulesBoundsTest {
  private static final String LONG_MAX = Long.toString(Long.MAX_VALUE);
  private static final String DAYS_MAX = "106751991167d";

  /** Each numeric key of the rules file with its smallest and largest valid value. */
  private static final String[][] BOUNDS = {
    {"threshold.flag", "1", "100"},
    {"threshold.block", "1", "100"},
    {"reputation.high-risk-score", "0", "100"},
    {"memo.cover-word.min-amount-minor", "1", LONG_MAX},
    {"behaviour.window", "1ms", DAYS_MAX},
    {"behaviour.max-tracked-inflows", "1", "1024"},
    {"behaviour.quick-turnover", "1ms", DAYS_MAX},
    {"behaviour.same-price-ppm", "0", "100000"},
    {"fan-in.min-payers", "2", "1024"},
    {"fan-in.full-payers", "2", "1024"},
    {"fan-in.min-inflow-minor", "1", LONG_MAX},
    {"repeated-amount.min-payers", "1", "1024"},
    {"shared-device.min-payers", "2", "1024"},
    {"amount.large-transfer-minor", "1", LONG_MAX},
    {"amount.round-step-minor", "1", LONG_MAX},
    {"amount.just-under-percent", "0", "50"},
    {"quote.usdt.step", "0.000001", "1000000000"},
    {"quote.usdt.min", "0", "1000000000000"},
    {"quote.usdt.round-lot", "0.000001", "1000000000"},
    {"quote.btc.step", "0.00000001", "1000000"},
    {"quote.btc.min", "0", "1000000"},
    {"quote.tolerance-minor", "0", "1000000"},
    {"quote.round-lot-tolerance-minor", "0", "1000000"},
    {"quote.max-age", "1ms", DAYS_MAX},
    {"quote.premium.min-percent", "0.0001", "100"},
    {"quote.premium.max-percent", "0.0001", "100"},
    {"quote.round-amount-minor", "1", LONG_MAX},
    {"descriptor.common-word-percent", "0", "100"},
    {"descriptor.other-words-percent", "0", "100"},
    {"enforcement.strike-points.block", "0", "1000"},
    {"enforcement.strike-points.confirmed", "0", "1000"},
    {"enforcement.strike-lifetime", "1ms", DAYS_MAX},
    {"enforcement.warn-at", "1", "1000"},
    {"enforcement.restrict-at", "1", "1000"},
    {"enforcement.ban-at", "1", "1000"},
    {"enforcement.rectify-within", "1ms", DAYS_MAX},
    {"enforcement.verdict-risk-step", "0", "100"},
    {"enforcement.max-strikes", "1", "1024"},
    {"weight.FAN_IN", "-100", "100"},
    {"weight.DEALER_PRICE", "-100", "100"},
    {"weight.PAYEE_BANNED", "-100", "100"},
  };

  @TempDir Path state;

  @Test
  void shouldKeepDecidingEveryPaymentWhateverValidBoundARulesDocumentSets() {
    RulesDocument shipped = RulesDocument.read(Path.of("config", "rules.properties"));
    try (ScreenerDriver screener = new ScreenerDriver(state)) {
      screener.counterparty("dealer-c", CounterpartyCategory.CONFIRMED_OTC_DEALER, 90, 3);
      screener.merchant("m-ex", MerchantCategory.EXCHANGE, 95);
      screener.quote("USDT/CNY", 7.18, Payments.T0.minusSeconds(60));
      int n = 0;
      for (; n < 60; n++) {
        pay(screener, n);
      }
      screener.verdict("tx-0", VerdictKind.CONFIRMED_CRYPTO, Payments.T0.plusSeconds(100));
      screener.decisions();
      screener.deadLetters();
      screener.actionRecords();

      int installed = 0;
      int refused = 0;
      for (String[] bound : BOUNDS) {
        for (int side = 1; side <= 2; side++) {
          String key = bound[0];
          String value = bound[side];
          ScreenerConfig doc = document(shipped, key, value, installed + refused);
          screener.config(doc);
          List<String> versions = new ArrayList<>();
          for (int i = 0; i < 4; i++, n++) {
            List<TestRecord<String, ScreeningDecision>> decided = pay(screener, n);
            assertEquals(1, decided.size(), "one decision under " + key + "=" + value);
            assertEquals("tx-" + n, decided.get(0).value().getTransactionId());
            versions.add(decided.get(0).value().getConfigVersion());
          }
          // The driver's deserialization handler logs a refused document (the service dead-letters
          // it: BadInputIntegrationTest); the version in force then stays the previous one.
          if (versions.get(0).equals(doc.getVersion())) {
            installed++;
          } else {
            refused++;
          }
          assertEquals(1, versions.stream().distinct().count(), versions::toString);
          assertTrue(
              screener.deadLetters().isEmpty(),
              "no payment dead-lettered under " + key + "=" + value);
          screener.actionRecords();
        }
      }
      assertTrue(
          installed > BOUNDS.length,
          "most bounds are put in force: " + installed + " installed, " + refused + " refused");
    }
  }

  /**
   * Pays the busy payees in turn: a dealer (reputation, lots), a person (behaviour), an exchange.
   */
  private static List<TestRecord<String, ScreeningDecision>> pay(ScreenerDriver screener, int n) {
    Instant at = Payments.T0.plusSeconds(60L * n);
    var payment =
        switch (n % 3) {
          case 0 -> Payments.transfer("buyer-" + n, "dealer-c", 722_668 + n).at(at);
          case 1 ->
              Payments.transfer("buyer-" + (n % 40), "person-p", 718_000).at(at).device("phone-1");
          default ->
              Payments.toMerchant("m-ex", "BINANCE.COM", "6051")
                  .payer("buyer-" + n)
                  .amount(100_000)
                  .at(at);
        };
    screener.pay(payment.id("tx-" + n).build());
    return screener.decisions();
  }

  private static ScreenerConfig document(RulesDocument shipped, String key, String value, int n) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + "=.*$").matcher(shipped.rules());
    assertTrue(line.find(), "no key " + key);
    String rules =
        line.replaceFirst(Matcher.quoteReplacement(key + "=" + value))
            .replace("rules.version=", "rules.version=bounds-" + n + "-");
    return RulesUpdate.document(
        new RulesDocument("test", rules, shipped.lists()), "test", Payments.T0.toEpochMilli());
  }
}
