package io.screener.topology;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which keys a reference feed's global store may hold: a Bloom filter over the keys written to it,
 * so that a look-up for a key the store has never held (most accounts are in no reputation list and
 * have no status) returns without going to the store. In the bench's profile the five reference
 * look-ups a payment were about a seventh of the stream threads' time, nearly all of it RocksDB's
 * own path for a key that is not there.
 *
 * <p>One writer, the global thread: {@link #add} is called before the store's put, so a reader that
 * finds the key absent here would have read the store before the put. Readers are the stream
 * threads. A deleted key stays in the filter (a Bloom filter cannot forget): its look-ups go to the
 * store and find nothing, as do the filter's false positives (about 1% at the sizing below).
 *
 * <p>Sized at 10 bits a key with 7 probes. When more keys have been added than it was sized for,
 * {@link #full} says so and the writer builds a filter four times the size from the store's keys
 * ({@link ReferenceFeed}), then swaps it in.
 */
final class KeyPresence {
  /** Bits a key: with {@link #PROBES} probes, about 0.8% false positives when full. */
  static final int BITS_PER_KEY = 10;

  private static final int PROBES = 7;

  private final AtomicLongArray words;
  private final long bitCount;
  private final long capacity;
  private long added;

  /** A filter for {@code capacity} keys (at least one). */
  KeyPresence(long capacity) {
    this.capacity = Math.max(1, capacity);
    long bits = this.capacity * BITS_PER_KEY;
    int wordCount = (int) Math.min(Integer.MAX_VALUE - 8, (bits + 63) >>> 6);
    this.words = new AtomicLongArray(wordCount);
    this.bitCount = (long) wordCount << 6;
  }

  /** The keys it was sized for. */
  long capacity() {
    return capacity;
  }

  /** Whether the store may hold {@code key}: false only for a key never added. */
  boolean mightContain(String key) {
    return mightContain(hash(key));
  }

  /** {@link #mightContain(String)} for a key whose {@link #hash} the caller has already taken. */
  boolean mightContain(long hash) {
    int h1 = (int) hash;
    int h2 = (int) (hash >>> 32);
    for (int i = 1; i <= PROBES; i++) {
      long bit = Integer.toUnsignedLong(h1 + i * h2) % bitCount;
      if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Records {@code key} as possibly held. Only the store's one writer calls it. */
  void add(String key) {
    long hash = hash(key);
    int h1 = (int) hash;
    int h2 = (int) (hash >>> 32);
    boolean changed = false;
    for (int i = 1; i <= PROBES; i++) {
      long bit = Integer.toUnsignedLong(h1 + i * h2) % bitCount;
      int word = (int) (bit >>> 6);
      long before = words.get(word);
      long after = before | (1L << bit);
      if (after != before) {
        words.set(word, after);
        changed = true;
      }
    }
    if (changed) {
      added++;
    }
  }

  /** Whether more keys were added than it was sized for. */
  boolean full() {
    return added > capacity;
  }

  /**
   * A 64-bit hash of the key's characters: FNV-1a's multiply-and-xor per character, then a
   * finalizer that spreads every input bit over the result, since account ids differ in a few
   * trailing digits.
   */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = key.length(); i < n; i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
