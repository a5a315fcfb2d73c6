package io.screener.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference feed (merchant reputation, counterparty reputation, account status) kept in a global
 * store by key, with a {@link KeyPresence} filter in front of it: the global thread writes both
 * ({@link Updater}), the stream threads read through the filter ({@link Reader}). One per store and
 * topology, so each Kafka Streams instance has its own.
 *
 * <p>The store holds the feed's latest value per key, as a global table would: a record with a null
 * value deletes its key, one with a null key is skipped. Kafka Streams runs the updater over the
 * records it restores too (a global store with its own processor is restored by reprocessing), and
 * the updater fills the filter from the store's keys each time it starts, so the filter holds every
 * key the store holds.
 */
final class ReferenceFeed<V> {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceFeed.class);

  /** The smallest filter: 65,536 keys in 80 KB. */
  static final long MIN_KEYS = 1L << 16;

  private final String storeName;
  private volatile @Nullable KeyPresence presence;

  ReferenceFeed(String storeName) {
    this.storeName = storeName;
  }

  /** The global thread's processor for the feed's topic. */
  Updater updater() {
    return new Updater();
  }

  /** A reader for a processor's use, from its context. */
  Reader reader(ProcessorContext<?, ?> context) {
    return new Reader(context.getStateStore(storeName));
  }

  /**
   * A filter with room for four times {@code atLeast} keys (and for {@link #MIN_KEYS}) holding
   * every key of {@code store}, swapped in once it is complete.
   */
  private void rebuild(KeyValueStore<String, V> store, long atLeast) {
    KeyPresence next = new KeyPresence(Math.max(MIN_KEYS, 4 * atLeast));
    try (KeyValueIterator<String, V> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, V> entry = all.next();
        next.add(entry.key);
      }
    }
    presence = next;
  }

  /** Writes the feed's records to the store, each key into the filter first. */
  final class Updater implements Processor<String, V, Void, Void> {
    private @Nullable ProcessorContext<Void, Void> context;
    private @Nullable KeyValueStore<String, V> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.context = context;
      KeyValueStore<String, V> opened = context.getStateStore(storeName);
      store = opened;
      rebuild(opened, opened.approximateNumEntries());
    }

    @Override
    public void process(Record<String, V> record) {
      KeyValueStore<String, V> target = store;
      if (target == null) {
        throw new IllegalStateException(storeName + ": a record before init");
      }
      String key = record.key();
      if (key == null) {
        // As a global table does: a value with no key belongs to no account or merchant.
        LOG.warn(
            "{}: skipped a record with no key ({})",
            storeName,
            context == null
                ? "?"
                : context
                    .recordMetadata()
                    .map(m -> m.topic() + "-" + m.partition() + " at offset " + m.offset())
                    .orElse("?"));
        return;
      }
      V value = record.value();
      if (value == null) {
        target.delete(key);
        return;
      }
      KeyPresence filter = presence;
      if (filter != null) {
        filter.add(key);
      }
      target.put(key, value);
      if (filter != null && filter.full()) {
        rebuild(target, filter.capacity());
      }
    }
  }

  /** Look-ups by key, skipping the store for a key it has never held. */
  final class Reader {
    private final KeyValueStore<String, V> store;

    private Reader(KeyValueStore<String, V> store) {
      this.store = store;
    }

    /** The feed's value for {@code key}, or null when it has none (or the key is null). */
    @Nullable V get(@Nullable String key) {
      if (key == null) {
        return null;
      }
      KeyPresence filter = presence;
      if (filter != null && !filter.mightContain(key)) {
        return null;
      }
      return store.get(key);
    }
  }
}
