package io.screener.replay;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The replay's behaviour state: a hash table from string keys (one id, or a pair of ids) to a time
 * and, optionally, a value, built so that a look-up costs one or two cache misses and the collector
 * sees a few large arrays instead of a node, a key string and a boxed time per entry.
 *
 * <p>Layout. Each entry is a run of words in one {@code long[]} log: its time, its 64-bit
 * fingerprint, a header with the key's lengths, then the key's characters (eight to a word when they
 * all fit in a byte, four otherwise). The index is open addressing with linear probing over pairs of
 * words, the fingerprint and the entry's place in the log, so a look-up of an absent key (most pairs
 * are new) reads one cache line, and a present one reads that line and the entry. Values, when kept,
 * sit in an array beside the index.
 *
 * <p>Expiry. Entries are appended to the log's tail and the log is read from its head like a queue:
 * each {@link #expireBefore} call marks the tail, stamped with the latest time written so far, and
 * walks the entries appended before the newest mark stamped before the cutoff. Each is deleted when
 * its time is before the cutoff and otherwise copied to the tail, so a write updates its entry in
 * place and a sweep reads only old entries, each about once per retention. An entry stays until the
 * walk reaches it: at most one retention after its last write, so memory holds at most two
 * retentions' worth of writes. Readers must treat what is past the cutoff as absent, as {@code
 * Behaviour} does, whether or not it is deleted yet.
 *
 * <p>Keys are compared in full, so look-ups are exact; the fingerprint is built from {@link
 * String#hashCode()}, cached in each id string, and only speeds up the probe. Not thread-safe.
 */
final class TimedTable<V> {
  /** What {@link #time} returns for a key that is not in the table. */
  static final long ABSENT = Long.MIN_VALUE;

  private static final int HEADER_WORDS = 3;
  private static final long WIDE = 1L << 32;
  private static final int MAX_KEY_CHARS = 0xFFFF;

  private long[] log = new long[1 << 12];
  private int head;
  private int tail;
  // Pairs of words per slot: the fingerprint, then the entry's offset in the log plus one (0: empty).
  private long[] slots = new long[2 << 10];
  private Object[] values;
  private int mask = (1 << 10) - 1;
  private int size;
  private long latest = Long.MIN_VALUE;
  private final ArrayDeque<long[]> marks = new ArrayDeque<>();

  // The last look-up, so that the write after a read of the same key does not probe again.
  private String lastA;
  private String lastB;
  private int lastSlot;
  private long lastFingerprint;

  /** @param withValues whether entries carry a value besides their time */
  TimedTable(boolean withValues) {
    this.values = withValues ? new Object[mask + 1] : null;
  }

  /** Entries held, including expired ones that no walk has reached yet. */
  int size() {
    return size;
  }

  /** The time stored under the key {@code (a, b)} ({@code b} null for a one-part key), or {@link #ABSENT}. */
  long time(String a, String b) {
    int slot = find(a, b);
    return slot < 0 ? ABSENT : log[offset(slot)];
  }

  /** The value stored under the key, or null. */
  @SuppressWarnings("unchecked")
  V value(String a, String b) {
    int slot = find(a, b);
    return slot < 0 ? null : (V) values[slot];
  }

  /** Stores {@code time} (and {@code value}, when the table keeps values) under the key. */
  void put(String a, String b, long time, V value) {
    int slot = a == lastA && b == lastB ? lastSlot : find(a, b);
    latest = Math.max(latest, time);
    if (slot >= 0) {
      log[offset(slot)] = time;
      if (values != null) {
        values[slot] = value;
      }
      return;
    }
    long fingerprint = lastFingerprint;
    int at = append(fingerprint, time, a, b);
    if (size + 1 > (mask + 1) / 2) {
      resize();
    }
    int free = home(fingerprint);
    while (slots[2 * free + 1] != 0) {
      free = (free + 1) & mask;
    }
    slots[2 * free] = fingerprint;
    slots[2 * free + 1] = at + 1L;
    if (values != null) {
      values[free] = value;
    }
    size++;
    forget();
  }

  /**
   * Deletes entries whose time is before {@code cutoff}, reading those appended before the newest
   * mark stamped before it (see the class comment), then marks the tail.
   */
  void expireBefore(long cutoff) {
    forget();
    int end = head;
    while (!marks.isEmpty() && marks.peekFirst()[1] < cutoff) {
      end = (int) marks.pollFirst()[0];
    }
    if (end > head) {
      // Room for every entry of the walk to be copied, so the log does not move during it.
      end -= makeRoom(end - head);
      for (int at = head; at < end; ) {
        int words = words(log[at + 2]);
        int slot = slotOf(log[at + 1], at);
        if (log[at] < cutoff) {
          delete(slot);
        } else {
          System.arraycopy(log, at, log, tail, words);
          slots[2 * slot + 1] = tail + 1L;
          tail += words;
        }
        at += words;
      }
      head = end;
    }
    marks.addLast(new long[] {tail, latest});
  }

  private static int words(long header) {
    int chars = (int) (header & 0xFFFF) + (int) ((header >>> 16) & 0xFFFF);
    int perWord = (header & WIDE) != 0 ? 4 : 8;
    return HEADER_WORDS + (chars + perWord - 1) / perWord;
  }

  private int offset(int slot) {
    return (int) slots[2 * slot + 1] - 1;
  }

  private int home(long fingerprint) {
    return (int) (fingerprint ^ (fingerprint >>> 29)) & mask;
  }

  private void forget() {
    lastA = null;
    lastB = null;
  }

  /** The slot holding the key, or -1; either way remembered for the write that may follow. */
  private int find(String a, String b) {
    long fingerprint = fingerprint(a, b);
    int slot = home(fingerprint);
    while (true) {
      long entry = slots[2 * slot + 1];
      if (entry == 0) {
        slot = -1;
        break;
      }
      if (slots[2 * slot] == fingerprint && sameKey((int) entry - 1, a, b)) {
        break;
      }
      slot = (slot + 1) & mask;
    }
    lastA = a;
    lastB = b;
    lastSlot = slot;
    lastFingerprint = fingerprint;
    return slot;
  }

  private static long fingerprint(String a, String b) {
    long h = a.hashCode() * 0x9E3779B97F4A7C15L + a.length();
    if (b != null) {
      h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b.hashCode();
      h += (long) b.length() << 40;
    }
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  private boolean sameKey(int at, String a, String b) {
    long header = log[at + 2];
    int lengthA = (int) (header & 0xFFFF);
    int lengthB = (int) ((header >>> 16) & 0xFFFF);
    if (lengthA != a.length() || lengthB != (b == null ? 0 : b.length())) {
      return false;
    }
    boolean wide = (header & WIDE) != 0;
    int first = at + HEADER_WORDS;
    return sameChars(first, wide, 0, a) && (b == null || sameChars(first, wide, lengthA, b));
  }

  private boolean sameChars(int first, boolean wide, int from, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (charAt(first, wide, from + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private char charAt(int first, boolean wide, int index) {
    if (wide) {
      return (char) (log[first + (index >>> 2)] >>> ((index & 3) << 4));
    }
    return (char) ((log[first + (index >>> 3)] >>> ((index & 7) << 3)) & 0xFF);
  }

  private int append(long fingerprint, long time, String a, String b) {
    int lengthA = a.length();
    int lengthB = b == null ? 0 : b.length();
    if (lengthA > MAX_KEY_CHARS || lengthB > MAX_KEY_CHARS) {
      throw new IllegalArgumentException("key longer than " + MAX_KEY_CHARS + " characters");
    }
    boolean wide = !narrow(a) || (b != null && !narrow(b));
    long header = lengthA | ((long) lengthB << 16) | (wide ? WIDE : 0);
    int at = reserve(words(header));
    log[at] = time;
    log[at + 1] = fingerprint;
    log[at + 2] = header;
    int first = at + HEADER_WORDS;
    Arrays.fill(log, first, at + words(header), 0L);
    putChars(first, wide, 0, a);
    if (b != null) {
      putChars(first, wide, lengthA, b);
    }
    return at;
  }

  private static boolean narrow(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private void putChars(int first, boolean wide, int from, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      int index = from + i;
      if (wide) {
        log[first + (index >>> 2)] |= (long) s.charAt(i) << ((index & 3) << 4);
      } else {
        log[first + (index >>> 3)] |= (long) s.charAt(i) << ((index & 7) << 3);
      }
    }
  }

  private int reserve(int words) {
    makeRoom(words);
    int at = tail;
    tail += words;
    return at;
  }

  /**
   * Makes room for {@code words} more at the tail: moves the live part of the log to its start, into
   * a larger array when it would be more than half full. Returns how far entries moved down.
   */
  private int makeRoom(int words) {
    if (tail + words <= log.length) {
      return 0;
    }
    int live = tail - head;
    int shift = head;
    long[] target = log;
    if (live + words > log.length / 2) {
      long grown = Math.max(2L * log.length, 2L * (live + words));
      if (grown > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("replay state past 2^31 words; shorten state.retention or split the history");
      }
      target = new long[(int) grown];
    }
    System.arraycopy(log, head, target, 0, live);
    log = target;
    head = 0;
    tail = live;
    for (int i = 1; i < slots.length; i += 2) {
      if (slots[i] != 0) {
        slots[i] -= shift;
      }
    }
    for (long[] mark : marks) {
      mark[0] -= shift;
    }
    return shift;
  }

  private int slotOf(long fingerprint, int at) {
    int slot = home(fingerprint);
    while (slots[2 * slot + 1] != at + 1L) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Removes a slot, shifting back the entries after it in its probe run (no tombstones). */
  private void delete(int slot) {
    int hole = slot;
    int next = (hole + 1) & mask;
    while (slots[2 * next + 1] != 0) {
      int want = home(slots[2 * next]);
      // The entry at next may move to the hole unless its home lies cyclically in (hole, next].
      boolean stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
      if (!stays) {
        slots[2 * hole] = slots[2 * next];
        slots[2 * hole + 1] = slots[2 * next + 1];
        if (values != null) {
          values[hole] = values[next];
        }
        hole = next;
      }
      next = (next + 1) & mask;
    }
    slots[2 * hole] = 0;
    slots[2 * hole + 1] = 0;
    if (values != null) {
      values[hole] = null;
    }
    size--;
  }

  private void resize() {
    long[] old = slots;
    Object[] oldValues = values;
    int capacity = (mask + 1) * 2;
    slots = new long[2 * capacity];
    values = oldValues == null ? null : new Object[capacity];
    mask = capacity - 1;
    for (int i = 0; i < old.length / 2; i++) {
      if (old[2 * i + 1] != 0) {
        int slot = home(old[2 * i]);
        while (slots[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[2 * slot] = old[2 * i];
        slots[2 * slot + 1] = old[2 * i + 1];
        if (values != null) {
          values[slot] = oldValues[i];
        }
      }
    }
    forget();
  }
}
