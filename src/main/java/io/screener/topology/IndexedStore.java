package io.screener.topology;

import io.screener.config.ScreenerSettings;
import io.screener.screening.ExpiryIndex;
import java.util.LinkedHashSet;
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
 */
final class IndexedStore<K, V> implements ExpiryIndex.Store<K> {
  /** Keys of each store's expiry index, per task, with RocksDB stores: about 35 MB at most. */
  static final int MAX_INDEXED_KEYS_ON_DISK = 500_000;

  /** Entries a slice of the scan reads when the store is too large for the index. */
  static final int SCAN_SLICE = 1_024;

  private final KeyValueStore<K, V> store;
  private final ToLongBiFunction<K, V> time;
  private final ExpiryIndex<K> index;
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
    this.store = store;
    this.time = time;
    this.index = new ExpiryIndex<>(sweepIntervalMillis, maxIndexedKeys);
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
    V value = store.get(key);
    index.read(key, value == null ? null : time.applyAsLong(key, value));
    return value;
  }

  void put(K key, V value) {
    store.put(key, value);
    index.written(key, time.applyAsLong(key, value));
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
            (key, value) -> time.applyAsLong(key, value) < cutoff ? StoreSweep.deletion() : null);
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
        StoreSweep.delete(store, key);
        continue;
      }
      if (change != null) {
        store.put(key, kept);
      }
      // The index let go of every key it found due: the ones still held are listed again.
      index.written(key, time.applyAsLong(key, kept), null);
    }
  }

  /**
   * Hands every entry to {@code visitor} ({@link StoreSweep#visit}), then rebuilds the index: for
   * when the times the index holds are no longer the entries' (the time function changed).
   */
  void visitAll(StoreSweep.Visitor<K, V> visitor) {
    StoreSweep.visit(store, visitor);
    buildIndex();
  }

  @Override
  public @Nullable Long time(K key) {
    V value = store.get(key);
    return value == null ? null : time.applyAsLong(key, value);
  }

  @Override
  public void delete(K key) {
    StoreSweep.delete(store, key);
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
}
