package io.screener.topology;

import static io.screener.fixtures.Payments.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.domain.Scorer;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.fixtures.TestRules;
import io.screener.topology.ScreeningEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sweep of behaviour state does not stall the task: it forgets expired state at once, and the
 * deletes follow a few per record.
 */
class BehaviourExpiryTest {
  private static final int PAYMENTS = 300;

  @TempDir Path stateDir;

  @ParameterizedTest
  @ValueSource(strings = {"rocksdb", "memory"})
  void shouldForgetAtTheSweepAndDeleteAFewKeysPerRecordAfterIt(String storeKind) {
    Map<String, String> settings =
        Map.of(
            "state.store", storeKind,
            "dedup.retention", "1h",
            "state.retention", "1h",
            "state.sweep-interval", "1h");
    try (ScreenerDriver screener =
        new ScreenerDriver(stateDir, Scorer.standard(TestRules.shipped()), ScreeningEvents.NONE, settings)) {
      List<PaymentEvent> early = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        PaymentEvent payment =
            Payments.transfer("payer-" + i, "payee-" + i, 10_000).id("early-" + i).at(T0.plusSeconds(i)).build();
        early.add(payment);
        screener.pay(payment);
      }
      KeyValueStore<String, Long> seen = screener.driver().getKeyValueStore(ScreenerTopology.SEEN_STORE);
      KeyValueStore<String, Long> pairs = screener.driver().getKeyValueStore(ScreenerTopology.PAIR_STORE);
      // The payee's leg of each: the payers have received nothing, so their legs have no turnover
      // to count and need no dedup entry.
      assertEquals(PAYMENTS, count(seen));
      assertEquals(PAYMENTS, count(pairs));

      // Three hours on, a card payment (one leg) moves stream time and triggers the sweep, which
      // moves the cutoffs past every early payment. The sweep follows the record that moved stream
      // time (its leg is decided in the task it arrived in, as every leg is in the driver), and
      // deletes nothing itself...
      Instant later = T0.plus(Duration.ofHours(3));
      long before = count(seen);
      screener.pay(Payments.grocery().id("mover-0").at(later).build());
      assertEquals(before + 1, count(seen), "the record before the sweep and the sweep deleted nothing");
      before = count(seen);
      // ...nor does any record after it delete more than TIDY_BUDGET keys of a store...
      for (int i = 1; i <= 3; i++) {
        screener.pay(Payments.grocery().id("mover-" + i).at(later.plusSeconds(i)).build());
        long deleted = before + 1 - count(seen);
        assertTrue(
            deleted > 0 && deleted <= BehaviourProcessor.TIDY_BUDGET,
            "record " + i + " after the sweep deleted " + deleted + " of the expired legs");
        before = count(seen);
      }

      // ...and meanwhile expired state is absent: every early payment delivered again is decided
      // again (a repeat, not a duplicate, the dedup retention being over), even where its leg is
      // still in the store.
      screener.decisions();
      for (PaymentEvent payment : early) {
        screener.pay(payment);
      }
      assertEquals(PAYMENTS, screener.decisions().size(), "every repeat decided");

      // By now every expired leg is gone: what is left was first delivered after the sweep, and is
      // kept by its delivery's stream time, not by its (early) event time.
      for (KeyValue<String, Long> leg : entries(seen)) {
        assertTrue(leg.value >= later.toEpochMilli(), () -> leg + " left behind");
      }
      assertEquals(PAYMENTS + 4, count(seen));
    }
  }

  /**
   * Behaviour state expires by the payments' event times, whatever timestamps their producers set:
   * records stamped a month ahead, and payments the intake refuses (one dated a year ahead, one of
   * amount 0 dated two hours on), leave stream time where the accepted event times put it, so a
   * payment delivered again within the dedup retention is still a duplicate.
   */
  @Test
  void shouldExpireByEventTimeWhateverTheProducersTimestamps() {
    Map<String, String> settings =
        Map.of("dedup.retention", "1h", "state.retention", "1h", "state.sweep-interval", "1h");
    try (ScreenerDriver screener =
        new ScreenerDriver(stateDir, Scorer.standard(TestRules.shipped()), ScreeningEvents.NONE, settings)) {
      PaymentEvent first = Payments.transfer("payer-a", "payee-a", 10_000).id("first").at(T0).build();
      screener.pay(first);
      Instant monthAhead = T0.plus(Duration.ofDays(30));
      for (int i = 1; i <= 5; i++) {
        screener.pay(
            Payments.transfer("payer-" + i, "payee-" + i, 10_000).id("next-" + i).at(T0.plusSeconds(60 * i)).build(),
            monthAhead);
      }
      PaymentEvent refused =
          Payments.grocery().id("from-the-future").at(Instant.now().plus(Duration.ofDays(365))).build();
      screener.pay(refused, monthAhead);
      screener.pay(Payments.grocery().id("no-amount").amount(0).at(T0.plus(Duration.ofHours(2))).build(), monthAhead);
      assertEquals(2, screener.deadLetters().size(), "the payment dated a year ahead and the one of 0 are refused");
      assertEquals(6, screener.decisions().size());

      screener.pay(first);
      screener.pay(Payments.grocery().id("after").at(T0.plusSeconds(600)).build());
      assertEquals(List.of("after"), screener.decisions().stream().map(r -> r.key()).toList(), "the repeat is a duplicate");
    }
  }

  private static long count(KeyValueStore<String, Long> store) {
    return entries(store).size();
  }

  private static List<KeyValue<String, Long>> entries(KeyValueStore<String, Long> store) {
    List<KeyValue<String, Long>> all = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
