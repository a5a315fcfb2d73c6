package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Ground truth for measuring the screener: JSON Lines of {@code {"transactionId": ..., "crypto":
 * true|false, "scenario": ...}} (scenario optional). Held compactly: the ids' bytes in one array
 * and an open-addressing table of offsets, hashes and label numbers, about 47 bytes per labelled
 * payment. Lines in the generator's exact form are read without a JSON parser; any other line is
 * parsed with one (same results either way).
 */
public final class Labels {
  /** A payment's label. */
  public record Label(boolean crypto, @Nullable String scenario) {}

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final byte[] ID_PREFIX =
      "{\"transactionId\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRYPTO = "\",\"crypto\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SCENARIO = ",\"scenario\":\"".getBytes(StandardCharsets.US_ASCII);

  private final Table table;
  private final long badLines;

  private Labels(Table table, long badLines) {
    this.table = table;
    this.badLines = badLines;
  }

  public static Labels none() {
    return new Labels(new Table(16), 0);
  }

  /**
   * Starts reading a labels file on a thread of its own ({@code replay-labels}), so that it
   * overlaps with loading the feeds and screening the first payments; only the replay's writer
   * needs the labels. The future fails with the reader's {@link IOException} as its cause.
   */
  public static Future<Labels> loadInBackground(Path file) {
    FutureTask<Labels> task = new FutureTask<>(() -> load(file));
    Thread thread = new Thread(task, "replay-labels");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /**
   * Reads a labels file; lines without a transaction id and a boolean {@code crypto} are counted
   * and skipped.
   */
  public static Labels load(Path file) throws IOException {
    boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    InputStream raw = Files.newInputStream(file);
    InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
    long size = Files.size(file);
    Table table = new Table(gz ? 1 << 20 : (int) Math.min(1 << 28, Math.max(1 << 16, size / 3)));
    long bad = 0;
    FastLine fastLine = new FastLine();
    try (in) {
      byte[] buf = new byte[1 << 16];
      int filled = 0;
      boolean eof = false;
      while (!eof || filled > 0) {
        if (!eof) {
          if (filled == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          int n = in.read(buf, filled, buf.length - filled);
          if (n < 0) {
            eof = true;
          } else {
            if (!gz && filled == 0) {
              table.expect(estimateLines(buf, n, size));
            }
            filled += n;
          }
        }
        int start = 0;
        int scanned = 0;
        while (true) {
          // A line in the generator's form is read in one pass, its end found by the parse.
          int end = parse(buf, start, filled, fastLine);
          if (end >= 0 && end < filled && buf[end] == '\n') {
            fastLine.putInto(table, buf);
            start = end + 1;
            scanned = start;
            continue;
          }
          int i = Math.max(start, scanned);
          while (i < filled && buf[i] != '\n') {
            i++;
          }
          if (i == filled) {
            scanned = i;
            break;
          }
          bad += line(table, buf, start, i, fastLine);
          start = i + 1;
          scanned = start;
        }
        if (eof && start < filled) {
          bad += line(table, buf, start, filled, fastLine);
          start = filled;
        }
        System.arraycopy(buf, start, buf, 0, filled - start);
        filled -= start;
      }
    }
    return new Labels(table, bad);
  }

  /** The lines a file of {@code size} bytes holds, judged by those in its first {@code n} bytes. */
  private static long estimateLines(byte[] b, int n, long size) {
    int lines = 0;
    for (int i = 0; i < n; i++) {
      if (b[i] == '\n') {
        lines++;
      }
    }
    return lines == 0 ? 0 : size / Math.max(1, n / lines);
  }

  /**
   * Takes one line (bytes {@code from..to}, without its newline); returns the number of bad lines
   * in it.
   */
  private static int line(Table table, byte[] b, int from, int to, FastLine fastLine) {
    if (parse(b, from, to, fastLine) == to) {
      fastLine.putInto(table, b);
      return 0;
    }
    // As BufferedReader.readLine splits: a lone CR ends a line too, CR LF is one line end.
    String text = new String(b, from, to - from, StandardCharsets.UTF_8);
    String[] pieces = text.split("\r", -1);
    int n = pieces.length;
    if (n > 1 && pieces[n - 1].isEmpty()) {
      n--;
    }
    int bad = 0;
    for (int i = 0; i < n; i++) {
      if (!pieces[i].isBlank() && !parsed(table, pieces[i])) {
        bad++;
      }
    }
    return bad;
  }

  /** Where {@link #parse} found a line's parts. */
  private static final class FastLine {
    int idFrom;
    int idTo;
    boolean crypto;
    int scenarioFrom;
    int scenarioTo;

    void putInto(Table table, byte[] b) {
      table.put(b, idFrom, idTo, table.number(crypto, b, scenarioFrom, scenarioTo));
    }
  }

  /**
   * Parses a line in the generator's form (ids and scenarios plain ASCII) that starts at {@code
   * from} and ends before {@code limit}: returns the index after its closing brace, with its parts
   * in {@code out}, or -1 for anything else.
   */
  private static int parse(byte[] b, int from, int limit, FastLine out) {
    if (!startsWith(b, from, limit, ID_PREFIX)) {
      return -1;
    }
    int idFrom = from + ID_PREFIX.length;
    int i = plainEnd(b, idFrom, limit);
    int idTo = i;
    if (!startsWith(b, i, limit, CRYPTO)) {
      return -1;
    }
    i += CRYPTO.length;
    boolean crypto;
    if (startsWith(b, i, limit, TRUE)) {
      crypto = true;
      i += TRUE.length;
    } else if (startsWith(b, i, limit, FALSE)) {
      crypto = false;
      i += FALSE.length;
    } else {
      return -1;
    }
    int sFrom = -1;
    int sTo = -1;
    if (startsWith(b, i, limit, SCENARIO)) {
      sFrom = i + SCENARIO.length;
      sTo = plainEnd(b, sFrom, limit);
      if (sTo >= limit || b[sTo] != '"') {
        return -1;
      }
      i = sTo + 1;
    }
    if (i >= limit || b[i] != '}') {
      return -1;
    }
    out.idFrom = idFrom;
    out.idTo = idTo;
    out.crypto = crypto;
    out.scenarioFrom = sFrom;
    out.scenarioTo = sTo;
    return i + 1;
  }

  private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
    if (to - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where a run of printable ASCII without quotes or backslashes starting at {@code at} ends. */
  private static int plainEnd(byte[] b, int at, int to) {
    while (at < to) {
      byte c = b[at];
      if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
        break;
      }
      at++;
    }
    return at;
  }

  /** A line in any other form, parsed with Jackson; false when it is not a label. */
  private static boolean parsed(Table table, String line) {
    String id = null;
    Boolean crypto = null;
    String scenario = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken token = parser.nextToken();
          if (name.equals("transactionId") && token == JsonToken.VALUE_STRING) {
            id = parser.getText();
          } else if (name.equals("crypto") && token.isBoolean()) {
            crypto = token == JsonToken.VALUE_TRUE;
          } else if (name.equals("scenario") && token == JsonToken.VALUE_STRING) {
            scenario = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      id = null;
    }
    if (id == null || crypto == null) {
      return false;
    }
    table.put(id, crypto, scenario);
    return true;
  }

  /**
   * The label of a transaction, or null. Fastest when asked in the file's order (a replay asks in
   * the payments' order, which is usually the labels'). Not thread-safe: one reader at a time.
   */
  public @Nullable Label of(String transactionId) {
    return table.get(transactionId);
  }

  public boolean isEmpty() {
    return table.size() == 0;
  }

  public long badLines() {
    return badLines;
  }

  /**
   * Ids to labels. ASCII ids live in one byte array, in the order first read ({@code
   * [length:4][label number:2][bytes]} each), indexed by an open-addressing table of offsets,
   * hashes ({@link String#hashCode}, which for ASCII is the hash of the bytes) and label numbers;
   * other ids in a plain map. A given id always goes to the same side, so a later line for it
   * replaces the earlier, as a map would (in the table and in the array).
   *
   * <p>Look-ups in file order take the array in sequence: {@link #get} first tries the id after the
   * last one found, and only on a miss hashes and probes the table (two or three cache misses on a
   * million labels), which then moves the cursor to the id it found.
   */
  static final class Table {
    private static final int HEADER = 6;
    private byte[] arena;
    private int used;
    private int[] offsets = new int[1 << 10]; // offset + 1; 0 = empty
    private int[] hashes = new int[1 << 10];
    private char[] values = new char[1 << 10];
    private int entries;
    // Offset in the arena of the id after the last one get found.
    private int cursor;
    private final List<Label> labels = new ArrayList<>();
    private final Map<Label, Integer> numbers = new HashMap<>();
    private final Map<String, Label> other = new HashMap<>();
    // Label numbers + 1 by a hash of (crypto, scenario bytes), for labels with ASCII scenarios.
    private int[] labelSlots = new int[64];
    private int indexedLabels;

    Table(int arenaCapacity) {
      arena = new byte[arenaCapacity];
    }

    int size() {
      return entries + other.size();
    }

    private char number(boolean crypto, @Nullable String scenario) {
      Label label = new Label(crypto, scenario);
      Integer n = numbers.get(label);
      if (n == null) {
        n = add(label);
      }
      return (char) n.intValue();
    }

    /**
     * The number of the label with an ASCII scenario given as bytes {@code from..to} ({@code from}
     * -1: none), found without building the label: a line in the generator's form costs no
     * allocation here.
     */
    char number(boolean crypto, byte[] b, int from, int to) {
      int mask = labelSlots.length - 1;
      for (int slot = spread(labelHash(crypto, b, from, to)) & mask; ; slot = (slot + 1) & mask) {
        int n = labelSlots[slot] - 1;
        if (n < 0) {
          break;
        }
        Label label = labels.get(n);
        if (label.crypto() == crypto && sameScenario(label.scenario(), b, from, to)) {
          return (char) n;
        }
      }
      String scenario = from < 0 ? null : new String(b, from, to - from, StandardCharsets.US_ASCII);
      Label label = new Label(crypto, scenario);
      Integer n = numbers.get(label);
      return (char) (n != null ? n : add(label));
    }

    private static boolean sameScenario(@Nullable String scenario, byte[] b, int from, int to) {
      if (from < 0 || scenario == null) {
        return from < 0 && scenario == null;
      }
      if (scenario.length() != to - from) {
        return false;
      }
      for (int i = 0; i < scenario.length(); i++) {
        if (scenario.charAt(i) != b[from + i]) {
          return false;
        }
      }
      return true;
    }

    private int add(Label label) {
      int n = labels.size();
      if (n > Character.MAX_VALUE) {
        throw new IllegalStateException("more than 65,536 distinct labels");
      }
      labels.add(label);
      numbers.put(label, n);
      if (indexed(label)) {
        if (2 * ++indexedLabels > labelSlots.length) {
          labelSlots = new int[labelSlots.length * 2];
          for (int m = 0; m < n; m++) {
            if (indexed(labels.get(m))) {
              indexLabel(m);
            }
          }
        }
        indexLabel(n);
      }
      return n;
    }

    /** Whether the byte path can meet the label: its scenario is absent or ASCII. */
    private static boolean indexed(Label label) {
      return label.scenario() == null || isAscii(label.scenario());
    }

    /**
     * The hash a label is filed under: its crypto flag and its scenario's bytes ({@code from} -1:
     * none).
     */
    private static int labelHash(boolean crypto, byte @Nullable [] b, int from, int to) {
      int h = crypto ? 1 : 0;
      if (b != null && from >= 0) {
        for (int i = from; i < to; i++) {
          h = 31 * h + b[i];
        }
        h = 31 * h + 2;
      }
      return h;
    }

    private void indexLabel(int n) {
      Label label = labels.get(n);
      byte[] scenario =
          label.scenario() == null ? null : label.scenario().getBytes(StandardCharsets.US_ASCII);
      int h =
          scenario == null
              ? labelHash(label.crypto(), null, -1, -1)
              : labelHash(label.crypto(), scenario, 0, scenario.length);
      int mask = labelSlots.length - 1;
      int slot = spread(h) & mask;
      while (labelSlots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      labelSlots[slot] = n + 1;
    }

    private static int spread(int h) {
      h *= 0x9E3779B9;
      return h ^ (h >>> 16);
    }

    /** Puts an id given as ASCII bytes {@code from..to}, with its label's number. */
    void put(byte[] b, int from, int to, char value) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + b[i];
      }
      int mask = offsets.length - 1;
      for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
        int at = offsets[slot] - 1;
        if (at < 0) {
          break;
        }
        if (hashes[slot] == h && sameBytes(at, b, from, to)) {
          values[slot] = value;
          setNumberAt(at, value);
          return;
        }
      }
      int length = to - from;
      if (used + HEADER + length > arena.length) {
        long grown =
            Math.max((long) arena.length + (arena.length >> 1), (long) used + HEADER + length);
        if (grown > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("labels file too large");
        }
        arena = Arrays.copyOf(arena, (int) grown);
      }
      int at = used;
      arena[at] = (byte) (length >>> 24);
      arena[at + 1] = (byte) (length >>> 16);
      arena[at + 2] = (byte) (length >>> 8);
      arena[at + 3] = (byte) length;
      setNumberAt(at, value);
      System.arraycopy(b, from, arena, at + HEADER, length);
      used += HEADER + length;
      insert(h, at, value);
      entries++;
      if (entries * 2 > offsets.length) {
        rehash();
      }
    }

    /**
     * Sizes the index for about {@code entries} ids up front, so that loading a large file does not
     * rehash it again and again; only before the first id.
     */
    void expect(long entries) {
      if (this.entries > 0) {
        return;
      }
      int capacity = offsets.length;
      // At most 8M slots (80 MB) up front: a larger file grows the index as it loads.
      while (capacity < 2 * entries && capacity < 1 << 23) {
        capacity *= 2;
      }
      if (capacity > offsets.length) {
        offsets = new int[capacity];
        hashes = new int[capacity];
        values = new char[capacity];
      }
    }

    private void insert(int h, int at, char value) {
      int mask = offsets.length - 1;
      int slot = spread(h) & mask;
      while (offsets[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      offsets[slot] = at + 1;
      hashes[slot] = h;
      values[slot] = value;
    }

    private void rehash() {
      int[] oldOffsets = offsets;
      int[] oldHashes = hashes;
      char[] oldValues = values;
      offsets = new int[oldOffsets.length * 2];
      hashes = new int[oldOffsets.length * 2];
      values = new char[oldOffsets.length * 2];
      for (int i = 0; i < oldOffsets.length; i++) {
        if (oldOffsets[i] != 0) {
          insert(oldHashes[i], oldOffsets[i] - 1, oldValues[i]);
        }
      }
    }

    private int lengthAt(int at) {
      return (arena[at] & 0xFF) << 24
          | (arena[at + 1] & 0xFF) << 16
          | (arena[at + 2] & 0xFF) << 8
          | (arena[at + 3] & 0xFF);
    }

    private char numberAt(int at) {
      return (char) ((arena[at + 4] & 0xFF) << 8 | (arena[at + 5] & 0xFF));
    }

    private void setNumberAt(int at, char value) {
      arena[at + 4] = (byte) (value >>> 8);
      arena[at + 5] = (byte) value;
    }

    private boolean sameBytes(int at, byte[] b, int from, int to) {
      if (lengthAt(at) != to - from) {
        return false;
      }
      return Arrays.equals(arena, at + HEADER, at + HEADER + (to - from), b, from, to);
    }

    /** Puts an id parsed from JSON. */
    void put(String id, boolean crypto, @Nullable String scenario) {
      if (isAscii(id)) {
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        put(b, 0, b.length, number(crypto, scenario));
      } else {
        Label label = labels.get(number(crypto, scenario));
        other.put(id, label);
      }
    }

    private static boolean isAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
    }

    @Nullable Label get(String id) {
      if (entries > 0) {
        int n = id.length();
        int at = cursor;
        if (at < used && lengthAt(at) == n && sameChars(at + HEADER, id)) {
          cursor = at + HEADER + n;
          return labels.get(numberAt(at));
        }
        int h = id.hashCode();
        int mask = offsets.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
          at = offsets[slot] - 1;
          if (at < 0) {
            break;
          }
          if (hashes[slot] == h && lengthAt(at) == n && sameChars(at + HEADER, id)) {
            cursor = at + HEADER + n;
            return labels.get(values[slot]);
          }
        }
      }
      return other.isEmpty() ? null : other.get(id);
    }

    private boolean sameChars(int at, String id) {
      for (int i = 0, n = id.length(); i < n; i++) {
        if (arena[at + i] != id.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }
}
