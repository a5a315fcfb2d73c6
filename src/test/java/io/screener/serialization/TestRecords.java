package io.screener.serialization;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.Decision;
import io.screener.avro.MerchantCategory;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.PolicyCategory;
import io.screener.avro.Reason;
import io.screener.avro.ScreeningDecision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/** Sample records and helpers shared by the serialization tests. */
final class TestRecords {

  static final Instant EVENT_TIME = Instant.parse("2024-05-01T08:00:00.123Z");
  static final Instant DECIDED_AT = Instant.parse("2024-05-01T08:00:01.456Z");

  private TestRecords() {}

  static PaymentEvent payment() {
    return PaymentEvent.newBuilder()
        .setTransactionId("tx-1")
        .setEventTime(EVENT_TIME)
        .setType(PaymentType.MERCHANT_PAYMENT)
        .setPayerId("payer-1")
        .setPayeeId("merchant-9")
        .setPayeeType(PayeeType.MERCHANT)
        .setAmountMinor(718_00L)
        .setCurrency("CNY")
        .setMerchantName("Shenzhen \"Digital\" Assets 数字")
        .setMcc("6051")
        .setMemo("USDT 100\nthanks")
        .setChannel("APP")
        .setDeviceId("dev-7")
        .build();
  }

  static PaymentEvent minimalPayment() {
    return PaymentEvent.newBuilder()
        .setTransactionId("tx-2")
        .setEventTime(EVENT_TIME)
        .setType(PaymentType.P2P_TRANSFER)
        .setPayerId("payer-2")
        .setPayeeId("payee-3")
        .setPayeeType(PayeeType.PERSONAL)
        .setAmountMinor(1L)
        .setCurrency("CNY")
        .build();
  }

  static MerchantReputation merchant() {
    return MerchantReputation.newBuilder()
        .setMerchantId("merchant-9")
        .setCategory(MerchantCategory.OTC_DESK)
        .setRiskScore(90)
        .setSource("analyst:li")
        .setUpdatedAt(EVENT_TIME)
        .build();
  }

  static CounterpartyReputation counterparty() {
    return CounterpartyReputation.newBuilder()
        .setAccountId("payee-3")
        .setCategory(CounterpartyCategory.SUSPECTED_OTC_DEALER)
        .setRiskScore(70)
        .setReports(4)
        .setUpdatedAt(EVENT_TIME)
        .build();
  }

  static CryptoQuote quote() {
    return CryptoQuote.newBuilder()
        .setPair("USDT/CNY")
        .setPrice(7.18)
        .setEventTime(EVENT_TIME)
        .build();
  }

  static ScreeningDecision decision() {
    return ScreeningDecision.newBuilder()
        .setTransactionId("tx-1")
        .setDecision(Decision.BLOCK)
        .setScore(85)
        .setCategory(PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE)
        .setReasons(
            List.of(
                Reason.newBuilder()
                    .setCode("MERCHANT_OTC")
                    .setPoints(60)
                    .setDetail("otc desk")
                    .build(),
                Reason.newBuilder()
                    .setCode("AMOUNT_MATCHES_QUOTE")
                    .setPoints(25)
                    .setDetail("718.00 = 100 x 7.18")
                    .build()))
        .setPayment(payment())
        .setConfigVersion("rules-42")
        .setDecidedAt(DECIDED_AT)
        .build();
  }

  /** Parses a schema from a test resource. */
  static Schema schemaResource(String path) {
    try (InputStream in = TestRecords.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Single-object encoding of a generic record, as a producer with that schema would write it. */
  static byte[] encodeGeneric(Schema writer, GenericRecord record) {
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A payment as a generic record of an older PaymentEvent schema; fields the schema lacks are
   * skipped.
   */
  static GenericRecord genericPayment(Schema writer) {
    GenericRecord record = new GenericData.Record(writer);
    record.put("transactionId", "tx-old");
    record.put("eventTime", EVENT_TIME.toEpochMilli());
    record.put("type", new GenericData.EnumSymbol(writer.getField("type").schema(), "RED_PACKET"));
    record.put("payerId", "payer-old");
    record.put("payeeId", "payee-old");
    record.put(
        "payeeType", new GenericData.EnumSymbol(writer.getField("payeeType").schema(), "PERSONAL"));
    record.put("amountMinor", 520L);
    record.put("currency", "CNY");
    record.put("memo", "hongbao");
    return record;
  }

  /**
   * {@code record} written with {@code schema} and framed the way a schema registry's serializers
   * frame it: byte 0, {@code id} as 4 big-endian bytes, the Avro binary body.
   */
  static byte[] registryFramed(int id, Schema schema, GenericRecord record) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0);
    out.write(id >>> 24);
    out.write(id >>> 16);
    out.write(id >>> 8);
    out.write(id);
    try {
      org.apache.avro.io.BinaryEncoder encoder =
          org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
      org.apache.avro.io.DatumWriter<GenericRecord> writer =
          record instanceof org.apache.avro.specific.SpecificRecord
              ? new org.apache.avro.specific.SpecificDatumWriter<>(
                  schema, org.apache.avro.specific.SpecificData.getForClass(record.getClass()))
              : new org.apache.avro.generic.GenericDatumWriter<>(schema);
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
