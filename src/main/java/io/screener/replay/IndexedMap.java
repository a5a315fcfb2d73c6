package io.screener.replay;

import io.screener.screening.ExpiryIndex;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A hash map whose values hold a time, with the service's {@link ExpiryIndex} (the same one its
 * stores use), so that deleting what is older than a cutoff reads only the keys that may have
 * expired. Every write must go through {@link #put}. A caller may read a value, change it in place
 * and put it back: the time read tells the index whether the write moves the key to another bucket.
 *
 * <p>Not thread-safe.
 */
final class IndexedMap<V> implements ExpiryIndex.Store<String> {
  private final Map<String, V> map = new HashMap<>();
  private final ToLongFunction<V> time;
  private final ExpiryIndex<String> index;

  /**
   * @param bucketMillis the index's bucket: the interval between sweeps
   */
  IndexedMap(ToLongFunction<V> time, long bucketMillis) {
    this.time = time;
    // Everything is on the heap already, so the index covers the whole map.
    this.index = new ExpiryIndex<>(bucketMillis, Integer.MAX_VALUE);
    index.build(this);
  }

  @Nullable V get(String key) {
    return index.read(key, map.get(key), time);
  }

  void put(String key, V value) {
    map.put(key, value);
    index.written(key, time.applyAsLong(value));
  }

  int size() {
    return map.size();
  }

  /** Deletes every entry whose time is before {@code cutoff}. */
  void deleteOlderThan(long cutoff) {
    index.deleteOlderThan(this, cutoff);
  }

  @Override
  public @Nullable Long time(String key) {
    V value = map.get(key);
    return value == null ? null : time.applyAsLong(value);
  }

  @Override
  public void delete(String key) {
    map.remove(key);
  }

  @Override
  public void deleteOlderThan(long cutoff, ExpiryIndex.Survivor<String> survivor) {
    boolean wanted = true;
    for (Iterator<Map.Entry<String, V>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, V> entry = it.next();
      long at = time.applyAsLong(entry.getValue());
      if (at < cutoff) {
        it.remove();
      } else if (wanted) {
        wanted = survivor.kept(entry.getKey(), at);
      }
    }
  }
}
