package io.screener.topology;

import static io.screener.fixtures.Payments.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.domain.Scorer;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.Keys;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.fixtures.TestRules;
import io.screener.screening.ScreeningEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
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
        new ScreenerDriver(
            stateDir, Scorer.standard(TestRules.shipped()), ScreeningEvents.NONE, settings)) {
      List<PaymentEvent> early = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        PaymentEvent payment =
            Payments.transfer("payer-" + i, "payee-" + i, 10_000)
                .id("early-" + i)
                .at(T0.plusSeconds(i))
                .build();
        early.add(payment);
        screener.pay(payment);
      }
      KeyValueStore<String, AccountActivity> accounts =
          screener.driver().getKeyValueStore(ScreenerTopology.ACCOUNT_STORE);
      // The payee of each: the payers have received nothing, so their legs have no turnover to
      // count and write no record.
      assertEquals(PAYMENTS, count(accounts));

      // Three hours on, a card payment (one leg) moves stream time and triggers the sweep, which
      // moves the cutoffs past every early payment. The sweep follows the record that moved stream
      // time (its leg is decided in the task it arrived in, as every leg is in the driver), and
      // deletes nothing itself...
      Instant later = T0.plus(Duration.ofHours(3));
      screener.pay(Payments.grocery().id("mover-0").at(later).build());
      assertEquals(
          PAYMENTS + 1,
          count(accounts),
          "the record before the sweep and the sweep deleted nothing");
      long before = count(accounts);
      // ...nor does any record after it delete more than TIDY_BUDGET accounts (the grocer's record
      // is written again, not added)...
      for (int i = 1; i <= 3; i++) {
        screener.pay(Payments.grocery().id("mover-" + i).at(later.plusSeconds(i)).build());
        long deleted = before - count(accounts);
        assertTrue(
            deleted > 0 && deleted <= BehaviourProcessor.TIDY_BUDGET,
            "record " + i + " after the sweep deleted " + deleted + " of the expired accounts");
        before = count(accounts);
      }

      // ...and meanwhile expired state is absent: every early payment delivered again is decided
      // again (a repeat, not a duplicate, the dedup retention being over), even where its payee's
      // record is still in the store.
      screener.decisions();
      for (PaymentEvent payment : early) {
        screener.pay(payment);
      }
      assertEquals(PAYMENTS, screener.decisions().size(), "every repeat decided");

      // By now every expired account is gone: what is left was active after the sweep, each payee
      // by the stream time of its repeat's delivery, not by the repeat's (early) event time.
      for (KeyValue<String, AccountActivity> account : entries(accounts)) {
        assertTrue(
            account.value.lastActive() >= later.toEpochMilli(), () -> account.key + " left behind");
      }
      assertEquals(PAYMENTS + 1, count(accounts));
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
        new ScreenerDriver(
            stateDir, Scorer.standard(TestRules.shipped()), ScreeningEvents.NONE, settings)) {
      PaymentEvent first =
          Payments.transfer("payer-a", "payee-a", 10_000).id("first").at(T0).build();
      screener.pay(first);
      Instant monthAhead = T0.plus(Duration.ofDays(30));
      for (int i = 1; i <= 5; i++) {
        screener.pay(
            Payments.transfer("payer-" + i, "payee-" + i, 10_000)
                .id("next-" + i)
                .at(T0.plusSeconds(60L * i))
                .build(),
            monthAhead);
      }
      PaymentEvent refused =
          Payments.grocery()
              .id("from-the-future")
              .at(Instant.now().plus(Duration.ofDays(365)))
              .build();
      screener.pay(refused, monthAhead);
      screener.pay(
          Payments.grocery().id("no-amount").amount(0).at(T0.plus(Duration.ofHours(2))).build(),
          monthAhead);
      assertEquals(
          2,
          screener.deadLetters().size(),
          "the payment dated a year ahead and the one of 0 are refused");
      assertEquals(6, screener.decisions().size());

      screener.pay(first);
      screener.pay(Payments.grocery().id("after").at(T0.plusSeconds(600)).build());
      assertEquals(
          List.of("after"),
          screener.decisions().stream().map(r -> r.key()).toList(),
          "the repeat is a duplicate");
    }
  }

  /**
   * A busy payee's record remembers its latest legs; the ones it pushes out while still within the
   * dedup retention go to the spilled legs, and a redelivery of any of them is still a duplicate.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rocksdb", "memory"})
  void shouldCatchARedeliveryOfALegABusyPayeePushedOutOfItsRecord(String storeKind) {
    int payments = AccountActivity.MAX_LEGS + 36;
    try (ScreenerDriver screener =
        new ScreenerDriver(
            stateDir,
            Scorer.standard(TestRules.shipped()),
            ScreeningEvents.NONE,
            Map.of("state.store", storeKind))) {
      List<PaymentEvent> busy = new ArrayList<>();
      for (int i = 0; i < payments; i++) {
        PaymentEvent payment = Payments.grocery().id("busy-" + i).at(T0.plusSeconds(i)).build();
        busy.add(payment);
        screener.pay(payment);
      }
      assertEquals(payments, screener.decisions().size());
      KeyValueStore<Bytes, byte[]> spilled =
          screener.driver().getKeyValueStore(ScreenerTopology.SPILLED_LEGS_STORE);
      List<KeyValue<Bytes, byte[]>> legs = entries(spilled);
      assertEquals(payments - AccountActivity.MAX_LEGS, legs.size(), "the oldest legs, pushed out");
      for (int i = 0; i < legs.size(); i++) {
        Bytes key = SpilledLegs.key("merchant-grocer", Keys.receivedLeg("busy-" + i), 0);
        assertTrue(
            legs.stream().anyMatch(leg -> SpilledLegs.sameLeg(leg.key, key)),
            "busy-" + i + " spilled");
      }

      for (PaymentEvent payment :
          List.of(busy.get(0), busy.get(35), busy.get(36), busy.get(payments - 1))) {
        screener.pay(payment);
      }
      screener.pay(Payments.grocery().id("busy-next").at(T0.plusSeconds(payments)).build());
      assertEquals(
          List.of("busy-next"),
          screener.decisions().stream().map(r -> r.key()).toList(),
          "spilled and remembered legs alike are duplicates");
    }
  }

  /**
   * Spilled legs are kept for the dedup retention and then deleted, a few with each record after
   * the sweep that passes them: the store does not grow with the payments a busy payee has ever
   * had, and a redelivery within the retention is caught until the last moment.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rocksdb", "memory"})
  void shouldDeleteSpilledLegsOnceTheDedupRetentionHasPassed(String storeKind) {
    int payments = AccountActivity.MAX_LEGS + 20;
    Map<String, String> settings =
        Map.of(
            "state.store", storeKind,
            "dedup.retention", "1d",
            "state.retention", "7d",
            "state.sweep-interval", "1h");
    try (ScreenerDriver screener =
        new ScreenerDriver(
            stateDir, Scorer.standard(TestRules.shipped()), ScreeningEvents.NONE, settings)) {
      KeyValueStore<Bytes, byte[]> spilled =
          screener.driver().getKeyValueStore(ScreenerTopology.SPILLED_LEGS_STORE);
      for (int i = 0; i < payments; i++) {
        screener.pay(Payments.grocery().id("busy-" + i).at(T0.plusSeconds(i)).build());
      }
      assertEquals(20, entries(spilled).size(), "the oldest legs, pushed out");

      // Within the retention the first spilled leg is still a duplicate.
      Instant justWithin = T0.plus(Duration.ofHours(23));
      screener.pay(Payments.grocery().id("busy-0").at(justWithin).build());
      assertEquals(
          payments,
          screener.decisions().size(),
          "a redelivery within the retention is a duplicate");

      // Two hours past it (a sweep passed), other payers' payments tidy the store.
      Instant past = T0.plus(Duration.ofHours(26));
      for (int i = 0; i < 10; i++) {
        screener.pay(Payments.transfer("payer-" + i, "payee-" + i, 1_000).at(past).build());
      }
      assertEquals(List.of(), entries(spilled), "every spilled leg deleted");
    }
  }

  private static <K, V> long count(KeyValueStore<K, V> store) {
    return entries(store).size();
  }

  private static <K, V> List<KeyValue<K, V>> entries(KeyValueStore<K, V> store) {
    List<KeyValue<K, V>> all = new ArrayList<>();
    try (KeyValueIterator<K, V> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
