package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.serialization.AvroJson;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Lines reader splits bytes into lines itself and reads canonical payment lines straight
 * from their bytes; here it is held to what it replaced: a UTF-8 {@link BufferedReader}'s lines,
 * each decoded by {@link ReplayJson#decode} with its labels.
 */
class RecordReaderTest {
  @TempDir Path dir;

  private static final String[] TEXT = {
    "a",
    "Z",
    "7",
    " ",
    "\t",
    "\u3000",
    "\u00a0",
    "é",
    "数字",
    "\uD83D\uDE00",
    "\u007f",
    "\"",
    "\\",
    "{",
    "}"
  };

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      s.append(TEXT[random.nextInt(TEXT.length)]);
    }
    return s.toString();
  }

  private static PaymentEvent payment(Random random, int i) {
    return new PaymentEvent(
        "tx-" + i + text(random),
        Instant.ofEpochMilli(1_767_571_200_000L + random.nextInt(1_000_000_000)),
        PaymentType.values()[random.nextInt(PaymentType.values().length)],
        "payer-" + random.nextInt(50),
        "payee-" + text(random),
        PayeeType.values()[random.nextInt(PayeeType.values().length)],
        (long) (random.nextInt(3) == 0 ? -random.nextInt(100) : random.nextInt(10_000_000)),
        "CNY",
        random.nextBoolean() ? null : "商户 " + text(random),
        random.nextBoolean() ? null : "5999",
        random.nextBoolean() ? null : text(random),
        random.nextBoolean() ? null : "app",
        random.nextBoolean() ? null : "dev-" + random.nextInt(9));
  }

  /**
   * Input made of payment lines in canonical and other forms, and every way a line can be odd or
   * end.
   */
  private static byte[] input(Random random, int pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < pieces; i++) {
      String canonical = AvroJson.toJson(payment(random, i));
      byte[] piece =
          switch (random.nextInt(24)) {
            case 0 -> utf8("\r");
            case 1 -> utf8("\r\n");
            case 2 -> utf8("\n");
            case 3 -> utf8(" \t\u3000\u2028");
            case 4 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            case 5 -> new byte[] {0};
            // Malformed UTF-8: a stray continuation, an overlong form, a surrogate, a cut-short
            // sequence, a byte that is never UTF-8.
            case 6 -> new byte[] {(byte) 0x80};
            case 7 -> new byte[] {(byte) 0xC0, (byte) 0x80};
            case 8 -> new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
            case 9 -> new byte[] {(byte) 0xE6, (byte) 0x95};
            case 10 -> new byte[] {(byte) 0xFF};
            case 11 -> utf8(canonical.replace("}", ",\"crypto\":true,\"scenario\":\"otc\"}"));
            case 12 -> utf8(canonical.replace(",\"", ", \""));
            case 13 -> utf8(canonical.substring(0, random.nextInt(canonical.length())));
            case 14 ->
                random.nextInt(20) == 0
                    ? utf8("{\"memo\":\"" + "x".repeat(70_000) + "\"}")
                    : utf8("{}");
            case 15 ->
                random.nextInt(20) == 0
                    ? utf8(
                        canonical.replace(
                            "\"memo\":null", "\"memo\":\"" + "数".repeat(30_000) + "\""))
                    : utf8("[]");
            default -> utf8(canonical + (random.nextInt(4) == 0 ? "\r\n" : "\n"));
          };
      out.writeBytes(piece);
    }
    return out.toByteArray();
  }

  /**
   * What the reader gave before: BufferedReader lines, blank ones skipped, decoded by ReplayJson.
   */
  private static List<InputRecord<PaymentEvent>> expected(byte[] input) throws IOException {
    List<InputRecord<PaymentEvent>> records = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8))) {
      long line = 0;
      String text;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        Object[] labels = RecordReader.labelsOf(text);
        Boolean crypto = (Boolean) labels[0];
        String scenario = (String) labels[1];
        try {
          records.add(
              new InputRecord<>(
                  line, text, ReplayJson.decode(text, PaymentEvent.class), null, crypto, scenario));
        } catch (IllegalArgumentException e) {
          records.add(new InputRecord<>(line, text, null, e.getMessage(), crypto, scenario));
        }
      }
    }
    return records;
  }

  private void assertReadsAsLines(byte[] input, Path file) throws IOException {
    List<InputRecord<PaymentEvent>> expected = expected(input);
    int canonical = 0;
    try (RecordReader<PaymentEvent> reader = RecordReader.open(file, PaymentEvent.class)) {
      for (InputRecord<PaymentEvent> want : expected) {
        InputRecord<PaymentEvent> got = reader.next();
        String where = file.getFileName() + " line " + want.line();
        assertEquals(want.line(), got.line(), where);
        assertEquals(want.text(), got.input(), where);
        assertEquals(want.value(), got.value(), where);
        assertEquals(want.error(), got.error(), where);
        assertEquals(want.crypto(), got.crypto(), where);
        assertEquals(want.scenario(), got.scenario(), where);
        if (got.json() != null) {
          // Kept as bytes only when they are exactly the payment's own JSON.
          assertArrayEquals(utf8(AvroJson.toJson(got.value())), got.json(), where);
          canonical++;
        }
      }
      assertNull(reader.next(), "no more lines");
    }
    assertTrue(canonical > 0, "some lines took the canonical path");
  }

  @Test
  void splitsAndDecodesLinesAsABufferedReaderDoes() throws IOException {
    Random random = new Random(5);
    for (int round = 0; round < 12; round++) {
      byte[] input = input(random, 1_500 + random.nextInt(1_500));
      Path plain = dir.resolve("p" + round + ".jsonl");
      Files.write(plain, input);
      assertReadsAsLines(input, plain);
      Path gzipped = dir.resolve("p" + round + ".jsonl.gz");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
        out.write(input);
      }
      assertReadsAsLines(input, gzipped);
    }
  }

  @Test
  void endsOfInputAsABufferedReader() throws IOException {
    String line = AvroJson.toJson(payment(new Random(1), 1));
    String[] inputs = {
      "", "\n", "\r", "\r\n", "\n\n", "\r\r\n", line, line + "\r", line + "\r\n\r", "\r" + line
    };
    for (int i = 0; i < inputs.length; i++) {
      Path file = dir.resolve("end" + i + ".jsonl");
      Files.write(file, utf8(inputs[i]));
      List<InputRecord<PaymentEvent>> expected = expected(utf8(inputs[i]));
      try (RecordReader<PaymentEvent> reader = RecordReader.open(file, PaymentEvent.class)) {
        for (InputRecord<PaymentEvent> want : expected) {
          InputRecord<PaymentEvent> got = reader.next();
          assertEquals(want.line(), got.line(), inputs[i]);
          assertEquals(want.value(), got.value(), inputs[i]);
        }
        assertNull(reader.next(), inputs[i]);
      }
    }
  }
}
