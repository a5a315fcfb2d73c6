package io.screener.topology;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys of one store (behaviour state, review cases) by the sweep bucket ({@code floor(time /
 * sweep interval)}) of the time their value holds, so a sweep reads only the keys in buckets it may
 * empty instead of scanning the whole store. It only chooses which keys a sweep looks at: a key is
 * deleted exactly when the full scan would delete it (its stored time is before the cutoff), so
 * swept state is the same.
 *
 * <p>Invariant, while {@link #complete()}: every key in the store is listed in the bucket of its
 * stored time (it may also be listed, stale, in other buckets). It holds because the index is built
 * by a full scan of the store and every write after it is recorded with {@link #written}; a write
 * whose previous stored time is known to be in the same bucket needs no new entry.
 *
 * <p>Memory is bounded: past {@code maxKeys} entries the index is dropped and the store is swept by
 * full scans again, each of which rebuilds the index if the state left after it fits in half the
 * bound. An entry costs about 70 bytes (the key's {@code String} and a list slot).
 *
 * <p>Not thread-safe: one per store and task, used on the stream thread.
 */
final class ExpiryIndex {
  private final long bucketMillis;
  private final int maxKeys;
  private TreeMap<Long, List<String>> buckets;
  private int size;
  private long lastBucket;
  private List<String> last;

  ExpiryIndex(long bucketMillis, int maxKeys) {
    if (bucketMillis <= 0 || maxKeys < 2) {
      throw new IllegalArgumentException("bucketMillis and maxKeys must be positive");
    }
    this.bucketMillis = bucketMillis;
    this.maxKeys = maxKeys;
  }

  /** Whether every key in the store is indexed: until a full scan has built it, it is not. */
  boolean complete() {
    return buckets != null;
  }

  /** Entries held (keys may be listed more than once). */
  int size() {
    return size;
  }

  long bucketOf(long time) {
    return Math.floorDiv(time, bucketMillis);
  }

  /**
   * Records that {@code key} now holds {@code time}.
   *
   * @param previous the time the key held just before this write, when known from a read of the
   *     store in the same step; null when the key was absent or its time is not known
   */
  void written(String key, long time, Long previous) {
    if (buckets == null) {
      return;
    }
    long bucket = bucketOf(time);
    if (previous != null && bucketOf(previous) == bucket) {
      return;
    }
    add(bucket, key);
  }

  private void add(long bucket, String key) {
    if (last == null || bucket != lastBucket) {
      last = buckets.computeIfAbsent(bucket, b -> new ArrayList<>());
      lastBucket = bucket;
    }
    last.add(key);
    if (++size > maxKeys) {
      drop();
    }
  }

  private void drop() {
    buckets = null;
    last = null;
    size = 0;
  }

  /** The store as the sweep sees it: look-ups, deletes and a full scan. */
  interface Store {
    /** The key's stored time, or null when absent. */
    Long time(String key);

    void delete(String key);

    /**
     * Deletes every entry whose time is before {@code cutoff} and passes each remaining key and
     * time to {@code survivor} (the full scan).
     */
    void deleteOlderThan(long cutoff, Survivor survivor);
  }

  /** Receives the entries a full scan keeps. */
  interface Survivor {
    void kept(String key, long time);
  }

  /**
   * Deletes every entry of {@code store} whose time is before {@code cutoff}: through the index when
   * it is complete, by a full scan (which rebuilds the index when it fits) when not.
   */
  void deleteOlderThan(Store store, long cutoff) {
    last = null;
    if (buckets == null) {
      fullScan(store, cutoff);
      return;
    }
    long cutoffBucket = bucketOf(cutoff);
    Iterator<Map.Entry<Long, List<String>>> it = buckets.headMap(cutoffBucket, true).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, List<String>> bucket = it.next();
      boolean isCutoffBucket = bucket.getKey() == cutoffBucket;
      List<String> keep = isCutoffBucket ? new ArrayList<>() : null;
      for (String key : bucket.getValue()) {
        Long time = store.time(key);
        if (time == null) {
          continue;
        }
        if (time < cutoff) {
          store.delete(key);
        } else if (isCutoffBucket && bucketOf(time) == cutoffBucket) {
          keep.add(key);
        }
        // Otherwise the key's time is in a later bucket, which lists it.
      }
      size -= bucket.getValue().size();
      if (keep == null || keep.isEmpty()) {
        it.remove();
      } else {
        bucket.setValue(keep);
        size += keep.size();
      }
    }
  }

  private void fullScan(Store store, long cutoff) {
    TreeMap<Long, List<String>> rebuilt = new TreeMap<>();
    int[] count = {0};
    int limit = maxKeys / 2;
    store.deleteOlderThan(cutoff, (key, time) -> {
      if (count[0] < 0) {
        return;
      }
      if (++count[0] > limit) {
        count[0] = -1;
        return;
      }
      rebuilt.computeIfAbsent(bucketOf(time), b -> new ArrayList<>()).add(key);
    });
    if (count[0] >= 0) {
      buckets = rebuilt;
      size = count[0];
    }
  }
}
