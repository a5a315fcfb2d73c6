package io.screener.replay;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The replay's behaviour state: a hash table from string keys (one id, or a pair of ids) to a time
 * and, optionally, a value, built so that a look-up costs one or two cache misses and the collector
 * sees a few large arrays instead of a node, a key string and a boxed time per entry.
 *
 * <p>Layout. Each entry is a run of words in a log of {@code long[]} segments: its time, its 64-bit
 * fingerprint, a header with the key's lengths, then the key's characters (eight to a word when
 * they all fit in a byte, four otherwise). The index is open addressing with linear probing over
 * pairs of words, the fingerprint and the entry's place in the log, so a look-up of an absent key
 * (most pairs are new) reads one cache line, and a present one reads that line and the entry.
 * Values, when kept, sit in an array beside the index.
 *
 * <p>Expiry. Entries are appended to the log's tail and the log is read from its head like a queue:
 * each {@link #expireBefore} call marks the tail, stamped with the latest time written so far, and
 * walks the entries appended before the newest mark stamped before the cutoff. Each is deleted when
 * its time is before the cutoff and otherwise copied to the tail, and the segments behind the walk
 * are dropped, so a write updates its entry in place and a sweep reads only old entries, each about
 * once per retention. An entry stays until the walk reaches it: at most one retention after its
 * last write, so memory holds at most two retentions' worth of writes. Readers must treat what is
 * past the cutoff as absent, as {@code Behaviour} does, whether or not it is deleted yet.
 *
 * <p>Keys are compared in full, so look-ups are exact; the fingerprint is built from {@link
 * String#hashCode()}, cached in each id string, and only speeds up the probe. Not thread-safe.
 */
final class TimedTable<V> {
  /**
   * What {@link #time} returns for a key that is not in the table: the behaviour state's absent
   * time.
   */
  static final long ABSENT = Long.MIN_VALUE;

  private static final int HEADER_WORDS = 3;
  private static final long WIDE = 1L << 32;
  private static final int MAX_KEY_CHARS = 0xFFFF;
  // The log lives in segments of 2^16 words (512 KB; the longest key fits in one), so it grows
  // without copying and a walk frees whole segments behind it. An entry never spans two.
  private static final int SEGMENT_BITS = 16;
  private static final int SEGMENT_WORDS = 1 << SEGMENT_BITS;

  // The segments from the head's to the tail's, in a ring by segment number, with the words used
  // in each. Offsets into the log are counted from its very start and only grow.
  private long[] @Nullable [] segments = new long[4][];
  private int[] used = new int[4];
  private long head;
  private long tail;
  // Pairs of words per slot: the fingerprint, then the entry's offset in the log plus one (0:
  // empty).
  private long[] slots = new long[2 << 10];
  private @Nullable Object @Nullable [] values;
  private int mask = (1 << 10) - 1;
  private int size;
  private long latest = Long.MIN_VALUE;
  private final ArrayDeque<long[]> marks = new ArrayDeque<>();

  // The last look-up, so that the write after a read of the same key does not probe again.
  private @Nullable String lastA;
  private @Nullable String lastB;
  private int lastSlot;
  private long lastFingerprint;

  /**
   * @param withValues whether entries carry a value besides their time
   */
  TimedTable(boolean withValues) {
    this.values = withValues ? new Object[mask + 1] : null;
  }

  /** Entries held, including expired ones that no walk has reached yet. */
  int size() {
    return size;
  }

  /**
   * The time stored under the key {@code (a, b)} ({@code b} null for a one-part key), or {@link
   * #ABSENT}.
   */
  long time(String a, String b) {
    int slot = find(a, b);
    if (slot < 0) {
      return ABSENT;
    }
    long at = offset(slot);
    return segment(at)[within(at)];
  }

  /** The value stored under the key, or null. */
  @SuppressWarnings("unchecked")
  @Nullable V value(String a, @Nullable String b) {
    int slot = find(a, b);
    return slot < 0
        ? null
        : (V) Objects.requireNonNull(values, "the values of a table made with values")[slot];
  }

  /** Stores {@code time} (and {@code value}, when the table keeps values) under the key. */
  // The same key strings as the last look-up's (the engine passes them on): identity is the cheap
  // check meant; any other strings take the look-up.
  @SuppressWarnings("ReferenceEquality")
  void put(String a, @Nullable String b, long time, @Nullable V value) {
    int slot = a == lastA && b == lastB ? lastSlot : find(a, b);
    latest = Math.max(latest, time);
    if (slot >= 0) {
      long at = offset(slot);
      segment(at)[within(at)] = time;
      if (values != null) {
        values[slot] = value;
      }
      return;
    }
    long fingerprint = lastFingerprint;
    long at = append(fingerprint, time, a, b);
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
    long end = head;
    while (!marks.isEmpty() && marks.peekFirst()[1] < cutoff) {
      end = marks.pollFirst()[0];
    }
    long at = head;
    while (at < end) {
      long[] from = segment(at);
      int i = within(at);
      if (i >= used[ring(at)]) {
        at = nextSegment(at);
        continue;
      }
      int words = words(from[i + 2]);
      int slot = slotOf(from[i + 1], at);
      if (from[i] < cutoff) {
        delete(slot);
      } else {
        long to = reserve(words);
        System.arraycopy(from, i, segment(to), within(to), words);
        slots[2 * slot + 1] = to + 1;
      }
      at += words;
    }
    for (long segment = head >>> SEGMENT_BITS; segment < end >>> SEGMENT_BITS; segment++) {
      segments[(int) segment & (segments.length - 1)] = null;
    }
    head = Math.max(head, end);
    marks.addLast(new long[] {tail, latest});
  }

  private static int words(long header) {
    int chars = (int) (header & 0xFFFF) + (int) ((header >>> 16) & 0xFFFF);
    int perWord = (header & WIDE) != 0 ? 4 : 8;
    return HEADER_WORDS + (chars + perWord - 1) / perWord;
  }

  private long offset(int slot) {
    return slots[2 * slot + 1] - 1;
  }

  private long[] segment(long at) {
    return Objects.requireNonNull(segments[ring(at)], "a segment of the log in use");
  }

  private int ring(long at) {
    return (int) (at >>> SEGMENT_BITS) & (segments.length - 1);
  }

  private static int within(long at) {
    return (int) at & (SEGMENT_WORDS - 1);
  }

  private static long nextSegment(long at) {
    return ((at >>> SEGMENT_BITS) + 1) << SEGMENT_BITS;
  }

  private int home(long fingerprint) {
    return (int) (fingerprint ^ (fingerprint >>> 29)) & mask;
  }

  private void forget() {
    lastA = null;
    lastB = null;
  }

  /** The slot holding the key, or -1; either way remembered for the write that may follow. */
  private int find(String a, @Nullable String b) {
    long fingerprint = fingerprint(a, b);
    int slot = home(fingerprint);
    while (true) {
      long entry = slots[2 * slot + 1];
      if (entry == 0) {
        slot = -1;
        break;
      }
      if (slots[2 * slot] == fingerprint && sameKey(entry - 1, a, b)) {
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

  private static long fingerprint(String a, @Nullable String b) {
    long h = a.hashCode() * 0x9E3779B97F4A7C15L + a.length();
    if (b != null) {
      h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b.hashCode();
      h += (long) b.length() << 40;
    }
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  private boolean sameKey(long at, String a, @Nullable String b) {
    long[] log = segment(at);
    int i = within(at);
    long header = log[i + 2];
    int lengthA = (int) (header & 0xFFFF);
    int lengthB = (int) ((header >>> 16) & 0xFFFF);
    if (lengthA != a.length() || lengthB != (b == null ? 0 : b.length())) {
      return false;
    }
    boolean wide = (header & WIDE) != 0;
    int first = i + HEADER_WORDS;
    return sameChars(log, first, wide, 0, a)
        && (b == null || sameChars(log, first, wide, lengthA, b));
  }

  private static boolean sameChars(long[] log, int first, boolean wide, int from, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (charAt(log, first, wide, from + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static char charAt(long[] log, int first, boolean wide, int index) {
    if (wide) {
      return (char) (log[first + (index >>> 2)] >>> ((index & 3) << 4));
    }
    return (char) ((log[first + (index >>> 3)] >>> ((index & 7) << 3)) & 0xFF);
  }

  private long append(long fingerprint, long time, String a, @Nullable String b) {
    int lengthA = a.length();
    int lengthB = b == null ? 0 : b.length();
    if (lengthA > MAX_KEY_CHARS || lengthB > MAX_KEY_CHARS) {
      throw new IllegalArgumentException("key longer than " + MAX_KEY_CHARS + " characters");
    }
    boolean wide = !narrow(a) || (b != null && !narrow(b));
    long header = lengthA | ((long) lengthB << 16) | (wide ? WIDE : 0);
    int words = words(header);
    long at = reserve(words);
    long[] log = segment(at);
    int i = within(at);
    log[i] = time;
    log[i + 1] = fingerprint;
    log[i + 2] = header;
    int first = i + HEADER_WORDS;
    Arrays.fill(log, first, i + words, 0L);
    putChars(log, first, wide, 0, a);
    if (b != null) {
      putChars(log, first, wide, lengthA, b);
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

  private static void putChars(long[] log, int first, boolean wide, int from, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      int index = from + i;
      if (wide) {
        log[first + (index >>> 2)] |= (long) s.charAt(i) << ((index & 3) << 4);
      } else {
        log[first + (index >>> 3)] |= (long) s.charAt(i) << ((index & 7) << 3);
      }
    }
  }

  /** Room for {@code words} at the tail, in the tail's segment or, when it is full, a new one. */
  private long reserve(int words) {
    long at = tail;
    if (within(at) + words > SEGMENT_WORDS) {
      at = nextSegment(at);
    }
    if (within(at) == 0) {
      addSegment(at);
    }
    tail = at + words;
    used[ring(at)] = within(at) + words;
    return at;
  }

  private void addSegment(long at) {
    long first = head >>> SEGMENT_BITS;
    long number = at >>> SEGMENT_BITS;
    if (number - first + 1 > segments.length) {
      long[] @Nullable [] grown = new long[segments.length * 2][];
      int[] grownUsed = new int[grown.length];
      for (long n = first; n < number; n++) {
        int from = (int) n & (segments.length - 1);
        int to = (int) n & (grown.length - 1);
        grown[to] = segments[from];
        grownUsed[to] = used[from];
      }
      segments = grown;
      used = grownUsed;
    }
    segments[ring(at)] = new long[SEGMENT_WORDS];
    used[ring(at)] = 0;
  }

  private int slotOf(long fingerprint, long at) {
    int slot = home(fingerprint);
    while (slots[2 * slot + 1] != at + 1) {
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
    @Nullable Object[] oldValues = values;
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
        if (values != null && oldValues != null) {
          values[slot] = oldValues[i];
        }
      }
    }
    forget();
  }
}
