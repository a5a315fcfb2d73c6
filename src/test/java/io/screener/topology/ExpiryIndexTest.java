package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.screening.ExpiryIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A sweep through the expiry index leaves exactly the state a full scan leaves. */
class ExpiryIndexTest {
  private static final long HOUR = 3_600_000L;

  /** A store in a sorted map, counting what the sweep reads. */
  private static final class MapStore implements ExpiryIndex.Store<String> {
    final TreeMap<String, Long> map = new TreeMap<>();
    int fullScans;

    @Override
    public Long time(String key) {

      return map.get(key);
    }

    @Override
    public void delete(String key) {
      map.remove(key);
    }

    @Override
    public void deleteOlderThan(long cutoff, ExpiryIndex.Survivor<String> survivor) {
      fullScans++;
      List<String> expired = new ArrayList<>();
      boolean[] wanted = {true};
      map.forEach(
          (k, v) -> {
            if (v < cutoff) {
              expired.add(k);
            } else if (wanted[0]) {
              wanted[0] = survivor.kept(k, v);
            }
          });
      expired.forEach(map::remove);
    }
  }

  @Test
  void shouldSweepAsAFullScanDoesOverRandomWrites() {
    for (int maxKeys : new int[] {1_000_000, 300, 40}) {
      for (long seed = 1; seed <= 20; seed++) {
        check(new Random(seed), maxKeys);
      }
    }
  }

  private static void check(Random rng, int maxKeys) {
    MapStore store = new MapStore();
    TreeMap<String, Long> model = new TreeMap<>();
    ExpiryIndex<String> index = new ExpiryIndex<>(HOUR, maxKeys);
    // Some state is there before the index exists (restored from the changelog).
    for (int i = 0; i < 50; i++) {
      long t = rng.nextInt(10) * HOUR / 3;
      store.map.put("k" + i, t);
      model.put("k" + i, t);
    }
    long streamTime = 0;
    for (int step = 0; step < 3_000; step++) {
      streamTime += rng.nextInt((int) (HOUR / 20));
      String key = "k" + rng.nextInt(400);
      // Late records too: a write may carry a time before the stream time, or even lower the time.
      long time = streamTime - (rng.nextInt(10) == 0 ? rng.nextInt((int) (5 * HOUR)) : 0);
      Long previous = store.map.get(key);
      boolean known = rng.nextBoolean();
      long written = rng.nextInt(20) == 0 || previous == null ? time : Math.max(previous, time);
      store.map.put(key, written);
      model.put(key, written);
      index.written(key, written, known ? previous : null);
      if (rng.nextInt(60) == 0) {
        long cutoff = streamTime - (1 + rng.nextInt(4)) * HOUR + rng.nextInt((int) HOUR);
        index.deleteOlderThan(store, cutoff);
        model.values().removeIf(v -> v < cutoff);
        assertEquals(model, store.map, "after a sweep at step " + step + ", maxKeys " + maxKeys);
        assertTrue(index.size() <= maxKeys);
      }
    }
  }

  @Test
  void shouldScanOnlyOnceWhileTheIndexFits() {
    MapStore store = new MapStore();
    ExpiryIndex<String> index = new ExpiryIndex<>(HOUR, 1_000);
    store.map.put("restored", 0L);
    index.deleteOlderThan(store, 0);
    assertTrue(index.complete());
    for (int i = 0; i < 100; i++) {
      long t = i * HOUR / 10;
      Long previous = store.map.put("a" + (i % 7), t);
      index.written("a" + (i % 7), t, previous);
      index.deleteOlderThan(store, t - HOUR);
    }
    assertEquals(1, store.fullScans);
    assertEquals(Map.of(), filter(store.map, 9 * HOUR));
  }

  @Test
  void shouldFallBackToFullScansWhenTheStateOutgrowsTheBound() {
    MapStore store = new MapStore();
    ExpiryIndex<String> index = new ExpiryIndex<>(HOUR, 10);
    index.deleteOlderThan(store, 0);
    assertTrue(index.complete());
    for (int i = 0; i < 11; i++) {
      store.map.put("k" + i, HOUR);
      index.written("k" + i, HOUR, null);
    }
    assertFalse(index.complete());
    index.deleteOlderThan(store, 0);
    assertEquals(2, store.fullScans);
    assertFalse(index.complete(), "11 keys do not fit in half of 10");
    store.map.keySet().removeIf(k -> !k.equals("k0"));
    index.deleteOlderThan(store, 0);
    assertTrue(index.complete());
  }

  private static Map<String, Long> filter(Map<String, Long> map, long before) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (v < before) {
            out.put(k, v);
          }
        });
    return out;
  }
}
