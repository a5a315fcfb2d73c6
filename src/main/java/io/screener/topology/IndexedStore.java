package io.screener.topology;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store whose values hold a time, with an {@link ExpiryIndex} so that deleting what is
 * older than a cutoff reads only the keys that may have expired. Every write must go through {@link
 * #put}. A processor reads a key and then writes it: the time read tells the index whether the write
 * moves the key to another bucket. The index lives in memory and starts empty whenever the processor
 * is initialised (after a restore, a rebalance or a restart): the first sweep is a full scan, which
 * builds it.
 */
final class IndexedStore<V> implements ExpiryIndex.Store {
  /** Bound of each store's expiry index, per task: about 35 MB at most (see {@link ExpiryIndex}). */
  private static final int MAX_INDEXED_KEYS = 500_000;

  private final KeyValueStore<String, V> store;
  private final ToLongFunction<V> time;
  private final ExpiryIndex index;
  private String lastKey;
  private Long lastTime;

  /**
   * @param time the time a value holds, which {@link #deleteOlderThan} compares with its cutoff
   * @param sweepIntervalMillis the index's bucket: about the interval between sweeps
   */
  IndexedStore(KeyValueStore<String, V> store, ToLongFunction<V> time, long sweepIntervalMillis) {
    this.store = store;
    this.time = time;
    this.index = new ExpiryIndex(sweepIntervalMillis, MAX_INDEXED_KEYS);
  }

  V get(String key) {
    V value = store.get(key);
    lastKey = key;
    lastTime = value == null ? null : time.applyAsLong(value);
    return value;
  }

  void put(String key, V value) {
    store.put(key, value);
    long at = time.applyAsLong(value);
    index.written(key, at, key.equals(lastKey) ? lastTime : null);
    lastKey = key;
    lastTime = at;
  }

  /** Deletes every entry whose time is before {@code cutoff}, exactly as a full scan would. */
  void deleteOlderThan(long cutoff) {
    lastKey = null;
    index.deleteOlderThan(this, cutoff);
  }

  @Override
  public Long time(String key) {
    V value = store.get(key);
    return value == null ? null : time.applyAsLong(value);
  }

  @Override
  public void delete(String key) {
    StoreSweep.delete(store, key);
  }

  @Override
  public void deleteOlderThan(long cutoff, ExpiryIndex.Survivor survivor) {
    StoreSweep.visit(
        store,
        (key, value) -> {
          long at = time.applyAsLong(value);
          if (at < cutoff) {
            return StoreSweep.deletion();
          }
          survivor.kept(key, at);
          return null;
        });
  }
}
