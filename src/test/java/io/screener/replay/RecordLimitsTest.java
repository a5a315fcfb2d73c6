package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CryptoQuote;
import io.screener.avro.PaymentEvent;
import io.screener.fixtures.Payments;
import io.screener.serialization.AvroJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay's readers hold at most a bounded line and record: a longer line, a decompression bomb
 * and an unterminated CSV quote each cost one bad record, and the rows after them are still read.
 */
class RecordLimitsTest {
  // A hang guard only: each case reads a few MiB.
  private static final Duration GUARD = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static String payment(String id) {
    return AvroJson.toJson(Payments.grocery().id(id).build());
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> List<InputRecord<T>> readAll(
      Path file, Class<T> type, RecordReader.Limits limits) throws IOException {
    List<InputRecord<T>> records = new ArrayList<>();
    try (RecordReader<T> reader = RecordReader.open(file, type, limits)) {
      InputRecord<T> record;
      while ((record = reader.next()) != null) {
        records.add(record);
      }
    }
    return records;
  }

  @Test
  void shouldDeadLetterALineLongerThanTheLimitAndReadTheLinesAfterIt() throws IOException {
    Path file = dir.resolve("long.jsonl");
    byte[] huge = new byte[10 << 20];
    Arrays.fill(huge, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write((payment("tx-1") + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(huge);
      out.write(("\r\n" + payment("tx-2") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    List<InputRecord<PaymentEvent>> records =
        assertTimeoutPreemptively(
            GUARD, () -> readAll(file, PaymentEvent.class, RecordReader.Limits.DEFAULT));

    assertEquals(3, records.size());
    assertEquals("tx-1", records.get(0).value().getTransactionId());
    InputRecord<PaymentEvent> bad = records.get(1);
    assertEquals(2, bad.line());
    assertNull(bad.value());
    assertEquals("line is longer than 1048576 bytes", bad.error());
    assertEquals("x".repeat(256) + "...", bad.input());
    assertEquals(3, records.get(2).line());
    assertEquals("tx-2", records.get(2).value().getTransactionId());
  }

  @Test
  void shouldReadPastAGzipBombAsOneBadLine() throws IOException {
    Path file = dir.resolve("bomb.jsonl.gz");
    byte[] zeros = new byte[1 << 20];
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((payment("tx-1") + "\n").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 64; i++) {
        out.write(zeros);
      }
      out.write(("\n" + payment("tx-2") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(Files.size(file) < 200_000, "the bomb is small: " + Files.size(file));
    RecordReader.Limits limits = new RecordReader.Limits(1 << 16, 1 << 16);

    List<InputRecord<PaymentEvent>> records =
        assertTimeoutPreemptively(GUARD, () -> readAll(file, PaymentEvent.class, limits));

    assertEquals(3, records.size());
    assertEquals("tx-1", records.get(0).value().getTransactionId());
    assertEquals("line is longer than 65536 bytes", records.get(1).error());
    assertEquals("tx-2", records.get(2).value().getTransactionId());
  }

  @Test
  void shouldEndAnUnterminatedCsvQuoteAtItsLineAndReadTheRowsAfterIt() throws IOException {
    Path file = dir.resolve("quotes.csv");
    Files.writeString(
        file,
        "pair,price,eventTime\n"
            + "\"USDT/CNY,7.1,1772416800000\n"
            + "USDT/CNY,7.2,1772416800000\n"
            + "BTC/CNY,500000,1772416800000\n"
            + "USDT/CNY,7.3,1772416800000\n");

    List<InputRecord<CryptoQuote>> records =
        assertTimeoutPreemptively(
            GUARD, () -> readAll(file, CryptoQuote.class, RecordReader.Limits.DEFAULT));

    assertEquals(4, records.size());
    assertEquals(2, records.get(0).line());
    assertEquals("unterminated quote: the file ends inside a quoted cell", records.get(0).error());
    assertEquals("\"USDT/CNY,7.1,1772416800000", records.get(0).input());
    assertEquals(
        List.of(3L, 4L, 5L), records.subList(1, 4).stream().map(InputRecord::line).toList());
    assertEquals(
        List.of(7.2, 500000.0, 7.3),
        records.subList(1, 4).stream().map(r -> r.value().getPrice()).toList());
  }

  @Test
  void shouldEndAQuotedCellThatRunsPastTheRecordLimit() throws IOException {
    Path file = dir.resolve("long-quote.csv");
    StringBuilder csv = new StringBuilder("pair,price,eventTime\n\"USDT/CNY,7.1,1772416800000\n");
    for (int i = 0; i < 100; i++) {
      csv.append("USDT/CNY,").append(i + 1).append(",1772416800000\n");
    }
    csv.append("USDT/CNY,\"7.5\",1772416800000\n");
    Files.writeString(file, csv);
    RecordReader.Limits limits = new RecordReader.Limits(100, 1000);

    List<InputRecord<CryptoQuote>> records = readAll(file, CryptoQuote.class, limits);

    assertEquals(102, records.size());
    assertEquals("unterminated quote: a quoted cell runs past 1000 bytes", records.get(0).error());
    for (int i = 1; i <= 100; i++) {
      assertEquals(i, records.get(i).value().getPrice(), "row " + i);
    }
    // A quoted cell after them reads as ever.
    assertEquals(7.5, records.get(101).value().getPrice());
  }

  @Test
  void shouldStillReadQuotedLineBreaksWithinTheRecordLimit() throws IOException {
    Path file = dir.resolve("multi.csv");
    Files.writeString(
        file, "pair,price,eventTime\n\"USDT/\nCNY\",7.1,1772416800000\nBTC/CNY,1,1772416800000\n");

    List<InputRecord<CryptoQuote>> records =
        readAll(file, CryptoQuote.class, new RecordReader.Limits(100, 1000));

    assertEquals(2, records.size());
    assertEquals("USDT/\nCNY", records.get(0).value().getPair());
    assertEquals(4, records.get(1).line());
  }

  @Test
  void shouldRefuseAnAvroBlockLargerThanTheRecordLimitBeforeAllocatingIt() throws IOException {
    ByteArrayOutputStream container = new ByteArrayOutputStream();
    try (DataFileWriter<PaymentEvent> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(PaymentEvent.class))) {
      writer.create(PaymentEvent.getClassSchema(), container);
      writer.append(Payments.grocery().id("tx-1").build());
    }
    byte[] bytes = container.toByteArray();
    byte[] sync = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
    int block = indexOf(bytes, sync) + 16;
    // The block's record count (1, one byte), then its size: claim 1 GiB instead.
    int sizeEnd = block + 1;
    while ((bytes[sizeEnd] & 0x80) != 0) {
      sizeEnd++;
    }
    ByteArrayOutputStream corrupt = new ByteArrayOutputStream();
    corrupt.write(bytes, 0, block + 1);
    corrupt.write(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
    corrupt.write(bytes, sizeEnd + 1, bytes.length - sizeEnd - 1);
    Path file = Files.write(dir.resolve("huge-block.avro"), corrupt.toByteArray());

    IOException e =
        assertThrows(
            IOException.class,
            () -> readAll(file, PaymentEvent.class, RecordReader.Limits.DEFAULT));

    assertTrue(
        e.getMessage()
            .contains("corrupt Avro container: a block of 1073741824 bytes (at most 4194304)"),
        e.getMessage());
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void shouldDeadLetterACsvLineLongerThanTheLimit() throws IOException {
    Path file = dir.resolve("wide.csv");
    Files.writeString(
        file,
        "pair,price,eventTime\nUSDT/CNY,"
            + "7".repeat(500)
            + ",1772416800000\nBTC/CNY,1,1772416800000\n");

    List<InputRecord<CryptoQuote>> records =
        readAll(file, CryptoQuote.class, new RecordReader.Limits(100, 1000));

    assertEquals(2, records.size());
    assertEquals("line is longer than 100 bytes", records.get(0).error());
    assertNotNull(records.get(1).value());
  }
}
