package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.Decision;
import io.screener.avro.MerchantCategory;
import io.screener.avro.PaymentEvent;
import io.screener.avro.RulesOutcome;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.domain.Scorer;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.fixtures.TestRules;
import io.screener.screening.ScreeningEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow rules beside the live ones: the candidate lowers the flag threshold from 40 to 30, so a
 * grocery payment whose memo names USDT (35 points) is cleared live and flagged by the shadow.
 */
class ShadowRulesTest {
  @TempDir Path state;

  private static final ScreenerConfig CANDIDATE =
      RulesDocuments.edited("lower-flag", "threshold.flag=40", "threshold.flag=30");

  /** The pair counts the topology reports, "LIVE>SHADOW". */
  private static final class Pairs implements ScreeningEvents {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final List<String> shadows = new ArrayList<>();

    @Override
    public void shadowDecided(
        io.screener.domain.Decision live, io.screener.domain.Decision shadow) {
      counts.computeIfAbsent(live + ">" + shadow, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void shadowRulesInForce(@org.jspecify.annotations.Nullable String version) {
      shadows.add(String.valueOf(version));
    }

    int total() {
      return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int moved() {
      return counts.entrySet().stream()
          .filter(e -> !e.getKey().split(">")[0].equals(e.getKey().split(">")[1]))
          .mapToInt(e -> e.getValue().get())
          .sum();
    }
  }

  private static ScreenerDriver screener(Path dir, ScreeningEvents events) {
    ScreenerDriver screener =
        new ScreenerDriver(dir, Scorer.standard(TestRules.shipped()), events, Map.of());
    screener.counterparty("dealer", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    screener.merchant("onramp", MerchantCategory.CRYPTO_ONRAMP, 95);
    return screener;
  }

  /**
   * A mix of payments: cleared with nothing found, cleared at 35 points (the ones the candidate
   * moves), flagged (a suspected dealer), blocked (an on-ramp). Each payer pays once.
   */
  private static List<PaymentEvent> payments(String prefix, int count, int from) {
    List<PaymentEvent> payments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = from + i;
      Payments payment =
          switch (n % 4) {
            case 0 -> Payments.grocery().memo("USDT");
            case 1 -> Payments.grocery();
            case 2 -> Payments.transfer("x", "dealer", 300_000);
            default -> Payments.toMerchant("onramp", "MoonPay", "6051");
          };
      payments.add(
          payment
              .id(String.format("%s-%03d", prefix, n))
              .payer("payer-" + prefix + "-" + n)
              .device("device-" + prefix + "-" + n)
              .at(Payments.T0.plusSeconds(n))
              .build());
    }
    return payments;
  }

  /** Each payment's decision, by transaction id, in the order sent. */
  private static Map<String, ScreeningDecision> decide(
      ScreenerDriver screener, List<PaymentEvent> payments) {
    Map<String, ScreeningDecision> decided = new LinkedHashMap<>();
    for (PaymentEvent payment : payments) {
      screener.pay(payment);
      List<TestRecord<String, ScreeningDecision>> out = screener.decisions();
      assertEquals(1, out.size(), payment.getTransactionId());
      decided.put(payment.getTransactionId(), out.get(0).value());
    }
    return decided;
  }

  @Test
  void shouldWriteExactlyThePaymentsWhoseDecisionMovesAndLeaveTheLiveDecisionsAlone() {
    List<PaymentEvent> payments = payments("p", 40, 0);
    Map<String, ScreeningDecision> plain;
    try (ScreenerDriver screener = screener(state.resolve("plain"), ScreeningEvents.NONE)) {
      plain = decide(screener, payments);
      assertTrue(screener.shadowDiffs().isEmpty(), "no shadow, no diff");
    }
    // What the candidate decides when it is the live rules.
    Map<String, ScreeningDecision> candidate;
    try (ScreenerDriver screener = screener(state.resolve("candidate"), ScreeningEvents.NONE)) {
      screener.config(CANDIDATE);
      candidate = decide(screener, payments);
    }
    Pairs pairs = new Pairs();
    Map<String, ScreeningDecision> live;
    List<TestRecord<String, ShadowDiff>> diffs;
    try (ScreenerDriver screener = screener(state.resolve("shadowed"), pairs)) {
      screener.shadow(CANDIDATE);
      live = decide(screener, payments);
      diffs = screener.shadowDiffs();
      assertTrue(screener.nothingMoreEmitted());
    }

    // The live decisions are those of a screener with no shadow, field for field.
    assertEquals(plain, live);
    // The diff topic holds exactly the payments the candidate decides otherwise, once each.
    List<String> moved =
        payments.stream()
            .map(PaymentEvent::getTransactionId)
            .filter(id -> plain.get(id).getDecision() != candidate.get(id).getDecision())
            .toList();
    assertEquals(10, moved.size(), "every USDT memo payment moves, and nothing else");
    assertEquals(moved, diffs.stream().map(TestRecord::key).toList());
    for (TestRecord<String, ShadowDiff> record : diffs) {
      ShadowDiff diff = record.value();
      ScreeningDecision was = plain.get(record.key());
      ScreeningDecision would = candidate.get(record.key());
      assertEquals(record.key(), diff.getTransactionId());
      assertEquals(was.getPayment(), diff.getPayment());
      assertEquals(was.getDecidedAt(), diff.getDecidedAt());
      assertEquals(
          Payments.T0.plusSeconds(Integer.parseInt(record.key().substring(2))),
          record.getRecordTime(),
          "stamped with the payment's event time, as decisions are");
      assertOutcome(was, diff.getLive());
      assertOutcome(would, diff.getShadow());
      assertEquals(Decision.CLEAR, diff.getLive().getDecision());
      assertEquals(Decision.FLAG, diff.getShadow().getDecision());
      assertEquals(35, diff.getShadow().getScore());
      assertFalse(diff.getShadow().getReasons().isEmpty(), "the shadow's reasons are written");
    }
    // Agreement counted by pair: every payment once, the moved ones off the diagonal.
    assertEquals(payments.size(), pairs.total());
    assertEquals(moved.size(), pairs.moved());
    Map<String, Integer> expected = new java.util.TreeMap<>();
    for (PaymentEvent payment : payments) {
      String id = payment.getTransactionId();
      expected.merge(
          plain.get(id).getDecision() + ">" + candidate.get(id).getDecision(), 1, Integer::sum);
    }
    Map<String, Integer> counted = new java.util.TreeMap<>();
    pairs.counts.forEach((pair, n) -> counted.put(pair, n.get()));
    assertEquals(expected, counted);
    assertEquals(10, counted.get("CLEAR>FLAG"));
    assertTrue(
        counted.keySet().containsAll(List.of("CLEAR>CLEAR", "FLAG>FLAG", "BLOCK>BLOCK")),
        counted.toString());
    assertEquals(List.of(CANDIDATE.getVersion()), pairs.shadows);
  }

  private static void assertOutcome(ScreeningDecision expected, RulesOutcome outcome) {
    assertEquals(expected.getDecision(), outcome.getDecision());
    assertEquals(expected.getScore(), outcome.getScore());
    assertEquals(expected.getCategory(), outcome.getCategory());
    assertEquals(expected.getReasons(), outcome.getReasons());
    assertEquals(expected.getConfigVersion(), outcome.getConfigVersion());
  }

  @Test
  void shouldStopScoringByTheShadowOnceItIsRemoved() {
    Pairs pairs = new Pairs();
    try (ScreenerDriver screener = screener(state, pairs)) {
      screener.shadow(CANDIDATE);
      decide(screener, payments("a", 4, 0));
      assertEquals(1, screener.shadowDiffs().size());
      assertEquals(4, pairs.total());

      screener.deleteConfig("shadow");
      Map<String, ScreeningDecision> after = decide(screener, payments("b", 8, 4));
      assertTrue(screener.shadowDiffs().isEmpty(), "no diff once the shadow is off");
      assertEquals(4, pairs.total(), "the payments after it are scored by the live rules alone");
      assertEquals(
          List.of(RulesDocuments.shippedVersion()),
          after.values().stream().map(ScreeningDecision::getConfigVersion).distinct().toList());
      assertEquals(List.of(CANDIDATE.getVersion(), "null"), pairs.shadows);
    }
  }

  @Test
  void shouldDecideByTheShadowOncePromotedAndKeepItAcrossALiveChange() {
    Pairs pairs = new Pairs();
    try (ScreenerDriver screener = screener(state, pairs)) {
      screener.shadow(CANDIDATE);
      Map<String, ScreeningDecision> before = decide(screener, payments("a", 4, 0));
      assertEquals(Decision.CLEAR, before.get("a-000").getDecision());

      // A live change leaves the shadow where it is.
      ScreenerConfig otherLive =
          RulesDocuments.edited("other", "threshold.block=80", "threshold.block=81");
      screener.config(otherLive);
      Map<String, ScreeningDecision> live = decide(screener, payments("b", 4, 4));
      assertEquals(otherLive.getVersion(), live.get("b-004").getConfigVersion());
      List<TestRecord<String, ShadowDiff>> diffs = screener.shadowDiffs();
      assertEquals(2, diffs.size(), "one moved payment under each live version");
      assertEquals(otherLive.getVersion(), diffs.get(1).value().getLive().getConfigVersion());
      assertEquals(CANDIDATE.getVersion(), diffs.get(1).value().getShadow().getConfigVersion());

      // Promotion, as publish-rules --promote does it: the shadow document as the rules, then the
      // shadow's tombstone.
      screener.config(CANDIDATE).deleteConfig("shadow");
      Map<String, ScreeningDecision> after = decide(screener, payments("c", 4, 8));
      ScreeningDecision moved = after.get("c-008");
      assertEquals(CANDIDATE.getVersion(), moved.getConfigVersion());
      assertEquals(Decision.FLAG, moved.getDecision(), "decided by the promoted rules");
      assertNotEquals(before.get("a-000").getDecision(), moved.getDecision());
      assertTrue(screener.shadowDiffs().isEmpty());
      assertEquals(8, pairs.total());
    }
  }
}
