package io.screener.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.screener.avro.Decision;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.ScreeningDecision;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Records written with archived schema versions must decode with the current classes. */
class SchemaEvolutionTest {

  private static final SchemaCatalog TEST_HISTORY =
      SchemaCatalog.fromClasspath(
          SchemaEvolutionTest.class.getClassLoader(), "serialization/history/");

  private final Schema paymentV1 =
      TestRecords.schemaResource("serialization/history/PaymentEvent.v1.avsc");
  private final Schema paymentV2 =
      TestRecords.schemaResource("serialization/history/PaymentEvent.v2.avsc");

  @Test
  void shouldDecodePaymentWrittenBeforeOptionalFieldsWereAdded() {
    byte[] bytes = TestRecords.encodeGeneric(paymentV1, TestRecords.genericPayment(paymentV1));

    PaymentEvent decoded =
        AvroSerde.of(PaymentEvent.class, TEST_HISTORY).deserializer().deserialize("t", bytes);

    assertEquals("tx-old", decoded.getTransactionId());
    assertEquals(TestRecords.EVENT_TIME, decoded.getEventTime());
    assertEquals(PaymentType.RED_PACKET, decoded.getType());
    assertEquals(PayeeType.PERSONAL, decoded.getPayeeType());
    assertEquals(520L, decoded.getAmountMinor());
    assertEquals("hongbao", decoded.getMemo());
    assertNull(decoded.getMerchantName());
    assertNull(decoded.getChannel(), "field added after v1 takes its default");
    assertNull(decoded.getDeviceId(), "field added after v1 takes its default");
  }

  @Test
  void shouldDecodePaymentCarryingSinceRemovedField() {
    GenericRecord record = TestRecords.genericPayment(paymentV2);
    record.put("terminalId", "POS-17");
    record.put("channel", "QR");
    byte[] bytes = TestRecords.encodeGeneric(paymentV2, record);

    PaymentEvent decoded =
        AvroSerde.of(PaymentEvent.class, SchemaCatalog.currentOnly().withSchemas(paymentV2))
            .deserializer()
            .deserialize("t", bytes);

    assertEquals("hongbao", decoded.getMemo(), "fields after the removed one still line up");
    assertEquals("QR", decoded.getChannel());
    assertNull(decoded.getDeviceId());
    assertEquals(TestRecords.EVENT_TIME, decoded.getEventTime());
  }

  @Test
  void shouldDecodeDecisionEmbeddingOlderPayment() {
    Schema decisionV1 = historical("io.screener.avro.ScreeningDecision");
    Schema reasonSchema = decisionV1.getField("reasons").schema().getElementType();
    GenericRecord reason = new GenericData.Record(reasonSchema);
    reason.put("code", "RED_PACKET_BURST");
    reason.put("points", 30);
    reason.put("detail", "12 red packets in 5 minutes");
    GenericRecord decision = new GenericData.Record(decisionV1);
    decision.put("transactionId", "tx-old");
    decision.put(
        "decision", new GenericData.EnumSymbol(decisionV1.getField("decision").schema(), "FLAG"));
    decision.put("score", 30);
    decision.put("reasons", List.of(reason));
    decision.put("payment", TestRecords.genericPayment(decisionV1.getField("payment").schema()));
    decision.put("configVersion", "rules-1");
    decision.put("decidedAt", TestRecords.DECIDED_AT.toEpochMilli());
    byte[] bytes = TestRecords.encodeGeneric(decisionV1, decision);

    ScreeningDecision decoded =
        AvroSerde.of(ScreeningDecision.class, TEST_HISTORY).deserializer().deserialize("t", bytes);

    assertEquals(Decision.FLAG, decoded.getDecision());
    assertNull(decoded.getCategory(), "field added after v1 takes its default");
    assertEquals("RED_PACKET_BURST", decoded.getReasons().get(0).getCode());
    assertEquals("tx-old", decoded.getPayment().getTransactionId());
    assertNull(decoded.getPayment().getChannel());
    assertEquals(TestRecords.DECIDED_AT, decoded.getDecidedAt());
  }

  @Test
  void shouldNameFingerprintOfUnarchivedOldSchema() {
    byte[] bytes = TestRecords.encodeGeneric(paymentV1, TestRecords.genericPayment(paymentV1));

    SerializationException e =
        assertThrows(
            SerializationException.class,
            () ->
                AvroSerde.of(PaymentEvent.class, SchemaCatalog.currentOnly())
                    .deserializer()
                    .deserialize("t", bytes));
    assertEquals(
        "unknown schema fingerprint "
            + SchemaCatalog.formatFingerprint(SchemaCatalog.fingerprint(paymentV1)),
        e.getMessage());
  }

  private static Schema historical(String fullName) {
    return TEST_HISTORY.schemas().stream()
        .filter(s -> s.getFullName().equals(fullName))
        .filter(s -> !SchemaCatalog.currentSchemas().contains(s))
        .findFirst()
        .orElseThrow();
  }
}
