package io.screener.topology;

import java.util.concurrent.atomic.AtomicLongArray;
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
 *
 * <p>Each stream thread also holds the values it read last, decoded ({@value #HELD} slots by key
 * hash, shared by the thread's readers of the feed, whatever their task: the store is the same): a
 * listed merchant paid again is neither looked up in the store nor decoded. The updater counts its
 * writes by stripe of keys ({@value #STRIPES} stripes) after each write, and a held value serves
 * only while its stripe's count is the one read before the value was: a write the reader may have
 * missed always changes it. Every start of the updater changes every stripe's count.
 */
final class ReferenceFeed<V> {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceFeed.class);

  /** The smallest filter: 65,536 keys in 80 KB. */
  static final long MIN_KEYS = 1L << 16;

  /** Values each thread holds decoded: the busiest listed merchants and accounts with a status. */
  static final int HELD = 1 << 12;

  /** Stripes the writes are counted by: a write passes over the held values of one in 4,096. */
  static final int STRIPES = 1 << 12;

  /** A held look-up that found nothing (a deleted key, or one the filter let through). */
  private static final Object ABSENT = new Object();

  private final String storeName;
  private volatile @Nullable KeyPresence presence;
  private final AtomicLongArray writes = new AtomicLongArray(STRIPES);
  private final ThreadLocal<Held> held = ThreadLocal.withInitial(Held::new);

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
      // The store may have been wiped and refilled since a reader took its values.
      for (int stripe = 0; stripe < STRIPES; stripe++) {
        writes.incrementAndGet(stripe);
      }
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
      int stripe = stripe(KeyPresence.hash(key));
      if (value == null) {
        target.delete(key);
        writes.incrementAndGet(stripe);
        return;
      }
      KeyPresence filter = presence;
      if (filter != null) {
        filter.add(key);
      }
      target.put(key, value);
      writes.incrementAndGet(stripe);
      if (filter != null && filter.full()) {
        rebuild(target, filter.capacity());
      }
    }
  }

  private static int stripe(long hash) {
    return (int) hash & (STRIPES - 1);
  }

  /** One thread's held values: by slot, the key, its value (or {@link #ABSENT}) and its count. */
  private static final class Held {
    final String[] keys = new String[HELD];
    final Object[] values = new Object[HELD];
    final long[] counts = new long[HELD];
  }

  /**
   * Look-ups by key, skipping the store for a key it has never held and for one whose value is
   * held.
   */
  final class Reader {
    private final KeyValueStore<String, V> store;

    private Reader(KeyValueStore<String, V> store) {
      this.store = store;
    }

    /** The feed's value for {@code key}, or null when it has none (or the key is null). */
    @SuppressWarnings("unchecked") // a held value is one the store returned, or ABSENT
    @Nullable V get(@Nullable String key) {
      if (key == null) {
        return null;
      }
      long hash = KeyPresence.hash(key);
      KeyPresence filter = presence;
      if (filter != null && !filter.mightContain(hash)) {
        return null;
      }
      // The slot comes from other bits of the hash than the stripe and the filter's first probe.
      int slot = (int) (hash >>> 40) & (HELD - 1);
      long count = writes.get(stripe(hash));
      Held mine = held.get();
      if (mine.counts[slot] == count && key.equals(mine.keys[slot])) {
        Object value = mine.values[slot];
        return value == ABSENT ? null : (V) value;
      }
      V value = store.get(key);
      mine.keys[slot] = key;
      mine.values[slot] = value == null ? ABSENT : value;
      mine.counts[slot] = count;
      return value;
    }
  }
}
