package io.screener.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  private static final String MINIMAL_PAYMENT =
      "{\"transactionId\":\"tx-2\",\"eventTime\":1714550400123,\"type\":\"P2P_TRANSFER\","
          + "\"payerId\":\"payer-2\",\"payeeId\":\"payee-3\",\"payeeType\":\"PERSONAL\","
          + "\"amountMinor\":1,\"currency\":\"CNY\"}";

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
  void shouldWritePlainSingleLineJson() {
    String json = AvroJson.toJson(TestRecords.minimalPayment());

    assertEquals(
        "{\"transactionId\":\"tx-2\",\"eventTime\":1714550400123,\"type\":\"P2P_TRANSFER\","
            + "\"payerId\":\"payer-2\",\"payeeId\":\"payee-3\",\"payeeType\":\"PERSONAL\","
            + "\"amountMinor\":1,\"currency\":\"CNY\",\"merchantName\":null,\"mcc\":null,"
            + "\"memo\":null,\"channel\":null,\"deviceId\":null}",
        json);
  }

  @Test
  void shouldWriteOptionalValuesUnwrappedAndEscapeNewlines() {
    String json = AvroJson.toJson(TestRecords.decision());

    assertFalse(json.contains("\n"), json);
    assertTrue(json.contains("\"category\":\"VIRTUAL_CURRENCY_EXCHANGE\""), json);
    assertTrue(json.contains("\"memo\":\"USDT 100\\nthanks\""), json);
    assertTrue(json.contains("\"decidedAt\":1714550401456"), json);
    assertTrue(json.contains("\"reasons\":[{\"code\":\"MERCHANT_OTC\",\"points\":60,"), json);
  }

  @Test
  void shouldParseIso8601Timestamps() {
    Instant expected = Instant.parse("2024-05-01T08:00:00Z");
    for (String text :
        new String[] {
          "2024-05-01T08:00:00Z", "2024-05-01T16:00:00+08:00", "2024-05-01T08:00:00.000Z"
        }) {
      PaymentEvent payment =
          AvroJson.fromJson(
              MINIMAL_PAYMENT.replace("1714550400123", "\"" + text + "\""), PaymentEvent.class);
      assertEquals(expected, payment.getEventTime(), text);
    }
  }

  @Test
  void shouldFillMissingOptionalFieldsAndIgnoreUnknownOnes() {
    PaymentEvent payment =
        AvroJson.fromJson(
            MINIMAL_PAYMENT.replace("}", ",\"futureField\":{\"a\":[1,2]},\"memo\":\"hi\"}"),
            PaymentEvent.class);

    assertEquals(TestRecords.EVENT_TIME, payment.getEventTime());
    assertEquals("hi", payment.getMemo());
    assertNull(payment.getChannel());
    assertNull(payment.getMerchantName());
  }

  @Test
  void shouldNameMissingRequiredField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AvroJson.fromJson(
                    MINIMAL_PAYMENT.replace("\"payerId\":\"payer-2\",", ""), PaymentEvent.class));

    assertEquals("PaymentEvent.payerId: missing required field", e.getMessage());
  }

  @Test
  void shouldNameWrongEnumSymbol() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AvroJson.fromJson(
                    MINIMAL_PAYMENT.replace("P2P_TRANSFER", "CASH"), PaymentEvent.class));

    assertEquals(
        "PaymentEvent.type: unknown symbol 'CASH' for enum PaymentType, expected one of "
            + "[MERCHANT_PAYMENT, P2P_TRANSFER, RED_PACKET, TOP_UP, WITHDRAWAL]",
        e.getMessage());
  }

  @Test
  void shouldNamePathOfNestedField() {
    String json = AvroJson.toJson(TestRecords.decision());

    assertError(
        "ScreeningDecision.reasons[1].points: expected an int, got a string",
        json.replace("\"points\":25", "\"points\":\"25\""),
        ScreeningDecision.class);
    assertError(
        "ScreeningDecision.payment.payerId: missing required field",
        json.replace("\"payerId\":\"payer-1\",", ""),
        ScreeningDecision.class);
  }

  @Test
  void shouldRejectValuesThatDoNotFitTheSchema() {
    assertError(
        "PaymentEvent.currency: null for a non-nullable string",
        MINIMAL_PAYMENT.replace("\"CNY\"", "null"),
        PaymentEvent.class);
    assertError(
        "PaymentEvent.amountMinor: expected a long, got a number",
        MINIMAL_PAYMENT.replace("\"amountMinor\":1", "\"amountMinor\":1.5"),
        PaymentEvent.class);
    assertError(
        "PaymentEvent.eventTime: 'yesterday' is not an ISO-8601 timestamp",
        MINIMAL_PAYMENT.replace("1714550400123", "\"yesterday\""),
        PaymentEvent.class);
    assertError("PaymentEvent: expected an object, got an array", "[1]", PaymentEvent.class);
  }

  @Test
  void shouldRejectMalformedJsonAndTrailingContent() {
    IllegalArgumentException truncated =
        assertThrows(
            IllegalArgumentException.class,
            () -> AvroJson.fromJson("{\"transactionId\":", PaymentEvent.class));
    assertTrue(
        truncated.getMessage().startsWith("invalid JSON for PaymentEvent: "),
        truncated.getMessage());

    assertError(
        "invalid JSON for PaymentEvent: trailing content after the object",
        MINIMAL_PAYMENT + " {}",
        PaymentEvent.class);
  }

  @Test
  void shouldNameNullRequiredFieldWhenEncoding() {
    PaymentEvent broken = TestRecords.payment();
    broken.setPayerId(null);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AvroJson.toJson(broken));
    assertEquals("PaymentEvent.payerId: null for a non-nullable string", e.getMessage());
  }

  @Test
  void shouldRoundTripNonFiniteDoubles() {
    CryptoQuote quote = TestRecords.quote();
    quote.setPrice(Double.NaN);

    assertTrue(
        Double.isNaN(AvroJson.fromJson(AvroJson.toJson(quote), CryptoQuote.class).getPrice()));
  }

  private static <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T record) {
    String json = AvroJson.toJson(record);
    assertEquals(record, AvroJson.fromJson(json, type), json);
  }

  private static void assertError(
      String message, String json, Class<? extends SpecificRecord> type) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AvroJson.fromJson(json, type));
    assertEquals(message, e.getMessage());
  }
}
