package io.screener.domain.behaviour;

import java.util.Arrays;

/**
 * A bounded list of 64-bit keys, each with a time, kept in time order: an account's recent payment
 * legs (by transaction) and its recent payers. Putting a key that is there moves it to its later
 * time; putting one more than {@code max} drops the oldest, which the caller can read back ({@link
 * #droppedKey}, {@link #droppedTime}) to keep it elsewhere. Keys older than a cutoff read as absent
 * and are dropped by the next put. Linear scans: {@code max} is small (tens), so a scan of one
 * array beats any hashing here.
 */
final class TimedKeys {
  /** A time that is not on record. */
  static final long ABSENT = Long.MIN_VALUE;

  private static final long[] EMPTY = new long[0];

  // key, time, key, time, ... by time ascending.
  private long[] entries;
  private int size;
  private long droppedKey;
  private long droppedTime = ABSENT;

  TimedKeys() {
    this(EMPTY, 0);
  }

  /**
   * @param entries {@code size} pairs of key and time, by time ascending
   */
  TimedKeys(long[] entries, int size) {
    this.entries = entries;
    this.size = size;
  }

  int size() {
    return size;
  }

  long key(int i) {
    return entries[2 * i];
  }

  long time(int i) {
    return entries[2 * i + 1];
  }

  /** The newest time on record, or {@link #ABSENT}. */
  long newest() {
    return size == 0 ? ABSENT : entries[2 * size - 1];
  }

  /** The key's time, or {@link #ABSENT} when it is not here or was put before {@code cutoff}. */
  long timeOf(long key, long cutoff) {
    long[] e = entries;
    for (int i = 2 * size - 2; i >= 0; i -= 2) {
      if (e[i] == key) {
        return e[i + 1] < cutoff ? ABSENT : e[i + 1];
      }
    }
    return ABSENT;
  }

  /**
   * Puts the key at {@code time} (or keeps its later time), first dropping what is before {@code
   * cutoff}. Returns whether, to stay within {@code max}, it dropped a key put at or after {@code
   * cutoff}: that one is then {@link #droppedKey} at {@link #droppedTime}.
   */
  boolean put(long key, long time, long cutoff, int max) {
    dropBefore(cutoff);
    long at = time;
    for (int i = 0; i < size; i++) {
      if (entries[2 * i] == key) {
        at = Math.max(at, entries[2 * i + 1]);
        System.arraycopy(entries, 2 * i + 2, entries, 2 * i, 2 * (size - i - 1));
        size--;
        break;
      }
    }
    boolean dropped = false;
    if (size >= max) {
      // More than one out when the bound was lowered below what is kept: the newest stay.
      int drop = size - max + 1;
      droppedKey = entries[2 * drop - 2];
      droppedTime = entries[2 * drop - 1];
      dropped = true;
      System.arraycopy(entries, 2 * drop, entries, 0, 2 * (size - drop));
      size -= drop;
    }
    if (2 * size == entries.length) {
      entries = Arrays.copyOf(entries, 2 * Math.min(max, Math.max(4, size * 2)));
    }
    int i = size;
    while (i > 0 && entries[2 * i - 1] > at) {
      i--;
    }
    System.arraycopy(entries, 2 * i, entries, 2 * i + 2, 2 * (size - i));
    entries[2 * i] = key;
    entries[2 * i + 1] = at;
    size++;
    return dropped;
  }

  long droppedKey() {
    return droppedKey;
  }

  long droppedTime() {
    return droppedTime;
  }

  private void dropBefore(long cutoff) {
    int drop = 0;
    while (drop < size && entries[2 * drop + 1] < cutoff) {
      drop++;
    }
    if (drop > 0) {
      System.arraycopy(entries, 2 * drop, entries, 0, 2 * (size - drop));
      size -= drop;
    }
  }
}
