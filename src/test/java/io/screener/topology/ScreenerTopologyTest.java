package io.screener.topology;

import static io.screener.fixtures.Payments.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.Decision;
import io.screener.avro.MerchantCategory;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PolicyCategory;
import io.screener.avro.Reason;
import io.screener.avro.ScreeningDecision;
import io.screener.domain.Quote;
import io.screener.domain.Scorer;
import io.screener.domain.ScoringRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.fixtures.TestRules;
import io.screener.screening.ScreeningEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenerTopologyTest {
  @TempDir Path stateDir;
  private ScreenerDriver screener;

  @BeforeEach
  void start() {
    screener = new ScreenerDriver(stateDir);
  }

  @AfterEach
  void stop() {
    screener.close();
  }

  private static List<String> codes(ScreeningDecision decision) {
    return decision.getReasons().stream().map(Reason::getCode).toList();
  }

  @Test
  void shouldBlockPaymentToKnownExchangeWithReadableReasons() {
    PaymentEvent payment = Payments.toMerchant("m-binance", "Card purchase", "5999").build();
    screener.merchant("m-binance", MerchantCategory.EXCHANGE, 97).pay(payment);

    List<TestRecord<String, ScreeningDecision>> blocked = screener.blocked();

    assertEquals(1, blocked.size());
    ScreeningDecision d = blocked.get(0).value();
    assertEquals(payment.getTransactionId(), blocked.get(0).key());
    assertEquals(Decision.BLOCK, d.getDecision());
    assertEquals(95, d.getScore());
    assertEquals(PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE, d.getCategory());
    assertEquals(
        List.of(
            new Reason(
                "MERCHANT_EXCHANGE", 95, "payee is a crypto exchange (risk 97, source test)")),
        d.getReasons());
    assertEquals(payment, d.getPayment());
    assertEquals(TestRules.shipped().version(), d.getConfigVersion());
    assertEquals(ScreenerDriver.WALL_CLOCK, d.getDecidedAt());
    assertEquals(payment.getEventTime().toEpochMilli(), blocked.get(0).timestamp());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldFlagTransferToSuspectedDealer() {
    screener
        .counterparty("dealer-7", CounterpartyCategory.SUSPECTED_OTC_DEALER, 65, 3)
        .pay(Payments.transfer("buyer-1", "dealer-7", 718_000).build());

    List<TestRecord<String, ScreeningDecision>> flagged = screener.flagged();

    assertEquals(1, flagged.size());
    assertEquals(List.of("PAYEE_SUSPECTED_OTC_DEALER", "NEW_PAIR"), codes(flagged.get(0).value()));
    assertEquals(55, flagged.get(0).value().getScore());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldClearGroceryPayment() {
    PaymentEvent payment = Payments.grocery().build();
    screener.pay(payment);

    List<TestRecord<String, ScreeningDecision>> cleared = screener.cleared();

    assertEquals(1, cleared.size());
    assertEquals(Decision.CLEAR, cleared.get(0).value().getDecision());
    assertEquals(0, cleared.get(0).value().getScore());
    assertNull(cleared.get(0).value().getCategory());
    assertEquals(List.of(), cleared.get(0).value().getReasons());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldUsePayerReputation() {
    screener
        .counterparty("dealer-9", CounterpartyCategory.CONFIRMED_OTC_DEALER, 90, 5)
        .pay(Payments.transfer("dealer-9", "seller-1", 718_000).build());

    List<TestRecord<String, ScreeningDecision>> flagged = screener.flagged();

    assertEquals(1, flagged.size());
    assertEquals(List.of("PAYER_CONFIRMED_OTC_DEALER", "NEW_PAIR"), codes(flagged.get(0).value()));
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldUsePayeeCounterpartyReputationToBlockConfirmedDealer() {
    screener
        .counterparty("dealer-3", CounterpartyCategory.CONFIRMED_OTC_DEALER, 95, 9)
        .pay(Payments.transfer("buyer-2", "dealer-3", 1_436_000).build());

    List<TestRecord<String, ScreeningDecision>> blocked = screener.blocked();

    assertEquals(List.of("PAYEE_CONFIRMED_OTC_DEALER", "NEW_PAIR"), codes(blocked.get(0).value()));
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldClearLicensedPartnerAndShowWhy() {
    screener
        .merchant("m-partner", MerchantCategory.LICENSED_PARTNER, 10)
        .pay(Payments.toMerchant("m-partner", "Chain Services Ltd", "6051").build());

    List<TestRecord<String, ScreeningDecision>> cleared = screener.cleared();

    assertEquals(
        List.of("MCC_CRYPTO", "DESCRIPTOR_CRYPTO_MORPHEME", "MCC_UNEXPLAINED", "LICENSED_PARTNER"),
        codes(cleared.get(0).value()));
    assertEquals(0, cleared.get(0).value().getScore());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldApplyReputationUpdatesAndTombstonesToLaterPayments() {
    screener.pay(Payments.toMerchant("m-x", "Shop X", "5999").at(T0).build());
    screener.merchant("m-x", MerchantCategory.NFT_PLATFORM, 80);
    screener.pay(Payments.toMerchant("m-x", "Shop X", "5999").at(T0.plusSeconds(60)).build());
    screener.forgetMerchant("m-x");
    screener.pay(Payments.toMerchant("m-x", "Shop X", "5999").at(T0.plusSeconds(120)).build());

    List<TestRecord<String, ScreeningDecision>> cleared = screener.cleared();
    List<TestRecord<String, ScreeningDecision>> blocked = screener.blocked();

    assertEquals(2, cleared.size());
    assertEquals(T0, cleared.get(0).value().getPayment().getEventTime());
    assertEquals(T0.plusSeconds(120), cleared.get(1).value().getPayment().getEventTime());
    assertEquals(1, blocked.size());
    assertEquals(PolicyCategory.NFT_SECONDARY_TRADING, blocked.get(0).value().getCategory());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldApplyCounterpartyUpdatesAndTombstonesToLaterPayments() {
    screener.counterparty("acct-9", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    screener.pay(Payments.transfer("buyer", "acct-9", 500_000).at(T0).build());
    screener.counterparty("acct-9", CounterpartyCategory.CONFIRMED_OTC_DEALER, 95, 4);
    screener.pay(Payments.transfer("buyer", "acct-9", 500_000).at(T0.plusSeconds(60)).build());
    screener.forgetCounterparty("acct-9");
    screener.pay(Payments.transfer("buyer", "acct-9", 500_000).at(T0.plusSeconds(120)).build());

    assertEquals(1, screener.flagged().size());
    assertEquals(1, screener.blocked().size());
    assertEquals(
        T0.plusSeconds(120), screener.cleared().get(0).value().getPayment().getEventTime());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldDecideARepeatedTransactionOnlyOnce() {
    PaymentEvent payment = Payments.grocery().build();
    screener.pay(payment).pay(payment);

    assertEquals(1, screener.cleared().size());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldStampDecisionsWithEventTimeNotProducerTime() {
    PaymentEvent payment = Payments.grocery().at(T0).build();
    screener.pay(payment, T0.plus(Duration.ofHours(5)));

    assertEquals(T0.toEpochMilli(), screener.cleared().get(0).timestamp());
  }

  /** A scorer that only records what it was given, to look inside the enrichment. */
  private static final class Recording {
    final Map<String, ScreeningInput> inputs = new HashMap<>();
    final Scorer scorer;

    Recording(ScoringRules rules) {
      Signal record = (input, card) -> inputs.put(input.payment().transactionId(), input);
      scorer = new Scorer(rules, List.of(record));
    }
  }

  @Test
  void shouldComputeBehaviourInEventTimeWhateverTheArrivalOrder() {
    Recording recording = new Recording(TestRules.shipped());
    try (ScreenerDriver s =
        new ScreenerDriver(stateDir.resolve("events"), recording.scorer, ScreeningEvents.NONE)) {
      // Producer timestamps all say "now"; only event time counts. The window is 6h.
      java.time.Instant now = T0.plus(Duration.ofDays(1));
      s.pay(Payments.transfer("a", "dealer", 100_000).id("t1").at(T0).build(), now);
      s.pay(
          Payments.transfer("b", "dealer", 100_000)
              .id("t2")
              .at(T0.plus(Duration.ofHours(7)))
              .build(),
          now);
      s.pay(
          Payments.transfer("c", "dealer", 100_000)
              .id("t3")
              .at(T0.plus(Duration.ofHours(8)))
              .build(),
          now);
      // Arrives after t3 but happened before it: sees what happened before it, not t3.
      s.pay(
          Payments.transfer("d", "dealer", 100_000)
              .id("t4")
              .at(T0.plus(Duration.ofMinutes(450)))
              .build(),
          now);
      // Later than a whole window behind the newest payment: t1 is already forgotten.
      s.pay(
          Payments.transfer("e", "dealer", 100_000)
              .id("t5")
              .at(T0.plus(Duration.ofMinutes(1)))
              .build(),
          now);

      assertEquals(1, recording.inputs.get("t1").features().distinctPayers());
      assertEquals(1, recording.inputs.get("t2").features().distinctPayers());
      assertEquals(2, recording.inputs.get("t3").features().distinctPayers());
      assertEquals(200_000, recording.inputs.get("t3").features().inflowMinor());
      assertEquals(2, recording.inputs.get("t4").features().distinctPayers());
      assertEquals(200_000, recording.inputs.get("t4").features().inflowMinor());
      assertEquals(1, recording.inputs.get("t5").features().distinctPayers());
      assertEquals(5, s.decisions().size());
    }
  }

  @Test
  void shouldTrackQuickTurnoverAndFirstPaymentsBetweenPairs() {
    Recording recording = new Recording(TestRules.shipped());
    try (ScreenerDriver s =
        new ScreenerDriver(stateDir.resolve("turnover"), recording.scorer, ScreeningEvents.NONE)) {
      s.pay(Payments.transfer("buyer", "dealer", 718_000).id("in-1").at(T0).build());
      PaymentEvent moved =
          Payments.transfer("dealer", "upstream", 700_000)
              .id("out-1")
              .at(T0.plus(Duration.ofMinutes(4)))
              .build();
      s.pay(moved);
      // Delivered twice, counted once.
      s.pay(moved);
      s.pay(
          Payments.transfer("buyer", "dealer", 359_000)
              .id("in-2")
              .at(T0.plus(Duration.ofMinutes(20)))
              .build());

      assertTrue(recording.inputs.get("in-1").features().firstPayment());
      assertEquals(false, recording.inputs.get("in-2").features().firstPayment());
      assertEquals(1, recording.inputs.get("in-2").features().quickTurnovers());
      assertEquals(
          Duration.ofMinutes(4).toMillis(),
          recording.inputs.get("in-2").features().lastTurnoverMillis());
      assertEquals(3, s.decisions().size());
    }
  }

  @Test
  void shouldPriceEachPaymentAtTheQuoteInForceAtItsEventTime() {
    Recording recording = new Recording(TestRules.shipped());
    try (ScreenerDriver s =
        new ScreenerDriver(stateDir.resolve("quotes"), recording.scorer, ScreeningEvents.NONE)) {
      s.quote("USDT/CNY", 7.10, T0);
      s.quote("USDT/CNY", 7.20, T0.plus(Duration.ofHours(1)));
      s.pay(
          Payments.transfer("a", "b", 710_000)
              .id("early")
              .at(T0.plus(Duration.ofMinutes(30)))
              .build());
      s.pay(
          Payments.transfer("a", "b", 720_000).id("late").at(T0.plus(Duration.ofHours(2))).build());
      s.pay(
          Payments.transfer("a", "b", 720_000)
              .id("before-any")
              .at(T0.minus(Duration.ofMinutes(1)))
              .build());
      s.pay(
          Payments.transfer("a", "b", 720_000)
              .id("usd")
              .currency("USD")
              .at(T0.plus(Duration.ofHours(2)))
              .build());

      assertEquals(
          new Quote("USDT", "CNY", 7.10, T0.toEpochMilli()),
          recording.inputs.get("early").usdtQuote());
      assertEquals(7.20, recording.inputs.get("late").usdtQuote().price());
      assertNull(recording.inputs.get("before-any").usdtQuote());
      assertNull(recording.inputs.get("usd").usdtQuote());
    }
  }

  @Test
  void shouldDecideEveryValidPaymentExactlyOnceAndDeadLetterTheRest() {
    java.util.Random random = new java.util.Random(7);
    screener.merchant("m-0", MerchantCategory.EXCHANGE, 90);
    screener.counterparty("p-1", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    List<String> valid = new ArrayList<>();
    int invalid = 0;
    for (int i = 0; i < 3_000; i++) {
      java.time.Instant at = T0.plusSeconds(random.nextInt(86_400));
      int kind = random.nextInt(20);
      if (kind == 0) {
        screener.payRaw(null, ("garbage-" + i).getBytes(StandardCharsets.UTF_8));
        invalid++;
      } else if (kind == 1) {
        screener.pay(
            Payments.grocery().id("bad-" + i).amount(-random.nextInt(1000)).at(at).build());
        invalid++;
      } else {
        Payments p =
            switch (kind % 4) {
              case 0 -> Payments.toMerchant("m-" + random.nextInt(5), "Shop", "5411");
              case 1 ->
                  Payments.transfer(
                      "u-" + random.nextInt(50),
                      "p-" + random.nextInt(5),
                      100 + random.nextInt(2_000_000));
              case 2 -> Payments.grocery().memo(random.nextBoolean() ? "usdt" : "午饭");
              default ->
                  Payments.transfer("p-" + random.nextInt(5), "u-" + random.nextInt(50), 50_000);
            };
        PaymentEvent payment = p.id("ok-" + i).at(at).build();
        valid.add(payment.getTransactionId());
        screener.pay(payment);
        if (random.nextInt(50) == 0) {
          screener.pay(payment);
        }
      }
    }

    List<String> decided = screener.decisions().stream().map(TestRecord::key).sorted().toList();

    assertEquals(valid.stream().sorted().toList(), decided);
    assertEquals(invalid, screener.deadLetters().size());
    assertTrue(screener.nothingMoreEmitted());
  }

  @Test
  void shouldMatchTheDescribedTopologySoRenamesFailTheBuild() throws Exception {
    // A deliberate topology change: ./mvnw test -Dtest=ScreenerTopologyTest -Dtopology.rewrite=true
    if (Boolean.getBoolean("topology.rewrite")) {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("src/test/resources/topology.txt"),
          screener.topology.describe().toString(),
          StandardCharsets.UTF_8);
    }
    String expected =
        new String(
            ScreenerTopologyTest.class.getResourceAsStream("/topology.txt").readAllBytes(),
            StandardCharsets.UTF_8);

    assertEquals(expected.strip(), screener.topology.describe().toString().strip());
  }

  @Test
  void shouldKeepDeadLetterValueByteForByte() {
    byte[] value = {1, 2, 3, (byte) 0xC3, 1};
    screener.payRaw("k".getBytes(StandardCharsets.UTF_8), value);

    TestRecord<byte[], byte[]> dead = screener.deadLetters().get(0);

    assertArrayEquals(value, dead.value());
    assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), dead.key());
  }
}
