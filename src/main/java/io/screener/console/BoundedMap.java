package io.screener.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries, dropping the one least recently written. Reads
 * do not count as use: the views forget what the topics stopped talking about. Not thread-safe.
 */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  BoundedMap(int capacity) {
    super(16, 0.75f, false);
    this.capacity = capacity;
  }

  /** Writes the entry as the newest, even when the key was there. */
  V write(K key, V value) {
    remove(key);
    put(key, value);
    return value;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
