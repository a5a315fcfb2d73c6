package io.screener.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantCategory;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.domain.merchant.CryptoUniverse;
import io.screener.fixtures.TestRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 20,000-payment history written to files and read back as the replay tool would. */
class HistoryFilesTest {
  private static final int PAYMENTS = 20_000;
  private static final Pattern MCC = Pattern.compile("\\d{4}");
  private static final String[] FILES = {
    HistoryFiles.PAYMENTS,
    HistoryFiles.LABELS,
    HistoryFiles.MERCHANTS,
    HistoryFiles.COUNTERPARTIES,
    HistoryFiles.QUOTES
  };

  @TempDir static Path dir;

  private static HistorySummary summary;
  private static GeneratedHistory history;

  @BeforeAll
  static void generate() throws IOException {
    summary =
        HistoryFiles.write(new HistoryGenerator(HistorySpec.of(PAYMENTS, 42)), dir.resolve("a"));
    history = new GeneratedHistory(dir.resolve("a"));
    ObjectMapper json = new ObjectMapper();
    for (String line : history.labelLines) {
      JsonNode label = json.readTree(line);
      Scenario scenario = Scenario.ofLabel(label.get("scenario").asText());
      assertEquals(scenario.crypto(), label.get("crypto").asBoolean(), line);
      Scenario before = history.scenarioById.put(label.get("transactionId").asText(), scenario);
      assertEquals(null, before, "labelled twice: " + line);
    }
  }

  @Test
  void shouldWriteIdenticalBytesForTheSameSeed(@TempDir Path other) throws IOException {
    HistoryFiles.write(new HistoryGenerator(HistorySpec.of(PAYMENTS, 42)), other);

    for (String file : FILES) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(file)),
          Files.readAllBytes(other.resolve(file)),
          file);
    }
    try (Stream<Path> listing = Files.list(other)) {
      assertEquals(FILES.length, listing.count(), "no temporary files left behind");
    }
  }

  @Test
  void shouldWriteADifferentHistoryForAnotherSeed(@TempDir Path other) throws IOException {
    HistoryFiles.write(new HistoryGenerator(HistorySpec.of(PAYMENTS, 43)), other);

    for (String file : FILES) {
      assertFalse(
          Arrays.equals(
              Files.readAllBytes(dir.resolve("a").resolve(file)),
              Files.readAllBytes(other.resolve(file))),
          file + " should differ");
    }
  }

  @Test
  void shouldWriteOnlyPaymentsTheScreenerAccepts() {
    assertEquals(PAYMENTS, history.payments.size());
    Instant earliest = Instant.parse("2009-01-03T00:00:00Z");
    for (PaymentEvent p : history.payments) {
      String where = p.toString();
      assertId(p.getTransactionId(), where);
      assertId(p.getPayerId(), where);
      assertId(p.getPayeeId(), where);
      assertTrue(p.getAmountMinor() > 0, where);
      assertEquals("CNY", p.getCurrency(), where);
      assertTrue(p.getMcc() == null || MCC.matcher(p.getMcc()).matches(), where);
      assertTrue(p.getEventTime().isAfter(earliest), where);
      assertTrue(p.getMemo() == null || p.getMemo().length() <= 1024, where);
      assertTrue(p.getMerchantName() == null || p.getMerchantName().length() <= 1024, where);
      assertTrue(p.getDeviceId() == null || !p.getDeviceId().isBlank(), where);
      assertEquals(p.getPayeeType() == PayeeType.MERCHANT, p.getMerchantName() != null, where);
    }
  }

  private static void assertId(String id, String where) {
    assertNotNull(id, where);
    assertFalse(id.isBlank(), where);
    assertTrue(id.length() <= 128, where);
  }

  @Test
  void shouldLabelEveryPaymentExactlyOnceInTheSameOrder() {
    assertEquals(history.payments.size(), history.labelLines.size());
    assertEquals(history.payments.size(), history.scenarioById.size());
    int i = 0;
    for (String id : history.scenarioById.keySet()) {
      assertEquals(history.payments.get(i++).getTransactionId(), id);
    }
  }

  @Test
  void shouldSortPaymentsByEventTimeThenTransactionId() {
    for (int i = 1; i < history.payments.size(); i++) {
      PaymentEvent before = history.payments.get(i - 1);
      PaymentEvent after = history.payments.get(i);
      int byTime = before.getEventTime().compareTo(after.getEventTime());
      assertTrue(
          byTime < 0
              || (byTime == 0 && before.getTransactionId().compareTo(after.getTransactionId()) < 0),
          "out of order at line " + (i + 1));
    }
  }

  @Test
  void shouldKeepTheCryptoShareRealistic() {
    long crypto = history.scenarioById.values().stream().filter(Scenario::crypto).count();
    double share = crypto / (double) PAYMENTS;

    assertTrue(share >= 0.05 && share <= 0.085, "crypto share " + share);
    assertEquals(crypto, summary.crypto());
  }

  @Test
  void shouldIncludeEveryScenario() {
    Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
    history.scenarioById.values().forEach(s -> counts.merge(s, 1, Integer::sum));

    for (Scenario scenario : Scenario.values()) {
      assertTrue(counts.getOrDefault(scenario, 0) >= 20, scenario + ": " + counts.get(scenario));
      assertEquals((long) counts.get(scenario), summary.perScenario().get(scenario));
    }
  }

  @Test
  void shouldPriceDealerInflowsAsWholeUsdtAtTheQuoteInForce() {
    TreeMap<Long, Double> usdt = history.quotes.get("USDT/CNY");
    int checked = 0;
    for (Scenario scenario :
        List.of(
            Scenario.OTC_CONFIRMED_DEALER,
            Scenario.OTC_SUSPECTED_DEALER,
            Scenario.OTC_UNLISTED_DEALER)) {
      for (PaymentEvent p : history.of(scenario)) {
        Map.Entry<Long, Double> quote = usdt.floorEntry(p.getEventTime().toEpochMilli());
        assertNotNull(quote, "no quote before " + p);
        BigDecimal price = BigDecimal.valueOf(quote.getValue());
        long units =
            BigDecimal.valueOf(p.getAmountMinor())
                .divide(price.movePointRight(2), 0, RoundingMode.HALF_UP)
                .longValue();
        long expected =
            price
                .multiply(BigDecimal.valueOf(units))
                .movePointRight(2)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();

        assertTrue(units >= 1, p.toString());
        assertEquals(expected, p.getAmountMinor(), units + " USDT at " + price + ": " + p);
        assertEquals(PaymentType.P2P_TRANSFER, p.getType());
        assertEquals(PayeeType.PERSONAL, p.getPayeeType());
        checked++;
      }
    }
    assertTrue(checked > 300, "dealer inflows: " + checked);
  }

  @Test
  void shouldListConfirmedAndSuspectedDealersButNotUnlistedOnes() {
    Set<String> unlisted = payees(Scenario.OTC_UNLISTED_DEALER);
    assertTrue(unlisted.size() >= 2, "unlisted dealers: " + unlisted);
    for (String dealer : unlisted) {
      assertFalse(history.counterparties.containsKey(dealer), dealer);
      assertFalse(history.merchants.containsKey(dealer), dealer);
    }
    for (String dealer : payees(Scenario.OTC_CONFIRMED_DEALER)) {
      assertEquals(
          CounterpartyCategory.CONFIRMED_OTC_DEALER,
          history.counterparties.get(dealer).getCategory());
    }
    for (String dealer : payees(Scenario.OTC_SUSPECTED_DEALER)) {
      assertEquals(
          CounterpartyCategory.SUSPECTED_OTC_DEALER,
          history.counterparties.get(dealer).getCategory());
    }
  }

  @Test
  void shouldLetUnlistedDealersShowTheirBehaviour() {
    // Fan-in of strangers, and the money moved on within the hour.
    for (String dealer : payees(Scenario.OTC_UNLISTED_DEALER)) {
      List<PaymentEvent> inflows =
          history.of(Scenario.OTC_UNLISTED_DEALER).stream()
              .filter(p -> p.getPayeeId().equals(dealer))
              .toList();
      long payers = inflows.stream().map(PaymentEvent::getPayerId).distinct().count();
      assertTrue(
          payers >= inflows.size() * 0.6, dealer + ": " + payers + " payers of " + inflows.size());
      List<PaymentEvent> outflows =
          history.of(Scenario.OTC_DEALER_OUTFLOW).stream()
              .filter(p -> p.getPayerId().equals(dealer))
              .toList();
      assertFalse(outflows.isEmpty(), dealer);
      for (PaymentEvent out : outflows) {
        long at = out.getEventTime().toEpochMilli();
        assertTrue(
            inflows.stream()
                .anyMatch(
                    in ->
                        at - in.getEventTime().toEpochMilli() <= 40 * 60_000L
                            && at >= in.getEventTime().toEpochMilli()),
            "outflow without a recent inflow: " + out);
      }
    }
  }

  @Test
  void shouldNameCryptoMerchantsFromTheListAndTravelMoneyShopsWithoutIt() throws IOException {
    CryptoUniverse terms = TestRules.shipped().merchants().universe();

    for (Scenario scenario :
        List.of(Scenario.EXCHANGE_CARD, Scenario.CRYPTO_ONRAMP, Scenario.NFT_PLATFORM)) {
      for (String name : names(scenario)) {
        assertFalse(terms.find(name).isEmpty(), scenario + " '" + name + "' names no listed brand");
      }
    }
    for (Scenario scenario :
        List.of(
            Scenario.FX_SHOP,
            Scenario.RETAIL,
            Scenario.RESTAURANT,
            Scenario.GAME_TOP_UP,
            Scenario.STOCK_BROKER)) {
      for (String name : names(scenario)) {
        assertTrue(
            terms.find(name).isEmpty(), scenario + " '" + name + "' matches " + terms.find(name));
      }
    }
    for (PaymentEvent p : history.of(Scenario.FX_SHOP)) {
      // Travel money under 6051; remittance counters under 6051 or 4829.
      assertTrue(Set.of("6051", "4829").contains(p.getMcc()), p.toString());
    }
  }

  @Test
  void shouldListOnlyPartOfTheCryptoMerchants() {
    for (Scenario scenario :
        List.of(Scenario.EXCHANGE_CARD, Scenario.CRYPTO_ONRAMP, Scenario.NFT_PLATFORM)) {
      Set<String> payees = payees(scenario);
      long listed = payees.stream().filter(history.merchants::containsKey).count();
      assertTrue(
          listed > 0 && listed < payees.size(), scenario + ": " + listed + " of " + payees.size());
    }
    for (String partner : payees(Scenario.LICENSED_PARTNER)) {
      MerchantReputation reputation = history.merchants.get(partner);
      assertEquals(MerchantCategory.LICENSED_PARTNER, reputation.getCategory(), partner);
    }
  }

  @Test
  void shouldAddOrdinaryNoiseToTheReputationLists() {
    Map<CounterpartyCategory, Integer> categories = new EnumMap<>(CounterpartyCategory.class);
    for (CounterpartyReputation record : history.counterparties.values()) {
      categories.merge(record.getCategory(), 1, Integer::sum);
    }
    assertTrue(
        categories.getOrDefault(CounterpartyCategory.ORDINARY, 0) >= 20, categories.toString());
    assertTrue(categories.getOrDefault(CounterpartyCategory.MULE, 0) >= 2, categories.toString());
    assertTrue(
        history.merchants.values().stream()
            .anyMatch(m -> m.getCategory() == MerchantCategory.ORDINARY),
        "ordinary merchants with a record");
  }

  @Test
  void shouldQuoteBothPairsFromBeforeTheFirstPaymentToAfterTheLast() {
    long first = history.payments.get(0).getEventTime().toEpochMilli();
    long last = history.payments.get(history.payments.size() - 1).getEventTime().toEpochMilli();
    for (String pair : List.of("USDT/CNY", "BTC/CNY")) {
      TreeMap<Long, Double> quotes = history.quotes.get(pair);
      assertTrue(quotes.firstKey() < first, pair);
      assertTrue(quotes.lastKey() > last, pair);
      for (Map.Entry<Long, Double> next : quotes.tailMap(quotes.firstKey(), false).entrySet()) {
        assertEquals(QuoteTape.STEP, next.getKey() - quotes.lowerKey(next.getKey()), pair);
      }
    }
    assertTrue(
        history.quotes.get("USDT/CNY").values().stream().allMatch(p -> p >= 7.10 && p <= 7.30));
    assertTrue(
        history.quotes.get("BTC/CNY").values().stream()
            .allMatch(p -> p >= 600_000 && p <= 700_000));
  }

  @Test
  void shouldGiveRedPacketsAndGameTopUpsTheirOwnTypes() {
    assertTrue(
        history.of(Scenario.RED_PACKET).stream()
            .allMatch(p -> p.getType() == PaymentType.RED_PACKET));
    for (PaymentEvent p : history.of(Scenario.GAME_TOP_UP)) {
      assertEquals(PaymentType.TOP_UP, p.getType());
      assertEquals("5816", p.getMcc());
    }
    Set<Long> lucky = Set.of(666L, 888L, 5_200L, 6_660L, 8_880L, 52_000L, 131_400L);
    assertTrue(
        history.of(Scenario.RED_PACKET).stream()
                .filter(p -> lucky.contains(p.getAmountMinor()))
                .count()
            > 100);
    assertTrue(
        history.of(Scenario.STREET_VENDOR).stream()
            .allMatch(p -> p.getPayeeType() == PayeeType.PERSONAL));
    assertTrue(history.of(Scenario.STOCK_BROKER).stream().allMatch(p -> "6211".equals(p.getMcc())));
  }

  private static Set<String> payees(Scenario scenario) {
    Set<String> payees = new TreeSet<>();
    history.of(scenario).forEach(p -> payees.add(p.getPayeeId()));
    return payees;
  }

  private static Set<String> names(Scenario scenario) {
    Set<String> names = new HashSet<>();
    history.of(scenario).forEach(p -> names.add(p.getMerchantName()));
    return names;
  }
}
