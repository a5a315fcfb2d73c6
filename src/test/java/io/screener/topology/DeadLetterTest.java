package io.screener.topology;

import static io.screener.fixtures.Payments.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import io.screener.serialization.AvroSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterTest {
  @TempDir Path stateDir;

  private static byte[] encode(PaymentEvent payment) {
    return AvroSerde.of(PaymentEvent.class).serializer().serialize("payments", payment);
  }

  private static byte[] unknownSchemaRecord() {
    Schema schema =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Stranger\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    GenericRecord record = new GenericData.Record(schema);
    record.put("x", 42);
    try {
      return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema)
          .encode(record)
          .array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> badInputs() {
    byte[] good = encode(Payments.grocery().build());
    byte[] random = new byte[64];
    new Random(1).nextBytes(random);
    return Stream.of(
        Arguments.of("random bytes", random, "DECODE", "bad header"),
        Arguments.of(
            "plain text",
            "{\"amount\":5}".getBytes(StandardCharsets.UTF_8),
            "DECODE",
            "bad header"),
        Arguments.of("empty value", new byte[0], "DECODE", ""),
        Arguments.of(
            "unknown schema", unknownSchemaRecord(), "DECODE", "unknown schema fingerprint"),
        Arguments.of("truncated Avro", Arrays.copyOf(good, good.length - 6), "DECODE", "truncated"),
        Arguments.of(
            "negative amount",
            encode(Payments.grocery().amount(-100).build()),
            "VALIDATE",
            "amountMinor must be positive, was -100"),
        Arguments.of(
            "zero amount",
            encode(Payments.grocery().amount(0).build()),
            "VALIDATE",
            "amountMinor must be positive, was 0"),
        Arguments.of(
            "missing transaction id",
            encode(Payments.grocery().id("").build()),
            "VALIDATE",
            "transactionId is missing"),
        Arguments.of(
            "missing payer",
            encode(Payments.grocery().payer(" ").build()),
            "VALIDATE",
            "payerId is missing"),
        Arguments.of(
            "unknown currency",
            encode(Payments.grocery().currency("XQQ").build()),
            "VALIDATE",
            "currency is not an ISO 4217 code: 'XQQ'"),
        Arguments.of(
            "event time before 2009",
            encode(Payments.grocery().at(java.time.Instant.parse("2001-01-01T00:00:00Z")).build()),
            "VALIDATE",
            "is before 2009-01-03T00:00:00Z"),
        Arguments.of(
            "event time far in the future",
            encode(
                Payments.grocery().at(ScreenerDriver.WALL_CLOCK.plus(Duration.ofDays(3))).build()),
            "VALIDATE",
            "ahead of now"),
        Arguments.of(
            "1 MB memo",
            encode(Payments.grocery().memo("x".repeat(1 << 20)).build()),
            "VALIDATE",
            "memo is longer than 1024 characters (1048576)"),
        Arguments.of(
            "malformed MCC",
            encode(Payments.grocery().mcc("60A1").build()),
            "VALIDATE",
            "mcc is not four digits"),
        Arguments.of(
            "three-digit MCC",
            encode(Payments.grocery().mcc("605").build()),
            "VALIDATE",
            "mcc is not four digits: '605'"),
        Arguments.of(
            "five-digit MCC",
            encode(Payments.grocery().mcc("60511").build()),
            "VALIDATE",
            "mcc is not four digits"),
        Arguments.of(
            "MCC in other digits",
            encode(Payments.grocery().mcc("\u0666\u0660\u0665\u0661").build()),
            "VALIDATE",
            "mcc is not four digits"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void shouldDeadLetterBadInputWithReasonAndKeepDecidingLaterPayments(
      String name, byte[] value, String stage, String reason) {
    try (ScreenerDriver screener = new ScreenerDriver(stateDir)) {
      PaymentEvent later = Payments.grocery().at(T0.plusSeconds(1)).build();
      screener.payRaw("key-1".getBytes(StandardCharsets.UTF_8), value).pay(later);

      TestRecord<byte[], byte[]> dead = screener.deadLetters().get(0);

      assertArrayEquals(value, dead.value());
      assertArrayEquals("key-1".getBytes(StandardCharsets.UTF_8), dead.key());
      Headers headers = dead.headers();
      assertEquals(stage, header(headers, DeadLetters.STAGE));
      String error = header(headers, DeadLetters.ERROR);
      assertTrue(error.contains(reason), () -> "error header was: " + error);
      assertEquals("payments", header(headers, DeadLetters.SOURCE_TOPIC));
      assertEquals("0", header(headers, DeadLetters.SOURCE_PARTITION));
      assertEquals("0", header(headers, DeadLetters.SOURCE_OFFSET));
      assertEquals(later.getTransactionId(), screener.cleared().get(0).key());
      assertTrue(screener.nothingMoreEmitted());
    }
  }

  private static String header(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
