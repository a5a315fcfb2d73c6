package io.screener.topology;

import static io.screener.fixtures.Payments.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.domain.Scorer;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.fixtures.TestRules;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
      // moves the cutoffs past every early payment (the driver's single task runs it as the payment
      // is taken in, before its leg reaches the behaviour step). Neither the sweep nor any record
      // after it deletes more than TIDY_BUDGET keys of a store...
      Instant later = T0.plus(Duration.ofHours(3));
      long before = count(seen);
      for (int i = 0; i < 3; i++) {
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
      assertEquals(PAYMENTS + 3, count(seen));
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
