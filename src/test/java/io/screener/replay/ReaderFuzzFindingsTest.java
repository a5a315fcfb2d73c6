package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the readers' fuzz tests found that once escaped as something other than the documented
 * {@link IOException} of an unreadable file; each stays in the fuzz test's inputs as a seed too.
 */
class ReaderFuzzFindingsTest {
  @TempDir Path dir;

  /**
   * The file a fuzz input stands for: its first byte chose the plain file, the rest is the file.
   */
  private Path file(String fuzzTest, String input, String name) throws IOException {
    String resource = fuzzTest + "Inputs/shouldReadRecordsOrRefuseTheFile/" + input;
    try (InputStream in = ReaderFuzzFindingsTest.class.getResourceAsStream(resource)) {
      byte[] bytes = in.readAllBytes();
      assertEquals(0, bytes[0] & 3, "a plain file");
      return Files.write(dir.resolve(name), Arrays.copyOfRange(bytes, 1, bytes.length));
    }
  }

  @Test
  void shouldRefuseAnAvroContainerWhoseHeaderHasANegativeLength() throws IOException {
    Path file = file("AvroReaderFuzzTest", "negative-metadata-length", "payments.avro");

    IOException e =
        assertThrows(IOException.class, () -> RecordReader.open(file, PaymentEvent.class));

    assertEquals(
        "corrupt Avro container: a header entry of -52 bytes (at most 4194304)", e.getMessage());
  }

  @Test
  void shouldRefuseAnAvroContainerWhoseHeaderCountsTooManyEntries() throws IOException {
    Path file = file("AvroReaderFuzzTest", "huge-metadata-count", "payments.avro");

    IOException e =
        assertThrows(IOException.class, () -> RecordReader.open(file, PaymentEvent.class));

    assertEquals(
        "corrupt Avro container: a header entry of -49 bytes (at most 4194304)", e.getMessage());
  }

  @Test
  void shouldRefuseAnAvroRecordWithAnEnumIndexOutOfRange() throws IOException {
    Path file = file("AvroReaderFuzzTest", "enum-index-out-of-range", "payments.avro");

    try (RecordReader<PaymentEvent> reader = RecordReader.open(file, PaymentEvent.class)) {
      IOException e = assertThrows(IOException.class, reader::next);
      assertEquals(
          "corrupt Avro container after record 0: record 1 of 2 in the block: enum index -63 out"
              + " of range 0..4 at type",
          e.getMessage());
    }
  }

  @Test
  void shouldRefuseAnAvroRecordClaimingAStringLongerThanItsBlockBeforeDecodingIt()
      throws IOException {
    // Avro's decoder would allocate the string's claimed length first: the heap ran out at 460 MB.
    Path file = file("AvroReaderFuzzTest", "huge-string-length", "payments.avro");

    try (RecordReader<PaymentEvent> reader = RecordReader.open(file, PaymentEvent.class)) {
      IOException e = assertThrows(IOException.class, reader::next);
      assertEquals(
          "corrupt Avro container after record 0: record 1 of 2 in the block: length 1950745962"
              + " but only 127 bytes left at payerId",
          e.getMessage());
    }
  }

  @Test
  void shouldRefuseAnAvroContainerWithoutASchema() throws IOException {
    Path file = file("AvroReaderFuzzTest", "no-schema", "payments.avro");

    IOException e =
        assertThrows(IOException.class, () -> RecordReader.open(file, PaymentEvent.class));

    assertTrue(
        e.getMessage().startsWith("corrupt Avro container header: java.lang.NullPointerException"),
        e.getMessage());
  }
}
