package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.screener.avro.CryptoQuote;
import io.screener.avro.PaymentEvent;
import io.screener.serialization.AvroBodyCheck;
import io.screener.serialization.AvroJson;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * Streams records of one Avro type from a file, one at a time, in the format its name says: JSON
 * Lines ({@code .jsonl}: {@link AvroJson} form), CSV with a header row of field names ({@code
 * .csv}), or an Avro object container file ({@code .avro}); each optionally gzipped ({@code .gz}).
 * A line that is not a record comes back with its error instead of stopping the read; so does a
 * line longer than {@link Limits#maxLineBytes}, or a CSV row whose quoted cell does not close
 * within {@link Limits#maxRecordBytes}, so that neither a huge line nor a decompression bomb can
 * fill the heap. An unreadable file (missing, truncated stream, corrupt container) throws {@link
 * IOException}.
 */
public abstract class RecordReader<T extends SpecificRecord> implements Closeable {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** An input format, chosen by file name. */
  public enum Format {
    JSONL,
    CSV,
    AVRO
  }

  /**
   * How much one record may take. A longer line, or a CSV row whose quoted line breaks take it past
   * {@code maxRecordBytes}, is a bad record; the reader holds at most about twice {@code
   * maxLineBytes} plus {@code maxRecordBytes} of input at a time.
   *
   * @param maxLineBytes the longest line, in bytes (JSON Lines and CSV)
   * @param maxRecordBytes the longest CSV row, in bytes, over all its lines
   */
  public record Limits(int maxLineBytes, int maxRecordBytes) {
    /** 1 MiB a line, 4 MiB a CSV row. */
    public static final Limits DEFAULT = new Limits(1 << 20, 4 << 20);

    public Limits {
      if (maxLineBytes < 1) {
        throw new IllegalArgumentException("max line bytes must be positive, was " + maxLineBytes);
      }
      if (maxRecordBytes < maxLineBytes) {
        throw new IllegalArgumentException(
            "max record bytes ("
                + maxRecordBytes
                + ") must be at least max line bytes ("
                + maxLineBytes
                + ")");
      }
    }
  }

  private final CountingStream counted;
  private final long size;

  RecordReader(CountingStream counted, long size) {
    this.counted = counted;
    this.size = size;
  }

  /** The format a file name names, or null when it names none. */
  public static @Nullable Format formatOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Format.JSONL;
    }
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    if (name.endsWith(".avro")) {
      return Format.AVRO;
    }
    return null;
  }

  /** Opens a file for reading records of {@code type}, within the {@link Limits#DEFAULT} limits. */
  public static <T extends SpecificRecord> RecordReader<T> open(Path path, Class<T> type)
      throws IOException {
    return open(path, type, Limits.DEFAULT);
  }

  /** Opens a file for reading records of {@code type}; longer lines and rows are bad records. */
  public static <T extends SpecificRecord> RecordReader<T> open(
      Path path, Class<T> type, Limits limits) throws IOException {
    Format format = formatOf(path);
    if (format == null) {
      throw new IOException(
          path + ": unknown format (expected .jsonl, .csv or .avro, optionally .gz)");
    }
    long size = Files.size(path);
    CountingStream counted = new CountingStream(Files.newInputStream(path));
    InputStream in = new BufferedInputStream(counted, 1 << 16);
    if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    try {
      switch (format) {
        case JSONL:
          return new JsonLines<>(counted, size, new Lines(in, limits.maxLineBytes()), type);
        case CSV:
          return new Csv<>(
              counted, size, new Lines(in, limits.maxLineBytes()), type, limits.maxRecordBytes());
        default:
          return new Avro<>(counted, size, new AvroFraming(in, limits.maxRecordBytes()), type);
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The next record, or null at the end of the file. */
  public abstract @Nullable InputRecord<T> next() throws IOException;

  /** Bytes of the file read so far (compressed bytes for a gzipped file). */
  public long bytesRead() {
    return counted.count;
  }

  /** The file's size in bytes. */
  public long size() {
    return size;
  }

  /**
   * Reads the {@code crypto} and {@code scenario} labels a JSON line may carry beside the record.
   */
  static @Nullable Object[] labelsOf(String line) {
    Boolean crypto = null;
    String scenario = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new @Nullable Object[] {null, null};
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (name.equals("crypto") && token.isBoolean()) {
          crypto = token == JsonToken.VALUE_TRUE;
        } else if (name.equals("scenario") && token == JsonToken.VALUE_STRING) {
          scenario = parser.getText().intern();
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      // The record itself failed to parse, or will, and says why; labels are a best effort.
    }
    return new @Nullable Object[] {crypto, scenario};
  }

  /**
   * JSON Lines, split by {@link Lines}, each line decoded as UTF-8 (malformed bytes become U+FFFD,
   * as a UTF-8 reader makes them). A payment line in its canonical form is decoded straight from
   * its bytes and kept as them ({@link ReplayJson#canonicalPayment}); any other line is made text
   * and decoded as before.
   */
  private static final class JsonLines<T extends SpecificRecord> extends RecordReader<T> {
    private final Lines lines;
    private final Class<T> type;
    private final boolean payments;
    private final boolean quotes;
    private final ReplayJson.Strings strings = new ReplayJson.Strings();
    private long line;

    JsonLines(CountingStream counted, long size, Lines lines, Class<T> type) {
      super(counted, size);
      this.lines = lines;
      this.type = type;
      this.payments = type == PaymentEvent.class;
      this.quotes = type == CryptoQuote.class;
    }

    @Override
    public @Nullable InputRecord<T> next() throws IOException {
      String text;
      do {
        if (!lines.next()) {
          return null;
        }
        line++;
        if (lines.tooLong) {
          return new InputRecord<>(line, lines.kept(), null, lines.tooLongReason(), null, null);
        }
        byte[] buffer = lines.buffer;
        if (payments) {
          PaymentEvent payment = ReplayJson.canonicalPayment(buffer, lines.from, lines.to, strings);
          if (payment != null) {
            byte[] json = Arrays.copyOfRange(buffer, lines.from, lines.to);
            return new InputRecord<>(line, null, type.cast(payment), null, null, null, json);
          }
        }
        text = new String(buffer, lines.from, lines.to - lines.from, StandardCharsets.UTF_8);
        if (quotes) {
          CryptoQuote quote = ReplayJson.canonicalQuote(buffer, lines.from, lines.to);
          if (quote != null) {
            return new InputRecord<>(line, text, type.cast(quote), null, null, null);
          }
        }
      } while (text.isBlank());
      Boolean crypto = null;
      String scenario = null;
      if (text.contains("\"crypto\"") || text.contains("\"scenario\"")) {
        @Nullable Object[] labels = labelsOf(text);
        crypto = (Boolean) labels[0];
        scenario = (String) labels[1];
      }
      try {
        return new InputRecord<>(line, text, ReplayJson.decode(text, type), null, crypto, scenario);
      } catch (IllegalArgumentException e) {
        return new InputRecord<>(
            line,
            text,
            null,
            Objects.requireNonNullElse(e.getMessage(), e.toString()),
            crypto,
            scenario);
      }
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  /**
   * Splits a stream into lines on bytes, as {@link BufferedReader#readLine} splits text (at LF, CR
   * or CR LF), and never holds more than about twice {@code max} bytes: a line longer than that is
   * read past to its end and comes back {@link #tooLong}, with only its first bytes {@link #kept}.
   */
  static final class Lines {
    private static final int KEPT = 256;

    private final InputStream in;
    private final int max;

    /** The current line is {@code buffer[from..to)}, unless it is {@link #tooLong}. */
    byte[] buffer = new byte[1 << 16];

    int from;
    int to;
    boolean tooLong;
    private byte[] kept = new byte[0];
    private int position;
    private int limit;
    private boolean eof;
    // The last line ended with CR: an LF right after it ends nothing.
    private boolean afterCr;

    Lines(InputStream in, int max) {
      this.in = in;
      this.max = max;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
      tooLong = false;
      int scanned = position;
      while (true) {
        if (afterCr && position < limit) {
          afterCr = false;
          if (buffer[position] == '\n') {
            position++;
            scanned = position;
          }
        }
        for (int i = scanned; i < limit; i++) {
          byte c = buffer[i];
          if (c == '\n' || c == '\r') {
            line(i);
            position = i + 1;
            afterCr = c == '\r';
            return true;
          }
        }
        if (eof) {
          if (position < limit) {
            line(limit);
            position = limit;
            return true;
          }
          return false;
        }
        if (limit - position > max) {
          skipLine();
          return true;
        }
        scanned = fill();
      }
    }

    /**
     * Makes {@code buffer[position..end)} the current line, or keeps its first bytes if it is too
     * long.
     */
    private void line(int end) {
      if (end - position > max) {
        keep(end);
      } else {
        from = position;
        to = end;
      }
    }

    private void keep(int end) {
      kept = Arrays.copyOfRange(buffer, position, position + Math.min(KEPT, end - position));
      tooLong = true;
      from = 0;
      to = 0;
    }

    /** The first bytes of a line that is too long, as text. */
    String kept() {
      return new String(kept, StandardCharsets.UTF_8) + "...";
    }

    String tooLongReason() {
      return "line is longer than " + max + " bytes";
    }

    /** Keeps the current line's first bytes and reads past the rest of it. */
    private void skipLine() throws IOException {
      keep(limit);
      position = limit;
      while (!eof) {
        int scanned = fill();
        for (int i = scanned; i < limit; i++) {
          byte c = buffer[i];
          if (c == '\n' || c == '\r') {
            position = i + 1;
            afterCr = c == '\r';
            return;
          }
        }
        position = limit;
      }
    }

    /**
     * Reads more input behind what is left of the buffer; returns where the unscanned bytes start.
     */
    private int fill() throws IOException {
      int left = limit - position;
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, left);
      } else if (left == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      position = 0;
      limit = left;
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
      return left;
    }

    void close() throws IOException {
      in.close();
    }
  }

  /**
   * CSV (RFC 4180: quoted fields may hold commas, quotes as {@code ""} and line breaks). Each row
   * becomes the record's JSON form, so values are read exactly as in JSON Lines: an empty cell is
   * null for an optional field and the empty string for a required string. A quoted cell that does
   * not close by the end of the file, or within {@code maxRecordBytes}, is an unterminated quote:
   * the row ends at its first line and is a bad record, and the lines after it are read again as
   * rows of their own, so one stray quote costs one row, not the rest of the file.
   */
  private static final class Csv<T extends SpecificRecord> extends RecordReader<T> {
    private final Lines lines;
    private final int maxRecordBytes;
    // Lines an unterminated quote took in, to be read again as rows.
    private final ArrayDeque<Line> again = new ArrayDeque<>();
    private final Class<T> type;
    private final Schema schema;
    private final List<String> header;
    private long line;

    /**
     * One physical line: its number, text and length in bytes, or its first bytes when too long.
     */
    private record Line(long number, String text, int bytes, boolean tooLong) {}

    /** One row: its cells, or why it is not a row; its first line's number and its raw text. */
    private record Row(
        long line, String raw, @Nullable List<String> cells, @Nullable String error) {}

    Csv(CountingStream counted, long size, Lines lines, Class<T> type, int maxRecordBytes)
        throws IOException {
      super(counted, size);
      this.lines = lines;
      this.maxRecordBytes = maxRecordBytes;
      this.type = type;
      this.schema = SpecificData.getForClass(type).getSchema(type);
      Row row = readRow();
      if (row == null) {
        throw new IOException("empty CSV file: no header row");
      }
      if (row.error() != null) {
        throw new IOException("CSV header row: " + row.error());
      }
      List<String> names =
          Objects.requireNonNull(row.cells(), "the cells of a row read without error");
      if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
        names.set(0, names.get(0).substring(1));
      }
      this.header = names.stream().map(String::trim).toList();
    }

    @Override
    public @Nullable InputRecord<T> next() throws IOException {
      Row row;
      do {
        row = readRow();
        if (row == null) {
          return null;
        }
      } while (row.cells() != null && row.cells().size() == 1 && row.cells().get(0).isBlank());
      long first = row.line();
      String text = row.raw();
      if (row.error() != null) {
        return new InputRecord<>(first, text, null, row.error(), null, null);
      }
      List<String> cells =
          Objects.requireNonNull(row.cells(), "the cells of a row read without error");
      Boolean crypto = null;
      String scenario = null;
      StringWriter json = new StringWriter(256);
      try (JsonGenerator out = JSON.createGenerator(json)) {
        out.writeStartObject();
        for (int i = 0; i < header.size(); i++) {
          String name = header.get(i);
          String cell = i < cells.size() ? cells.get(i) : "";
          Schema.Field field = schema.getField(name);
          if (field == null) {
            if (name.equals("crypto") && !cell.isBlank()) {
              crypto = Boolean.parseBoolean(cell.trim());
            } else if (name.equals("scenario") && !cell.isEmpty()) {
              scenario = cell.intern();
            }
            continue;
          }
          writeCell(out, name, cell, field.schema());
        }
        out.writeEndObject();
      }
      if (cells.size() > header.size()) {
        return new InputRecord<>(
            first,
            text,
            null,
            "row has " + cells.size() + " cells, header has " + header.size(),
            crypto,
            scenario);
      }
      try {
        return new InputRecord<>(
            first, text, ReplayJson.decode(json.toString(), type), null, crypto, scenario);
      } catch (IllegalArgumentException e) {
        return new InputRecord<>(
            first,
            text,
            null,
            Objects.requireNonNullElse(e.getMessage(), e.toString()),
            crypto,
            scenario);
      }
    }

    private static void writeCell(JsonGenerator out, String name, String cell, Schema schema)
        throws IOException {
      boolean nullable = false;
      Schema type = schema;
      if (schema.getType() == Schema.Type.UNION) {
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() == Schema.Type.NULL) {
            nullable = true;
          } else {
            type = branch;
          }
        }
      }
      if (cell.isEmpty()) {
        if (nullable) {
          out.writeNullField(name);
        } else if (type.getType() == Schema.Type.STRING) {
          out.writeStringField(name, "");
        }
        return;
      }
      out.writeFieldName(name);
      switch (type.getType()) {
        case INT:
        case LONG:
          try {
            out.writeNumber(Long.parseLong(cell.trim()));
          } catch (NumberFormatException e) {
            out.writeString(cell);
          }
          return;
        case FLOAT:
        case DOUBLE:
          try {
            out.writeNumber(Double.parseDouble(cell.trim()));
          } catch (NumberFormatException e) {
            out.writeString(cell);
          }
          return;
        case BOOLEAN:
          if (cell.trim().equalsIgnoreCase("true") || cell.trim().equalsIgnoreCase("false")) {
            out.writeBoolean(Boolean.parseBoolean(cell.trim()));
          } else {
            out.writeString(cell);
          }
          return;
        default:
          out.writeString(cell);
      }
    }

    /** Reads one row; null at the end of the file. */
    private @Nullable Row readRow() throws IOException {
      Line first = readLine();
      if (first == null) {
        return null;
      }
      if (first.tooLong()) {
        return new Row(first.number(), first.text(), null, lines.tooLongReason());
      }
      List<Line> more = null;
      long bytes = first.bytes();
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      String text = first.text();
      int i = 0;
      while (true) {
        if (i == text.length()) {
          if (!quoted) {
            break;
          }
          Line next = readLine();
          if (more == null) {
            more = new ArrayList<>();
          }
          String unterminated = null;
          if (next == null) {
            unterminated = "unterminated quote: the file ends inside a quoted cell";
          } else {
            more.add(next);
            bytes += 1 + next.bytes();
            if (next.tooLong() || bytes > maxRecordBytes) {
              unterminated =
                  "unterminated quote: a quoted cell runs past " + maxRecordBytes + " bytes";
            }
          }
          if (unterminated != null) {
            for (int k = more.size() - 1; k >= 0; k--) {
              again.addFirst(more.get(k));
            }
            return new Row(first.number(), first.text(), null, unterminated);
          }
          text = Objects.requireNonNull(next, "the line a quoted cell runs on to").text();
          cell.append('\n');
          i = 0;
          continue;
        }
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            cell.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      cells.add(cell.toString());
      String raw = first.text();
      if (more != null) {
        StringBuilder all = new StringBuilder(raw);
        for (Line l : more) {
          all.append('\n').append(l.text());
        }
        raw = all.toString();
      }
      return new Row(first.number(), raw, cells, null);
    }

    /** The next physical line: one read again, or the input's next. */
    private @Nullable Line readLine() throws IOException {
      Line again = this.again.pollFirst();
      if (again != null) {
        return again;
      }
      if (!lines.next()) {
        return null;
      }
      line++;
      if (lines.tooLong) {
        return new Line(line, lines.kept(), 0, true);
      }
      int length = lines.to - lines.from;
      return new Line(
          line,
          new String(lines.buffer, lines.from, length, StandardCharsets.UTF_8),
          length,
          false);
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  /**
   * An Avro container, read a block at a time. Each block's records are walked against the writer
   * schema ({@link AvroBodyCheck}) before any is decoded: Avro allocates a string or array of
   * whatever length the data claims, so one corrupt length would otherwise run the heap out.
   */
  private static final class Avro<T extends SpecificRecord> extends RecordReader<T> {
    private final DataFileStream<T> stream;
    private final SpecificDatumReader<T> reader;
    private @Nullable BinaryDecoder block;
    private long leftInBlock;
    private long record;

    Avro(CountingStream counted, long size, InputStream in, Class<T> type) throws IOException {
      super(counted, size);
      this.reader = new SpecificDatumReader<>(type);
      try {
        this.stream = new DataFileStream<>(in, reader);
      } catch (RuntimeException e) {
        // A corrupt header (a count past Avro's limits, a bad or missing schema) is an unreadable
        // file too.
        throw new IOException("corrupt Avro container header: " + e, e);
      }
    }

    @Override
    public @Nullable InputRecord<T> next() throws IOException {
      try {
        while (leftInBlock == 0) {
          if (!stream.hasNext()) {
            return null;
          }
          long count = stream.getBlockCount();
          ByteBuffer buffer = stream.nextBlock();
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          String problem = AvroBodyCheck.blockProblem(stream.getSchema(), bytes, count);
          if (problem != null) {
            throw new IOException("corrupt Avro container after record " + record + ": " + problem);
          }
          block = DecoderFactory.get().binaryDecoder(bytes, block);
          leftInBlock = count;
        }
        leftInBlock--;
        record++;
        T value = reader.read(null, Objects.requireNonNull(block, "a block was read"));
        return new InputRecord<>(record, null, value, null, null, null);
      } catch (RuntimeException e) {
        // Avro's decoder reports corrupt data in many ways (an enum index out of range throws
        // ArrayIndexOutOfBoundsException); past a corrupt record the block cannot be trusted.
        throw new IOException("corrupt Avro container after record " + record + ": " + e, e);
      }
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  /**
   * Follows an Avro object container's framing as its bytes go by (the header's metadata entries,
   * then each block's record count, size, data and sync marker) and fails the read with an {@link
   * IOException} when a length it announces is negative or larger than {@code max}: Avro allocates
   * a block's, or a metadata value's, announced size before reading it, so a few corrupt bytes
   * could otherwise ask for gigabytes. A block is the unit here, not a record: it holds whole
   * records.
   */
  static final class AvroFraming extends FilterInputStream {
    private enum State {
      MAGIC,
      ENTRIES,
      ENTRIES_SIZE,
      KEY,
      VALUE,
      HEADER_SYNC,
      COUNT,
      SIZE,
      DATA,
      SYNC
    }

    private final long max;
    private State state = State.MAGIC;
    private long skip = 4;
    private long entries;
    // The variable-length zig-zag number being read: its value so far and its bits.
    private long number;
    private int shift;

    AvroFraming(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        follow((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      for (int i = off; i < off + n; i++) {
        if (skip > 0) {
          long jump = Math.min(skip, off + n - i);
          skip -= jump;
          i += (int) jump - 1;
          if (skip == 0) {
            skipped();
          }
          continue;
        }
        follow(b[i]);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Read rather than skip, so that every byte is followed.
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }

    private void follow(byte b) throws IOException {
      if (skip > 0) {
        if (--skip == 0) {
          skipped();
        }
        return;
      }
      if (shift > 63) {
        throw new IOException("corrupt Avro container: a length runs past 10 bytes");
      }
      number |= (long) (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) != 0) {
        return;
      }
      long value = (number >>> 1) ^ -(number & 1);
      number = 0;
      shift = 0;
      counted(value);
    }

    /** A number of the framing has been read. */
    private void counted(long value) throws IOException {
      switch (state) {
        case ENTRIES -> {
          if (value == 0) {
            state = State.HEADER_SYNC;
            skip = 16;
          } else {
            entries = Math.abs(value);
            state = value < 0 ? State.ENTRIES_SIZE : State.KEY;
          }
        }
        case ENTRIES_SIZE -> state = State.KEY;
        case KEY, VALUE -> {
          skip = length(value, "header entry");
          if (skip == 0) {
            skipped();
          }
        }
        case COUNT -> state = State.SIZE;
        case SIZE -> {
          state = State.DATA;
          skip = length(value, "block");
          if (skip == 0) {
            skipped();
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }

    /** The bytes of the current part have gone by. */
    private void skipped() {
      switch (state) {
        case MAGIC -> state = State.ENTRIES;
        case KEY -> state = State.VALUE;
        case VALUE -> state = --entries == 0 ? State.ENTRIES : State.KEY;
        case DATA -> {
          state = State.SYNC;
          skip = 16;
        }
        case HEADER_SYNC, SYNC -> state = State.COUNT;
        default -> throw new IllegalStateException(state.name());
      }
    }

    private long length(long value, String what) throws IOException {
      if (value < 0 || value > max) {
        throw new IOException(
            "corrupt Avro container: a " + what + " of " + value + " bytes (at most " + max + ")");
      }
      return value;
    }
  }

  /** Counts the bytes read from the file itself, for progress and ETA. */
  static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    // One thread reads and counts; the progress line only reads the count.
    @SuppressWarnings("NonAtomicVolatileUpdate")
    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, as above
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
