package io.screener.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Walks a whole key-value store in batches, closing the iterator before each batch of writes so no
 * store implementation sees writes under an open iterator; each batch resumes after the last key of
 * the one before, so every entry is visited once.
 */
final class StoreSweep {
  /** Entries a batch reads before its writes. */
  static final int BATCH = 10_000;

  private StoreSweep() {}

  /** Deletes every entry {@code expired} says is expired. */
  static <K, V> void delete(KeyValueStore<K, V> store, BiPredicate<K, V> expired) {
    visit(store, (key, value) -> expired.test(key, value) ? deletion() : null);
  }

  /**
   * Deletes one key. {@code put(key, null)} deletes as {@code delete(key)} does, without reading
   * the old value first (Kafka Streams' delete returns it: a RocksDB read per key the sweep never
   * uses).
   */
  static <K, V> void delete(KeyValueStore<K, V> store, K key) {
    store.put(key, null);
  }

  /** A visit's verdict on one entry: replace its value, or delete it ({@link #deletion()}). */
  record Change<V>(@Nullable V value) {}

  @SuppressWarnings("rawtypes")
  private static final Change DELETE = new Change<>(null);

  /** The change that deletes the entry. */
  @SuppressWarnings("unchecked")
  static <V> Change<V> deletion() {
    return DELETE;
  }

  /** The change to make to one entry, or null to leave it. */
  interface Visitor<K, V> {
    @Nullable Change<V> visit(K key, V value);
  }

  /** Visits every entry once and applies the changes the visitor asks for. */
  static <K, V> void visit(KeyValueStore<K, V> store, Visitor<K, V> visitor) {
    @Nullable K from = null;
    do {
      from = visitBatch(store, from, BATCH, visitor);
    } while (from != null);
  }

  /**
   * Visits at most {@code limit} entries after {@code from} (from the first when null) and applies
   * the changes the visitor asks for. Returns the last key visited, where the next batch resumes,
   * or null when the store's end was reached.
   */
  // DELETE is a sentinel object: identity is the test meant.
  @SuppressWarnings("ReferenceEquality")
  static <K, V> @Nullable K visitBatch(
      KeyValueStore<K, V> store, @Nullable K from, int limit, Visitor<K, V> visitor) {
    List<KeyValue<K, Change<V>>> changes = new ArrayList<>();
    @Nullable K last = null;
    int scanned = 0;
    try (KeyValueIterator<K, V> entries = store.range(from, null)) {
      while (scanned < limit && entries.hasNext()) {
        KeyValue<K, V> entry = entries.next();
        if (entry.key.equals(from)) {
          continue; // the last key of the batch before, where this one resumed
        }
        scanned++;
        last = entry.key;
        Change<V> change = visitor.visit(entry.key, entry.value);
        if (change != null) {
          changes.add(KeyValue.pair(entry.key, change));
        }
      }
    }
    for (KeyValue<K, Change<V>> change : changes) {
      if (change.value == DELETE) {
        delete(store, change.key);
      } else {
        store.put(change.key, change.value.value());
      }
    }
    return scanned < limit ? null : last;
  }
}
