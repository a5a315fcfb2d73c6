package io.screener.replay;

import static io.screener.fixtures.FuzzInputs.assertReason;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.fixtures.FuzzInputs;
import io.screener.screening.PaymentValidation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * The replay's readers under fuzzing: any file, plain, gzipped or posing as gzip, either reads as
 * records (each a payment, or a line with the reason it is not one, which the replay dead-letters)
 * or fails with an {@link IOException} (an unreadable file: exit 1). Nothing else is thrown, and
 * the small limits here keep every read within a few times 16 KiB whatever the file holds.
 */
final class ReaderFuzzing {
  private static final RecordReader.Limits LIMITS = new RecordReader.Limits(4096, 16384);
  private static final PaymentValidation VALIDATION =
      new PaymentValidation(FuzzInputs.settings().validation());
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("reader-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DIR.toFile().deleteOnExit();
  }

  private ReaderFuzzing() {}

  /**
   * Reads {@code input} as a payments file of {@code extension}: the first byte chooses the file as
   * it is (even), gzipped (1 mod 4), or the bytes as a {@code .gz} file (3 mod 4).
   */
  static void readOrRefuse(byte[] input, String extension) throws IOException {
    byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    int mode = input.length == 0 ? 0 : input[0] & 3;
    Path file = DIR.resolve("payments" + extension + (mode == 1 || mode == 3 ? ".gz" : ""));
    if (mode == 1) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(body);
      }
    } else {
      Files.write(file, body);
    }
    try (RecordReader<PaymentEvent> reader = RecordReader.open(file, PaymentEvent.class, LIMITS)) {
      InputRecord<PaymentEvent> record;
      long last = 0;
      while ((record = reader.next()) != null) {
        assertTrue(record.line() > last, "lines count up");
        last = record.line();
        if (record.value() == null) {
          assertReason(record.error(), input);
        } else {
          assertNotEquals(null, record.value().getTransactionId());
          // The replay validates what it read next: that must not throw either.
          VALIDATION.problem(record.value(), FuzzInputs.NOW);
        }
        String text = record.input();
        assertTrue(
            text == null || text.length() <= LIMITS.maxRecordBytes() + 3,
            "a record holds at most the limit");
      }
    } catch (IOException e) {
      // An unreadable file: the replay stops with exit 1 and this message.
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
