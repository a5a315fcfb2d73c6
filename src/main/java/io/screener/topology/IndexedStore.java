package io.screener.topology;

import io.screener.config.ScreenerSettings;
import io.screener.screening.ExpiryIndex;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store whose entries hold a time (in the value, or in the key), with an {@link
 * ExpiryIndex} so that deleting what is older than a cutoff reads only the keys that may have
 * expired. Every write must go through {@link #put}. A processor reads a key and then writes it:
 * the time read tells the index whether the write moves the key to another bucket. The index lives
 * in memory and starts empty whenever the processor is initialised (after a restore, a rebalance or
 * a restart).
 *
 * <p>Two ways to delete. {@link #deleteOlderThan} deletes everything before a cutoff at once (the
 * first call is a full scan, which builds the index). {@link #expireBefore} and {@link #tidy}
 * spread the deletes over the records instead, so that no sweep stalls the task: the caller treats
 * entries before the cutoff as absent from then on, and each call to {@code tidy} deletes a few of
 * them. For that the index is built up front ({@link #buildIndex}); a store too large for the index
 * is tidied by scanning it in slices instead.
 *
 * <p>Optionally it holds the values of the keys most recently used as objects (the behaviour
 * store's account records): Kafka Streams' record cache holds them encoded, so every read of a busy
 * account would otherwise look it up and decode it again. Every write still goes to the store.
 */
final class IndexedStore<K, V> implements ExpiryIndex.Store<K> {
  /** Keys of each store's expiry index, per task, with RocksDB stores: about 35 MB at most. */
  static final int MAX_INDEXED_KEYS_ON_DISK = 500_000;

  /** Entries a slice of the scan reads when the store is too large for the index. */
  static final int SCAN_SLICE = 1_024;

  private final KeyValueStore<K, V> store;
  private final ToLongBiFunction<K, V> time;
  private final ExpiryIndex<K> index;
  // The values last read or written, as objects, by key, the most recently used first out.
  private final @Nullable Map<K, V> held;
  private long tidyCutoff = Long.MIN_VALUE;
  private @Nullable K scanFrom;
  private int scanCredit;

  /**
   * @param time the time an entry holds, which a cutoff is compared with
   * @param sweepIntervalMillis the index's bucket: about the interval between sweeps
   * @param maxIndexedKeys past this the index is dropped (see {@link ExpiryIndex}); {@link
   *     #maxIndexedKeys} chooses it for a kind of store
   */
  IndexedStore(
      KeyValueStore<K, V> store,
      ToLongBiFunction<K, V> time,
      long sweepIntervalMillis,
      int maxIndexedKeys) {
    this(store, time, sweepIntervalMillis, maxIndexedKeys, 0);
  }

  /**
   * As {@link #IndexedStore(KeyValueStore, ToLongBiFunction, long, int)}, also holding the values
   * of the {@code heldValues} keys most recently read or written as the objects they are, so that
   * reading one again neither looks it up nor decodes it. {@link #get} then hands back the object
   * the last {@link #put} was given, not a copy: a caller that changes a value in place must write
   * it back in the same step, and call {@link #dropHeld} if the step fails before it does.
   */
  IndexedStore(
      KeyValueStore<K, V> store,
      ToLongBiFunction<K, V> time,
      long sweepIntervalMillis,
      int maxIndexedKeys,
      int heldValues) {
    this.store = store;
    this.time = time;
    this.index = new ExpiryIndex<>(sweepIntervalMillis, maxIndexedKeys);
    this.held = heldValues <= 0 ? null : new HeldValues<>(heldValues);
  }

  /**
   * How many keys a store's expiry index may hold. A store on the heap is indexed whole (an entry
   * of the index, about 70 bytes, is smaller than the store's own entry); the index of a RocksDB
   * store, which may be much larger than the heap, is bounded.
   */
  static int maxIndexedKeys(ScreenerSettings.StateStore kind) {
    return kind == ScreenerSettings.StateStore.MEMORY
        ? Integer.MAX_VALUE
        : MAX_INDEXED_KEYS_ON_DISK;
  }

  @Nullable V get(K key) {
    V value = held == null ? null : held.get(key);
    if (value == null) {
      value = store.get(key);
      if (held != null && value != null) {
        held.put(key, value);
      }
    }
    index.read(key, value == null ? null : time.applyAsLong(key, value));
    return value;
  }

  void put(K key, V value) {
    store.put(key, value);
    if (held != null) {
      held.put(key, value);
    }
    index.written(key, time.applyAsLong(key, value));
  }

  /**
   * Forgets every value held on the heap (the store keeps them): for a step that failed after it
   * may have changed a value it read, without writing it back.
   */
  void dropHeld() {
    if (held != null) {
      held.clear();
    }
  }

  /**
   * The entries from {@code from} to {@code to}, both included, as the store's range reads them.
   */
  KeyValueIterator<K, V> range(K from, K to) {
    return store.range(from, to);
  }

  /** Builds the expiry index by reading the whole store (deleting nothing), for {@link #tidy}. */
  void buildIndex() {
    index.build(this);
  }

  /**
   * From now on {@link #tidy} may delete entries whose time is before {@code cutoff} (the latest of
   * the cutoffs given). Deletes nothing itself: the caller must treat such entries as absent.
   */
  void expireBefore(long cutoff) {
    tidyCutoff = Math.max(tidyCutoff, cutoff);
  }

  /**
   * Does a bounded share of the deleting: through the index, looks at most {@code budget} keys up;
   * without it (the store is too large), reads {@value #SCAN_SLICE} entries of a scan that resumes
   * where the last slice stopped, once every {@code SCAN_SLICE / budget} calls.
   */
  void tidy(int budget) {
    if (tidyCutoff == Long.MIN_VALUE) {
      return;
    }
    if (index.complete()) {
      index.tidy(this, tidyCutoff, budget);
      return;
    }
    scanCredit += budget;
    if (scanCredit < SCAN_SLICE) {
      return;
    }
    scanCredit = 0;
    long cutoff = tidyCutoff;
    scanFrom =
        StoreSweep.visitBatch(
            store,
            scanFrom,
            SCAN_SLICE,
            (key, value) -> {
              if (time.applyAsLong(key, value) >= cutoff) {
                return null;
              }
              release(key);
              return StoreSweep.deletion();
            });
  }

  /** Deletes every entry whose time is before {@code cutoff}, exactly as a full scan would. */
  void deleteOlderThan(long cutoff) {
    index.deleteOlderThan(this, cutoff);
  }

  /**
   * Hands every entry whose time is before {@code cutoff} to {@code visitor}, and applies the
   * change it asks for, as {@link StoreSweep#visit} would for those entries; the others are not
   * read. The entries are found through the index (by a full scan, which rebuilds it, when it is
   * not complete). An entry the visitor leaves, or gives a new value, stays indexed by its time.
   */
  void visitBefore(long cutoff, StoreSweep.Visitor<K, V> visitor) {
    Set<K> due = new LinkedHashSet<>();
    index.deleteOlderThan(new DueKeys(due), cutoff);
    for (K key : due) {
      V value = store.get(key);
      if (value == null) {
        continue;
      }
      StoreSweep.Change<V> change = visitor.visit(key, value);
      V kept = change == null ? value : change.value();
      if (kept == null) {
        delete(key);
        continue;
      }
      if (change == null) {
        // The index let go of every key it found due: one left in the store is listed again.
        index.written(key, time.applyAsLong(key, kept), null);
      } else {
        put(key, kept);
      }
    }
  }

  /**
   * Hands every entry to {@code visitor} ({@link StoreSweep#visit}), then rebuilds the index: for
   * when the times the index holds are no longer the entries' (the time function changed).
   */
  void visitAll(StoreSweep.Visitor<K, V> visitor) {
    dropHeld();
    StoreSweep.visit(store, visitor);
    buildIndex();
  }

  @Override
  public @Nullable Long time(K key) {
    V value = held == null ? null : held.get(key);
    if (value == null) {
      value = store.get(key);
    }
    return value == null ? null : time.applyAsLong(key, value);
  }

  @Override
  public void delete(K key) {
    StoreSweep.delete(store, key);
    release(key);
  }

  private void release(K key) {
    if (held != null) {
      held.remove(key);
    }
  }

  @Override
  public void deleteOlderThan(long cutoff, ExpiryIndex.Survivor<K> survivor) {
    scan(cutoff, survivor, null);
  }

  /**
   * The full scan: passes the entries at or after {@code cutoff} to {@code survivor}; deletes the
   * ones before it, or, when {@code due} is given, leaves them and adds their keys to it.
   */
  private void scan(long cutoff, ExpiryIndex.Survivor<K> survivor, @Nullable Set<K> due) {
    boolean[] wanted = {true};
    @Nullable K from = null;
    do {
      from =
          StoreSweep.visitBatch(
              store,
              from,
              StoreSweep.BATCH,
              (key, value) -> {
                long at = time.applyAsLong(key, value);
                if (at < cutoff) {
                  if (due == null) {
                    release(key);
                    return StoreSweep.deletion();
                  }
                  due.add(key);
                  return null;
                }
                if (wanted[0]) {
                  wanted[0] = survivor.kept(key, at);
                }
                return null;
              });
      // Only deletes need the rest of the store once the survivor wants no more.
    } while (from != null && (wanted[0] || cutoff != Long.MIN_VALUE));
  }

  /**
   * The store as {@link #visitBefore} shows it to the index: what the index would delete is
   * collected instead.
   */
  private final class DueKeys implements ExpiryIndex.Store<K> {
    private final Set<K> due;

    DueKeys(Set<K> due) {
      this.due = due;
    }

    @Override
    public @Nullable Long time(K key) {
      return IndexedStore.this.time(key);
    }

    @Override
    public void delete(K key) {
      due.add(key);
    }

    @Override
    public void deleteOlderThan(long cutoff, ExpiryIndex.Survivor<K> survivor) {
      scan(cutoff, survivor, due);
    }
  }

  /** A bounded map that lets go of the least recently used key first. */
  private static final class HeldValues<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int limit;

    HeldValues(int limit) {
      super(16, 0.75f, true);
      this.limit = limit;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > limit;
    }
  }
}
