package io.screener.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantCategory;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.domain.merchant.CryptoUniverse;
import io.screener.fixtures.TestRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hard cases of a 20,000-payment history: look-alike businesses, unlisted and held-out crypto
 * platforms, wallets, premium OTC dealers and the wider travel-money set.
 */
class HardCasesTest {
  private static final HistorySpec SPEC = HistorySpec.of(20_000, 42);

  /** Codes under which card schemes put money, crypto, brokers, gambling and games. */
  private static final Set<String> NOT_ORDINARY =
      Set.of("6051", "6012", "4829", "6211", "7372", "5999", "7995", "5816");

  private static final Set<Scenario> UNLISTED_CRYPTO =
      Set.of(
          Scenario.EXCHANGE_UNLISTED,
          Scenario.ONRAMP_UNLISTED,
          Scenario.WALLET_PURCHASE,
          Scenario.HELDOUT_PLATFORM);

  private static final Map<Scenario, List<PaymentEvent>> byScenario = new EnumMap<>(Scenario.class);
  private static final Map<String, MerchantReputation> merchants = new HashMap<>();
  private static final Set<String> counterparties = new TreeSet<>();
  private static final TreeMap<Long, Double> usdt = new TreeMap<>();
  private static final CryptoUniverse cryptoTerms = TestRules.shipped().merchants().universe();

  @BeforeAll
  static void generate() throws IOException {
    HistoryGenerator history = new HistoryGenerator(SPEC);
    for (Iterator<LabeledPayment> it = history.payments(); it.hasNext(); ) {
      LabeledPayment labeled = it.next();
      byScenario.computeIfAbsent(labeled.scenario(), s -> new ArrayList<>()).add(labeled.payment());
    }
    history.merchantReputations().forEach(m -> merchants.put(m.getMerchantId(), m));
    history.counterpartyReputations().forEach(c -> counterparties.add(c.getAccountId()));
    for (Iterator<CryptoQuote> it = history.quotes(); it.hasNext(); ) {
      CryptoQuote quote = it.next();
      if (quote.getPair().equals(QuoteTape.USDT)) {
        usdt.put(quote.getEventTime().toEpochMilli(), quote.getPrice());
      }
    }
  }

  @Test
  void shouldKeepTheNewLabelsAndTheirCryptoFlags() {
    Map<String, Boolean> expected =
        Map.of(
            "lookalike-merchant", false,
            "exchange-unlisted", true,
            "onramp-unlisted", true,
            "wallet-purchase", true,
            "heldout-platform", true,
            "otc-premium-dealer", true);
    expected.forEach(
        (label, crypto) -> {
          Scenario scenario = Scenario.ofLabel(label);
          assertEquals(label, scenario.label());
          assertEquals(crypto, scenario.crypto(), label);
          assertTrue(of(scenario).size() >= 20, label + ": " + of(scenario).size());
        });
  }

  @Test
  void shouldNameLookalikeMerchantsWithACryptoWordUnderTheirTradesCode() {
    List<PaymentEvent> payments = of(Scenario.LOOKALIKE_MERCHANT);
    assertTrue(payments.size() > 300, "look-alike payments: " + payments.size());
    Map<String, String> wordByName = new HashMap<>();
    for (Catalog.Lookalike lookalike : Catalog.LOOKALIKES) {
      String name = lookalike.brand().name();
      assertTrue(
          name.toLowerCase(Locale.ROOT).contains(lookalike.word().toLowerCase(Locale.ROOT)), name);
      assertTrue(name.length() > lookalike.word().length() + 1, "a trade word besides: " + name);
      assertFalse(NOT_ORDINARY.contains(lookalike.brand().mcc()), name);
      assertNotNull(lookalike.brand().mcc(), name);
      wordByName.put(name, lookalike.word());
    }
    for (PaymentEvent p : payments) {
      assertTrue(wordByName.containsKey(p.getMerchantName()), p.toString());
      assertFalse(NOT_ORDINARY.contains(p.getMcc()), p.toString());
      assertEquals(PaymentType.MERCHANT_PAYMENT, p.getType());
      assertEquals(PayeeType.MERCHANT, p.getPayeeType());
      assertTrue(Set.of("qr", "pos", "app", "card").contains(p.getChannel()), p.toString());
    }
    Set<String> names =
        payments.stream().map(PaymentEvent::getMerchantName).collect(Collectors.toSet());
    assertTrue(names.size() >= Catalog.LOOKALIKES.length - 2, "businesses seen: " + names);
    // Some of them do trip the shipped list, which is the point of the scenario.
    assertTrue(names.stream().anyMatch(n -> !cryptoTerms.find(n).isEmpty()), "no list hit");
  }

  @Test
  void shouldRegisterAboutHalfOfTheLookalikesAsOrdinaryMerchants() {
    Set<String> payees = payees(Scenario.LOOKALIKE_MERCHANT);
    List<MerchantReputation> listed =
        payees.stream().map(merchants::get).filter(m -> m != null).toList();

    assertTrue(
        listed.size() >= payees.size() / 3 && listed.size() <= payees.size() * 2 / 3,
        listed.size() + " of " + payees.size());
    for (MerchantReputation m : listed) {
      assertEquals(MerchantCategory.ORDINARY, m.getCategory(), m.toString());
      assertTrue(m.getRiskScore() <= 30, m.toString());
    }
  }

  @Test
  void shouldKeepUnlistedAndHeldOutPlatformsOffEveryFeed() {
    for (Scenario scenario : UNLISTED_CRYPTO) {
      for (String payee : payees(scenario)) {
        assertFalse(merchants.containsKey(payee), scenario + " " + payee);
        assertFalse(counterparties.contains(payee), scenario + " " + payee);
      }
      for (PaymentEvent p : of(scenario)) {
        assertEquals(PayeeType.MERCHANT, p.getPayeeType());
        assertEquals(PaymentType.MERCHANT_PAYMENT, p.getType());
      }
    }
  }

  @Test
  void shouldWriteUnlistedDescriptorsInTheFormsOfCardStatements() {
    Map<String, Pattern> forms =
        Map.of(
            "web host", Pattern.compile("^(APP\\.)?[A-Z0-9]+\\.(COM|IO|NET|MONEY)$"),
            "facilitator", Pattern.compile("^[A-Z0-9 ]+\\*(BUY CRYPTO|P2P|CRYPTO|WALLET)$"),
            "buy BTC", Pattern.compile("^\\S+ buy BTC$"),
            "corporate", Pattern.compile("^[A-Z0-9 ]+ (LTD|PAY|SG|GLOBAL|SA)$"),
            "Chinese", Pattern.compile(".*(交易所|数字资产|钱包 充值).*"),
            "trade name", Pattern.compile("^[A-Z][a-z]+ (Exchange|Markets\\*CRYPTO)$"));
    List<Catalog.Brand> brands = new ArrayList<>();
    brands.addAll(List.of(Catalog.UNLISTED_EXCHANGES));
    brands.addAll(List.of(Catalog.UNLISTED_ONRAMPS));
    brands.addAll(List.of(Catalog.WALLETS));
    brands.addAll(List.of(Catalog.HELDOUT_PLATFORMS));
    Map<String, Integer> perForm = new TreeMap<>();
    Map<String, Integer> perMcc = new TreeMap<>();
    for (Catalog.Brand brand : brands) {
      List<String> matched =
          forms.entrySet().stream()
              .filter(form -> form.getValue().matcher(brand.name()).matches())
              .map(Map.Entry::getKey)
              .toList();
      assertFalse(matched.isEmpty(), "no statement form: " + brand.name());
      matched.forEach(form -> perForm.merge(form, 1, Integer::sum));
      perMcc.merge(String.valueOf(brand.mcc()), 1, Integer::sum);
    }
    for (String form : forms.keySet()) {
      assertTrue(perForm.getOrDefault(form, 0) >= (form.equals("trade name") ? 1 : 3), form);
    }
    for (String mcc : List.of("6051", "6012", "4829", "6211", "7372", "5999", "null")) {
      assertTrue(perMcc.containsKey(mcc), mcc + ": " + perMcc);
    }
    int most = perMcc.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    assertEquals(most, perMcc.get("6051"), perMcc.toString());

    long total = 0;
    long under6051 = 0;
    for (Scenario scenario : UNLISTED_CRYPTO) {
      for (PaymentEvent p : of(scenario)) {
        total++;
        under6051 += "6051".equals(p.getMcc()) ? 1 : 0;
      }
    }
    assertTrue(under6051 > total / 2 && under6051 < total, under6051 + " of " + total);
  }

  @Test
  void shouldInventHeldOutPlatformNamesThatNoListKnows() {
    Set<String> known = new TreeSet<>();
    for (Catalog.Brand[] pool :
        List.of(
            Catalog.EXCHANGES,
            Catalog.ONRAMPS,
            Catalog.NFT_PLATFORMS,
            Catalog.UNLISTED_EXCHANGES,
            Catalog.UNLISTED_ONRAMPS,
            Catalog.WALLETS)) {
      for (Catalog.Brand brand : pool) {
        known.add(brand.name());
      }
    }
    assertTrue(Catalog.HELDOUT_PLATFORMS.length >= 15);
    for (Catalog.Brand brand : Catalog.HELDOUT_PLATFORMS) {
      assertTrue(
          cryptoTerms.find(brand.name()).isEmpty(),
          brand.name() + " matches " + cryptoTerms.find(brand.name()));
      assertFalse(known.contains(brand.name()), brand.name());
    }
    assertTrue(payees(Scenario.HELDOUT_PLATFORM).size() >= 10);
  }

  @Test
  void shouldTopUpUnlistedPlatformsMostlyInRoundLots() {
    for (Scenario scenario : UNLISTED_CRYPTO) {
      List<PaymentEvent> payments = of(scenario);
      long round = payments.stream().filter(p -> p.getAmountMinor() % 10_000 == 0).count();
      assertTrue(
          round >= payments.size() * 0.65, scenario + ": " + round + " of " + payments.size());
      assertTrue(round < payments.size(), scenario + ": some odd amounts");
    }
  }

  @Test
  void shouldSellPremiumDealersUsdtInWholeLotsAtHalfToThreePercentOverTheQuote() {
    Map<String, World.Dealer> dealers = premiumDealers();
    Set<World.Pricing> styles = new TreeSet<>();
    long lots = 0;
    long total = 0;
    for (PaymentEvent p : of(Scenario.OTC_PREMIUM_DEALER)) {
      World.Dealer dealer = dealers.get(p.getPayeeId());
      assertNotNull(dealer, p.toString());
      assertEquals(PaymentType.P2P_TRANSFER, p.getType());
      assertEquals(PayeeType.PERSONAL, p.getPayeeType());
      styles.add(dealer.pricing());
      total++;
      long lot = lotOf(p, quoteAt(p));
      if (lot == 0) {
        continue;
      }
      lots++;
      double quote = quoteAt(p);
      if (dealer.pricing() == World.Pricing.FIXED_PREMIUM) {
        assertEquals(
            Math.round(lot * quote * (1 + dealer.premium()) * 100),
            p.getAmountMinor(),
            lot + " USDT at " + quote + " + " + dealer.premium());
      } else {
        assertEquals(0, p.getAmountMinor() % lot, "a posted price in whole fen: " + p);
      }
    }
    assertEquals(Set.of(World.Pricing.FIXED_PREMIUM, World.Pricing.POSTED_PRICE), styles);
    assertTrue(lots >= total * 0.8, lots + " whole lots of " + total);
    assertTrue(lots < total, "a minority pays round or odd CNY sums");
    for (World.Dealer dealer : dealers.values()) {
      assertTrue(dealer.premium() >= 0.005 && dealer.premium() <= 0.03, dealer.toString());
    }
  }

  @Test
  void shouldHoldAPostedPriceForHours() {
    // Ten days, so that posted-price dealers see enough buyers close together.
    HistorySpec spec = HistorySpec.of(60_000, 42);
    Map<String, World.Dealer> dealers = premiumDealers(spec);
    Map<String, List<long[]>> sales = new TreeMap<>();
    HistoryGenerator history = new HistoryGenerator(spec);
    TreeMap<Long, Double> quotes = new TreeMap<>();
    for (Iterator<CryptoQuote> it = history.quotes(); it.hasNext(); ) {
      CryptoQuote quote = it.next();
      if (quote.getPair().equals(QuoteTape.USDT)) {
        quotes.put(quote.getEventTime().toEpochMilli(), quote.getPrice());
      }
    }
    for (Iterator<LabeledPayment> it = history.payments(); it.hasNext(); ) {
      LabeledPayment labeled = it.next();
      PaymentEvent p = labeled.payment();
      if (labeled.scenario() != Scenario.OTC_PREMIUM_DEALER
          || dealers.get(p.getPayeeId()).pricing() != World.Pricing.POSTED_PRICE) {
        continue;
      }
      long lot = lotOf(p, quotes.floorEntry(p.getEventTime().toEpochMilli()).getValue());
      if (lot > 0) {
        sales
            .computeIfAbsent(p.getPayeeId(), d -> new ArrayList<>())
            .add(new long[] {p.getEventTime().toEpochMilli(), p.getAmountMinor() / lot});
      }
    }
    int close = 0;
    int samePrice = 0;
    for (List<long[]> list : sales.values()) {
      for (int i = 1; i < list.size(); i++) {
        if (list.get(i)[0] - list.get(i - 1)[0] < ShanghaiCalendar.HOUR) {
          close++;
          samePrice += list.get(i)[1] == list.get(i - 1)[1] ? 1 : 0;
        }
      }
    }
    assertTrue(close >= 10, "sales within the hour: " + close);
    assertTrue(samePrice >= close * 0.75, samePrice + " of " + close + " at the same price");
  }

  @Test
  void shouldLeavePremiumDealersUnlistedAndMovingMoneyOn() {
    Set<String> dealers = payees(Scenario.OTC_PREMIUM_DEALER);
    assertTrue(dealers.size() >= 4, dealers.toString());
    Set<String> movers =
        of(Scenario.OTC_DEALER_OUTFLOW).stream()
            .map(PaymentEvent::getPayerId)
            .collect(Collectors.toSet());
    for (String dealer : dealers) {
      assertFalse(counterparties.contains(dealer), dealer);
      assertFalse(merchants.containsKey(dealer), dealer);
      assertTrue(movers.contains(dealer), "no outflow from " + dealer);
    }
  }

  @Test
  void shouldVaryTravelMoneyAndRemittanceMerchants() {
    Map<String, String> mccByName = new TreeMap<>();
    for (PaymentEvent p : of(Scenario.FX_SHOP)) {
      mccByName.put(p.getMerchantName(), p.getMcc());
      // The smallest cash purchase is 3,000 THB, about 630 CNY.
      assertTrue(p.getAmountMinor() >= 50_000, "a travel-money purchase: " + p);
    }
    Set<String> names = mccByName.keySet();
    assertTrue(names.stream().anyMatch(n -> n.contains("银行")), "a bank counter: " + names);
    assertTrue(names.stream().anyMatch(n -> n.contains("机场")), "an airport counter: " + names);
    assertTrue(names.stream().anyMatch(n -> n.endsWith(".COM")), "an online order: " + names);
    assertTrue(mccByName.containsValue("4829"), "a remittance counter: " + mccByName);
    assertTrue(names.size() >= 15, names.toString());
    for (String name : names) {
      assertTrue(cryptoTerms.find(name).isEmpty(), name);
    }
  }

  private static List<PaymentEvent> of(Scenario scenario) {
    return byScenario.getOrDefault(scenario, List.of());
  }

  private static Set<String> payees(Scenario scenario) {
    return of(scenario).stream().map(PaymentEvent::getPayeeId).collect(Collectors.toSet());
  }

  private static Map<String, World.Dealer> premiumDealers() {
    return premiumDealers(SPEC);
  }

  private static Map<String, World.Dealer> premiumDealers(HistorySpec spec) {
    Map<String, World.Dealer> dealers = new HashMap<>();
    for (World.Dealer dealer : new World(spec).dealers) {
      if (dealer.scenario() == Scenario.OTC_PREMIUM_DEALER) {
        dealers.put(dealer.account().id(), dealer);
      }
    }
    return dealers;
  }

  private static double quoteAt(PaymentEvent p) {
    Map.Entry<Long, Double> quote = usdt.floorEntry(p.getEventTime().toEpochMilli());
    assertNotNull(quote, "no quote before " + p);
    return quote.getValue();
  }

  /** The dealer lot the amount buys at a price 0.5-3% over the quote, or 0 if none. */
  private static long lotOf(PaymentEvent p, double quote) {
    for (long lot : DealerActivity.LOTS) {
      double markup = p.getAmountMinor() / (lot * 100.0) / quote;
      // A fen of rounding on a 100 USDT lot moves the implied price by about 0.0014%.
      if (markup >= DealerActivity.MIN_MARKUP - 1e-4
          && markup <= DealerActivity.MAX_MARKUP + 1e-4) {
        return lot;
      }
    }
    return 0;
  }
}
