package io.screener.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<PaymentEvent> payments = AvroSerde.of(PaymentEvent.class);

  @Test
  void shouldRoundTripEveryRecordType() {
    assertRoundTrip(PaymentEvent.class, TestRecords.payment());
    assertRoundTrip(PaymentEvent.class, TestRecords.minimalPayment());
    assertRoundTrip(MerchantReputation.class, TestRecords.merchant());
    assertRoundTrip(CounterpartyReputation.class, TestRecords.counterparty());
    assertRoundTrip(CryptoQuote.class, TestRecords.quote());
    assertRoundTrip(ScreeningDecision.class, TestRecords.decision());
  }

  @Test
  void shouldRoundTripScreeningDecisionWithNestedPaymentAndReasons() {
    AvroSerde<ScreeningDecision> serde = AvroSerde.of(ScreeningDecision.class);
    ScreeningDecision decoded =
        serde
            .deserializer()
            .deserialize("t", serde.serializer().serialize("t", TestRecords.decision()));

    assertEquals(TestRecords.payment(), decoded.getPayment());
    assertEquals(TestRecords.EVENT_TIME, decoded.getPayment().getEventTime());
    assertEquals(TestRecords.DECIDED_AT, decoded.getDecidedAt());
    assertEquals(2, decoded.getReasons().size());
    assertEquals("AMOUNT_MATCHES_QUOTE", decoded.getReasons().get(1).getCode());
    assertEquals(25, decoded.getReasons().get(1).getPoints());
  }

  @Test
  void shouldWriteSingleObjectHeaderWithWriterFingerprint() {
    byte[] bytes = payments.serializer().serialize("t", TestRecords.payment());

    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(SchemaCatalog.fingerprint(PaymentEvent.getClassSchema()), fingerprint);
  }

  @Test
  void shouldMapTombstonesToNullBothWays() {
    assertNull(payments.serializer().serialize("t", null));
    assertNull(payments.deserializer().deserialize("t", null));
  }

  @Test
  void shouldRejectBadMagic() {
    byte[] bytes = payments.serializer().serialize("t", TestRecords.payment());
    bytes[1] = 0x02;

    assertFailure("not Avro single-object encoding (bad header)", bytes);
  }

  @Test
  void shouldRejectInputShorterThanHeader() {
    assertFailure("not Avro single-object encoding (bad header)", new byte[0]);
    assertFailure(
        "not Avro single-object encoding (bad header)", new byte[] {(byte) 0xC3, 0x01, 0x00});
  }

  @Test
  void shouldRejectPlainJsonAndRandomBytes() {
    assertFailure(
        "not Avro single-object encoding (bad header)",
        "{\"transactionId\":\"tx\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      byte[] bytes = new byte[1 + random.nextInt(200)];
      random.nextBytes(bytes);
      if (bytes[0] == (byte) 0xC3) {
        bytes[0] = 0;
      }
      assertFailure("not Avro single-object encoding (bad header)", bytes);
    }
  }

  @Test
  void shouldRejectUnknownFingerprint() {
    byte[] bytes = payments.serializer().serialize("t", TestRecords.payment());
    ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);

    assertFailure("unknown schema fingerprint 0x0123456789abcdef", bytes);
  }

  @Test
  void shouldRejectTruncatedBody() {
    byte[] bytes = payments.serializer().serialize("t", TestRecords.payment());

    SerializationException e = failure(Arrays.copyOf(bytes, bytes.length - 3));
    assertEquals(
        "truncated or corrupt Avro body: length 5 but only 2 bytes left at deviceId",
        e.getMessage());
    e = failure(Arrays.copyOf(bytes, 10));
    assertEquals("truncated or corrupt Avro body: ends early at transactionId", e.getMessage());
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = payments.serializer().serialize("t", TestRecords.payment());

    assertFailure(
        "truncated or corrupt Avro body: 2 trailing bytes after the record",
        Arrays.copyOf(bytes, bytes.length + 2));
  }

  @Test
  void shouldRejectHugeLengthWithoutAllocatingIt() {
    byte[] header = Arrays.copyOf(payments.serializer().serialize("t", TestRecords.payment()), 10);
    // zig-zag varint of 2_000_000_000: the transactionId string claims 2 GB.
    byte[] bytes = Arrays.copyOf(header, 15);
    long value = 2_000_000_000L << 1;
    for (int i = 10; i < 15; i++) {
      bytes[i] = (byte) ((value & 0x7f) | (i < 14 ? 0x80 : 0));
      value >>>= 7;
    }

    assertFailure(
        "truncated or corrupt Avro body: length 2000000000 but only 0 bytes left at transactionId",
        bytes);
  }

  @Test
  void shouldRejectOutOfRangeEnumIndex() {
    byte[] bytes = payments.serializer().serialize("t", TestRecords.minimalPayment());
    // Body: "tx-2" (1 + 4 bytes), eventTime (6 bytes), then the PaymentType index.
    int typeIndex = 10 + 5 + 6;
    assertEquals(2, bytes[typeIndex]); // zig-zag 1 = P2P_TRANSFER
    bytes[typeIndex] = 40;

    assertFailure("truncated or corrupt Avro body: enum index 20 out of range 0..4 at type", bytes);
  }

  @Test
  void shouldFailWithSerializationExceptionOnAnyCorruptBody() {
    byte[] valid =
        AvroSerde.of(ScreeningDecision.class).serializer().serialize("t", TestRecords.decision());
    AvroSerde<ScreeningDecision> decisions = AvroSerde.of(ScreeningDecision.class);
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = valid.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          bytes[10 + random.nextInt(bytes.length - 10)] ^= (byte) (1 << random.nextInt(8));
        }
      } else {
        bytes = Arrays.copyOf(valid, 10 + random.nextInt(300));
        for (int j = 10; j < bytes.length; j++) {
          bytes[j] = (byte) random.nextInt(256);
        }
      }
      try {
        decisions.deserializer().deserialize("t", bytes);
      } catch (SerializationException e) {
        assertTrue(e.getMessage().startsWith("truncated or corrupt Avro body: "), e.getMessage());
      } catch (RuntimeException | Error e) {
        fail("input " + i + " threw " + e, e);
      }
    }
  }

  @Test
  void shouldRejectAnotherRecordType() {
    byte[] decision =
        AvroSerde.of(ScreeningDecision.class).serializer().serialize("t", TestRecords.decision());

    assertFailure(
        "wrong record type io.screener.avro.ScreeningDecision, expected"
            + " io.screener.avro.PaymentEvent",
        decision);
  }

  @Test
  void shouldRejectWriterSchemaTheCurrentOneCannotRead() {
    Schema withoutCurrency =
        SchemaBuilder.record("PaymentEvent")
            .namespace("io.screener.avro")
            .fields()
            .requiredString("transactionId")
            .endRecord();
    GenericRecord record = new GenericData.Record(withoutCurrency);
    record.put("transactionId", "tx");
    byte[] bytes = TestRecords.encodeGeneric(withoutCurrency, record);
    AvroSerde<PaymentEvent> serde =
        AvroSerde.of(PaymentEvent.class, SchemaCatalog.standard().withSchemas(withoutCurrency));

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> serde.deserializer().deserialize("t", bytes));
    assertEquals(
        "writer schema "
            + SchemaCatalog.formatFingerprint(SchemaCatalog.fingerprint(withoutCurrency))
            + " not readable as io.screener.avro.PaymentEvent: READER_FIELD_MISSING_DEFAULT_VALUE"
            + " at /fields/1",
        e.getMessage());
  }

  @Test
  void shouldRejectNullRequiredFieldWhenSerializing() {
    PaymentEvent broken = TestRecords.payment();
    broken.setPayerId(null);

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> payments.serializer().serialize("t", broken));
    assertTrue(e.getMessage().startsWith("cannot encode PaymentEvent: "), e.getMessage());
    assertTrue(e.getMessage().contains("payerId"), e.getMessage());
  }

  @Test
  void shouldShareOneSerdeAcrossThreads() throws Exception {
    AvroSerde<ScreeningDecision> serde = AvroSerde.of(ScreeningDecision.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    ScreeningDecision decision = TestRecords.decision();
                    decision.setTransactionId("tx-" + thread + "-" + i);
                    decision.setScore(i % 101);
                    byte[] bytes = serde.serializer().serialize("t", decision);
                    assertEquals(decision, serde.deserializer().deserialize("t", bytes));
                  }
                  return null;
                }));
      }
      for (Future<?> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldProduceSameBytesAsGeneratedEncoder() throws Exception {
    ByteBuffer generated = PaymentEvent.getEncoder().encode(TestRecords.payment());
    byte[] expected = new byte[generated.remaining()];
    generated.get(expected);

    assertArrayEquals(expected, payments.serializer().serialize("t", TestRecords.payment()));
  }

  private static <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T record) {
    AvroSerde<T> serde = AvroSerde.of(type);
    byte[] bytes = serde.serializer().serialize("topic", record);
    T decoded = serde.deserializer().deserialize("topic", bytes);
    assertEquals(record, decoded);
    assertEquals(type, decoded.getClass());
  }

  private SerializationException failure(byte[] bytes) {
    return assertThrows(
        SerializationException.class, () -> payments.deserializer().deserialize("t", bytes));
  }

  private void assertFailure(String message, byte[] bytes) {
    assertEquals(message, failure(bytes).getMessage());
  }
}
