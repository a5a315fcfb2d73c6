package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spread-out deletes ({@link IndexedStore#expireBefore} and {@link IndexedStore#tidy}) on a real
 * Kafka Streams store, through the expiry index and, when the store is too large for it, by slices
 * of a scan: never an entry at or after the cutoff, a bounded number per call, and in the end every
 * entry whose whole sweep bucket is before the cutoff.
 */
class IndexedStoreTest {
  private static final long HOUR = 3_600_000L;
  private static final int BUDGET = 16;

  @ParameterizedTest
  @CsvSource({"1000000, 0", "50, 0", "1000000, 64", "50, 64"})
  void shouldDeleteOnlyExpiredEntriesAFewAtATimeAndInTheEndAllOfThem(
      int maxIndexedKeys, int heldValues) {
    for (long seed = 1; seed <= 5; seed++) {
      check(new Random(seed), maxIndexedKeys, heldValues);
    }
  }

  private static void check(Random rng, int maxIndexedKeys, int heldValues) {
    KeyValueStore<String, Long> kv = store();
    Map<String, Long> model = new HashMap<>();
    restore(kv, model, 500, () -> rng.nextInt(10) * HOUR / 3);
    IndexedStore<String, Long> store =
        new IndexedStore<>(kv, (key, time) -> time, HOUR, maxIndexedKeys, heldValues);
    store.buildIndex();
    long streamTime = 4 * HOUR;
    long cutoff = Long.MIN_VALUE;
    for (int step = 0; step < 20_000; step++) {
      streamTime += rng.nextInt((int) (HOUR / 200));
      String key = "k" + rng.nextInt(3_000);
      // Late records too: a write may carry a time before the stream time, or even lower the time.
      long time = streamTime - (rng.nextInt(10) == 0 ? rng.nextInt((int) (5 * HOUR)) : 0);
      Long previous = store.get(key);
      // A value held on the heap is the store's, and one the tidying deleted is not held.
      assertEquals(kv.get(key), previous, key);
      long written = rng.nextInt(20) == 0 || previous == null ? time : Math.max(previous, time);
      store.put(key, written);
      model.put(key, written);
      if (rng.nextInt(500) == 0) {
        cutoff = streamTime - 2 * HOUR;
        store.expireBefore(cutoff);
      }
      long held = kv.approximateNumEntries();
      store.tidy(BUDGET);
      long deleted = held - kv.approximateNumEntries();
      assertTrue(
          deleted <= Math.max(BUDGET, IndexedStore.SCAN_SLICE), "one call deleted " + deleted);
      if (step % 250 == 0) {
        checkAgainst(model, kv, cutoff);
      }
    }
    for (int call = 0; call < 2_000; call++) {
      store.tidy(BUDGET);
    }
    checkAgainst(model, kv, cutoff);
    long cutoffBucketStart = Math.floorDiv(cutoff, HOUR) * HOUR;
    for (KeyValue<String, Long> entry : entries(kv)) {
      assertTrue(
          entry.value >= cutoffBucketStart,
          () -> entry + " left behind, cutoff " + cutoffBucketStart);
    }
  }

  /**
   * Held values: a key read or written again is answered from the heap with the object last put
   * (not the store's copy), at most the bound of them, until {@link IndexedStore#dropHeld} or a
   * delete lets go of it.
   */
  @Test
  void shouldHoldTheMostRecentValuesAsObjectsUntilDroppedOrDeleted() {
    KeyValueStore<String, Long> kv = store();
    IndexedStore<String, Long> store = new IndexedStore<>(kv, (key, time) -> time, HOUR, 1_000, 2);
    store.buildIndex();
    Long one = Long.valueOf(1_000_001);
    store.put("a", one);
    store.put("b", 2L);
    // Written behind the held map's back: it shows only once the held object is let go of.
    kv.put("a", 7L);
    kv.put("b", 8L);
    assertSame(one, store.get("a"), "held: the very object put");
    store.put("c", 3L);
    assertEquals(8L, store.get("b"), "the least recently used let go of first: read again");
    store.dropHeld();
    assertEquals(7L, store.get("a"), "dropped: read from the store");

    store.put("d", 0L);
    assertEquals(0L, store.get("d"));
    store.expireBefore(HOUR);
    for (int i = 0; i < 10; i++) {
      store.tidy(16);
    }
    assertNull(kv.get("d"), "tidied away");
    assertNull(store.get("d"), "and no longer held");
  }

  /**
   * {@link IndexedStore#visitBefore}, as the enforcement sweep uses it: each call visits exactly
   * the entries whose time is before the cutoff, once each, and keeps what the visitor did (left,
   * given a new time, deleted), with the index complete and with it dropped (full scans).
   */
  @ParameterizedTest
  @ValueSource(ints = {1_000_000, 50})
  void shouldVisitExactlyTheEntriesDueAndKeepWhatTheVisitorDid(int maxIndexedKeys) {
    Random rng = new Random(maxIndexedKeys);
    KeyValueStore<String, Long> kv = store();
    Map<String, Long> model = new HashMap<>();
    restore(kv, model, 300, () -> rng.nextInt(48) * HOUR / 4);
    IndexedStore<String, Long> store =
        new IndexedStore<>(kv, (key, time) -> time, HOUR, maxIndexedKeys);
    store.buildIndex();
    long streamTime = 0;
    int visits = 0;
    for (int step = 0; step < 3_000; step++) {
      streamTime += rng.nextInt((int) (HOUR / 20));
      String key = "k" + rng.nextInt(600);
      store.get(key);
      long written = streamTime + rng.nextInt(12) * HOUR;
      store.put(key, written);
      model.put(key, written);
      if (step % 50 != 0) {
        continue;
      }
      long cutoff = streamTime + 1;
      Set<String> expected = new TreeSet<>();
      model.forEach(
          (k, v) -> {
            if (v < cutoff) {
              expected.add(k);
            }
          });
      Set<String> visited = new TreeSet<>();
      long now = streamTime;
      store.visitBefore(
          cutoff,
          (k, v) -> {
            assertTrue(visited.add(k), () -> k + " visited twice");
            return switch (rng.nextInt(3)) {
              case 0 -> null;
              case 1 -> {
                long later = now + rng.nextInt(8) * HOUR;
                model.put(k, later);
                yield new StoreSweep.Change<>(later);
              }
              default -> {
                model.remove(k);
                yield StoreSweep.deletion();
              }
            };
          });
      assertEquals(expected, visited, "visited at " + cutoff);
      visits += visited.size();
      checkAgainst(model, kv, Long.MIN_VALUE);
      assertEquals(model.size(), entries(kv).size(), "no entry lost or left behind");
    }
    assertTrue(visits > 500, "entries visited: " + visits);
  }

  /**
   * State restored before the processor starts, which the index is built from: {@code count} keys
   * with the given times, in the store and the model alike.
   */
  private static void restore(
      KeyValueStore<String, Long> kv, Map<String, Long> model, int count, LongSupplier time) {
    for (int i = 0; i < count; i++) {
      long t = time.getAsLong();
      kv.put("k" + i, t);
      model.put("k" + i, t);
    }
  }

  /** What is in the store is as written, and everything at or after the cutoff is in it. */
  private static void checkAgainst(
      Map<String, Long> model, KeyValueStore<String, Long> kv, long cutoff) {
    Map<String, Long> held = new HashMap<>();
    entries(kv).forEach(e -> held.put(e.key, e.value));
    held.forEach((k, v) -> assertEquals(model.get(k), v, k));
    model.forEach(
        (k, v) -> {
          if (v >= cutoff) {
            assertEquals(v, held.get(k), () -> k + " deleted before its time");
          }
        });
  }

  private static KeyValueStore<String, Long> store() {
    KeyValueStore<String, Long> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("test"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private static List<KeyValue<String, Long>> entries(KeyValueStore<String, Long> store) {
    List<KeyValue<String, Long>> all = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
