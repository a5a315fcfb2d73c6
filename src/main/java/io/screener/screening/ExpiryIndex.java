package io.screener.screening;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The keys of one store (behaviour state, review cases; in the service or the replay) by the sweep
 * bucket ({@code floor(time / sweep interval)}) of the time their value holds, so a sweep reads
 * only the keys in buckets it may empty instead of scanning the whole store. It only chooses which
 * keys a sweep looks at: a key is deleted exactly when the full scan would delete it (its stored
 * time is before the cutoff), so swept state is the same.
 *
 * <p>Invariant, while {@link #complete()}: every key in the store is listed in the bucket of its
 * stored time (it may also be listed, stale, in other buckets). It holds because the index is built
 * by a full scan of the store and every write after it is recorded with {@link #written}; a write
 * whose previous stored time is known to be in the same bucket needs no new entry.
 *
 * <p>Two ways to delete through it: {@link #deleteOlderThan} everything before a cutoff at once,
 * and {@link #tidy} a bounded number of keys a call, for deletes spread over records.
 *
 * <p>Memory is bounded: past {@code maxKeys} entries the index is dropped. {@code deleteOlderThan}
 * then falls back to full scans, each of which rebuilds the index if the state left after it fits
 * in half the bound; {@code tidy} cannot be used until the index is built again ({@link #build}).
 * An entry costs about 70 bytes (a {@code String} key and a list slot).
 *
 * <p>Not thread-safe: one per store and task, used on the stream thread.
 */
public final class ExpiryIndex<K> {
  private final long bucketMillis;
  private final int maxKeys;
  private @Nullable TreeMap<Long, List<K>> buckets;
  private int size;
  private long lastBucket;
  private @Nullable List<K> last;
  // The last key read or written and its time then (see read).
  private @Nullable K readKey;
  private @Nullable Long readTime;

  public ExpiryIndex(long bucketMillis, int maxKeys) {
    if (bucketMillis <= 0 || maxKeys < 2) {
      throw new IllegalArgumentException("bucketMillis and maxKeys must be positive");
    }
    this.bucketMillis = bucketMillis;
    this.maxKeys = maxKeys;
  }

  /** Whether every key in the store is indexed: until a full scan has built it, it is not. */
  public boolean complete() {
    return buckets != null;
  }

  /** Entries held (keys may be listed more than once). */
  public int size() {
    return size;
  }

  public long bucketOf(long time) {
    return Math.floorDiv(time, bucketMillis);
  }

  /**
   * Notes what a read of {@code key} found (its time, or null when absent): a caller reads a key,
   * may change the value in place, and writes it back with {@link #written(Object, long)}.
   */
  public void read(K key, @Nullable Long time) {
    readKey = key;
    readTime = time;
  }

  /**
   * Notes what a look-up of {@code key} returned (null when absent), timed by {@code time}, as
   * {@link #read(Object, Long)} does; returns it.
   */
  public <V> @Nullable V read(K key, @Nullable V value, ToLongFunction<V> time) {
    read(key, value == null ? null : time.applyAsLong(value));
    return value;
  }

  /**
   * Records that {@code key} now holds {@code time}, taking the time it held before from the last
   * {@link #read} when that was of this key.
   */
  public void written(K key, long time) {
    written(key, time, key.equals(readKey) ? readTime : null);
    readKey = key;
    readTime = time;
  }

  /**
   * Records that {@code key} now holds {@code time}.
   *
   * @param previous the time the key held just before this write, when known from a read of the
   *     store in the same step; null when the key was absent or its time is not known
   */
  public void written(K key, long time, @Nullable Long previous) {
    if (buckets == null) {
      return;
    }
    long bucket = bucketOf(time);
    if (previous != null && bucketOf(previous) == bucket) {
      return;
    }
    add(bucket, key);
  }

  private void add(long bucket, K key) {
    if (last == null || bucket != lastBucket) {
      last =
          Objects.requireNonNull(buckets, "index built")
              .computeIfAbsent(bucket, b -> new ArrayList<>());
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
  public interface Store<K> {
    /** The key's stored time, or null when absent. */
    @Nullable Long time(K key);

    void delete(K key);

    /**
     * Deletes every entry whose time is before {@code cutoff} and passes each remaining key and
     * time to {@code survivor} (the full scan). When {@code cutoff} is {@link Long#MIN_VALUE}
     * (nothing to delete) it may stop reading once the survivor wants no more.
     */
    void deleteOlderThan(long cutoff, Survivor<K> survivor);
  }

  /** Receives the entries a full scan keeps. */
  public interface Survivor<K> {
    /** Returns whether it wants the rest. */
    boolean kept(K key, long time);
  }

  /**
   * Deletes every entry of {@code store} whose time is before {@code cutoff}: through the index
   * when it is complete, by a full scan (which rebuilds the index when it fits) when not.
   */
  public void deleteOlderThan(Store<K> store, long cutoff) {
    last = null;
    readKey = null;
    if (buckets == null) {
      fullScan(store, cutoff);
      return;
    }
    long cutoffBucket = bucketOf(cutoff);
    Iterator<Map.Entry<Long, List<K>>> it =
        buckets.headMap(cutoffBucket, true).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, List<K>> bucket = it.next();
      boolean isCutoffBucket = bucket.getKey() == cutoffBucket;
      List<K> keep = new ArrayList<>(0);
      for (K key : bucket.getValue()) {
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
      if (keep.isEmpty()) {
        it.remove();
      } else {
        bucket.setValue(keep);
        size += keep.size();
      }
    }
  }

  /**
   * Deletes, through the index, at most {@code budget} keys whose stored time is before {@code
   * cutoff}, taking them from the oldest buckets wholly before the cutoff (keys in the cutoff's own
   * bucket wait until the cutoff has passed it). Called for every record, so when nothing is due it
   * only looks at the oldest bucket. Only while {@link #complete()}.
   */
  public void tidy(Store<K> store, long cutoff, int budget) {
    if (buckets == null) {
      throw new IllegalStateException("the expiry index is not built");
    }
    long cutoffBucket = bucketOf(cutoff);
    int looked = 0;
    while (looked < budget && !buckets.isEmpty() && buckets.firstKey() < cutoffBucket) {
      List<K> keys = buckets.firstEntry().getValue();
      while (looked < budget && !keys.isEmpty()) {
        K key = keys.remove(keys.size() - 1);
        size--;
        looked++;
        Long time = store.time(key);
        // Otherwise the key was written again since: a later bucket lists it.
        if (time != null && time < cutoff) {
          store.delete(key);
          if (key.equals(readKey)) {
            readKey = null;
          }
        }
      }
      if (keys.isEmpty()) {
        if (keys == last) {
          last = null;
        }
        buckets.pollFirstEntry();
      }
    }
  }

  /** Builds the index by a full scan that deletes nothing, unless the store holds too many keys. */
  public void build(Store<K> store) {
    last = null;
    readKey = null;
    fullScan(store, Long.MIN_VALUE);
  }

  private void fullScan(Store<K> store, long cutoff) {
    TreeMap<Long, List<K>> rebuilt = new TreeMap<>();
    int[] count = {0};
    int limit = maxKeys / 2;
    store.deleteOlderThan(
        cutoff,
        (key, time) -> {
          if (count[0] < 0) {
            return false;
          }
          if (++count[0] > limit) {
            count[0] = -1;
            return false;
          }
          rebuilt.computeIfAbsent(bucketOf(time), b -> new ArrayList<>()).add(key);
          return true;
        });
    if (count[0] >= 0) {
      buckets = rebuilt;
      size = count[0];
    }
  }
}
