package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.screener.avro.Decision;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.serialization.AvroJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * The replay's payment codec follows the schema: every field of {@code PaymentEvent.avsc} has a
 * form, a field of a kind it has none for fails by name, and a payment with each field set (values
 * chosen from each field's kind, so a field added to the schema is covered with no change here)
 * reads and writes the same through every path as through {@link AvroJson}.
 */
class PaymentShapeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void everySchemaFieldHasAFormInTheSchemasOrder() {
    List<Schema.Field> declared = PaymentEvent.getClassSchema().getFields();
    assertEquals(declared.size(), PaymentShape.FIELDS.size());
    for (Schema.Field f : declared) {
      PaymentShape.Field shape = PaymentShape.FIELDS.get(f.pos());
      assertEquals(f.name(), shape.name());
      assertEquals(f.pos(), shape.position());
      assertEquals(
          (f.pos() == 0 ? "{" : ",") + "\"" + f.name() + "\":",
          new String(shape.key(), StandardCharsets.US_ASCII));
      assertEquals(shape, PaymentShape.field(f.name()));
    }
    assertTrue(
        PaymentShape.field("currency").repeats(), "the schema's \"repeats\" property is read");
    assertTrue(!PaymentShape.field("memo").repeats());
  }

  @Test
  void aFieldOfAKindTheCodecHasNoFormForFailsNamingIt() {
    Schema record =
        SchemaBuilder.record("PaymentEvent")
            .namespace("io.screener.avro")
            .fields()
            .requiredString("transactionId")
            .name("fee")
            .type()
            .doubleType()
            .noDefault()
            .endRecord();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PaymentShape.fields(record));
    assertTrue(
        e.getMessage().startsWith("PaymentEvent.fee: the replay's JSON codec has no form for"),
        e.getMessage());
  }

  @Test
  void aPaymentWithEveryFieldSetReadsAndWritesAsAvroJson() throws Exception {
    for (boolean optionalsSet : new boolean[] {true, false}) {
      PaymentEvent payment = everyField(optionalsSet);
      String json = AvroJson.toJson(payment);
      byte[] line = json.getBytes(StandardCharsets.UTF_8);

      PaymentEvent canonical =
          ReplayJson.canonicalPayment(line, 0, line.length, new ReplayJson.Strings());
      assertNotNull(canonical, json);
      assertEquals(payment, canonical, "canonical path");

      String reordered = reversed(json);
      assertNull(
          ReplayJson.canonicalPayment(
              reordered.getBytes(StandardCharsets.UTF_8),
              0,
              reordered.length(),
              new ReplayJson.Strings()));
      assertEquals(payment, ReplayJson.decodePayment(reordered), "general path");
      assertEquals(
          AvroJson.fromJson(reordered, PaymentEvent.class), ReplayJson.decodePayment(reordered));

      ScreeningDecision decision =
          new ScreeningDecision(
              "t", Decision.FLAG, 50, null, List.of(), payment, "v1", Instant.ofEpochMilli(9));
      Utf8Buffer encoded = new Utf8Buffer(16);
      ReplayJson.encodeDecision(decision, encoded);
      assertArrayEquals(
          AvroJson.toJson(decision).getBytes(StandardCharsets.UTF_8),
          encoded.toByteArray(),
          "encoder");
    }
  }

  @Test
  void aMissingRequiredFieldIsLeftToAvroJsonWhateverTheField() throws Exception {
    String json = AvroJson.toJson(everyField(true));
    for (PaymentShape.Field f : PaymentShape.FIELDS) {
      if (!f.required()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> members = MAPPER.readValue(json, LinkedHashMap.class);
      members.remove(f.name());
      String without = MAPPER.writeValueAsString(members);
      IllegalArgumentException expected =
          assertThrows(
              IllegalArgumentException.class, () -> AvroJson.fromJson(without, PaymentEvent.class));
      IllegalArgumentException actual =
          assertThrows(
              IllegalArgumentException.class, () -> ReplayJson.decodePayment(without), f.name());
      assertEquals(expected.getMessage(), actual.getMessage());
    }
  }

  /** A payment with a distinct value in each field, chosen by the field's kind. */
  private static PaymentEvent everyField(boolean optionalsSet) {
    PaymentEvent payment = new PaymentEvent();
    for (PaymentShape.Field f : PaymentShape.FIELDS) {
      Object value =
          switch (f.kind()) {
            case STRING -> "v-" + f.name() + "-数字";
            case OPTIONAL_STRING -> optionalsSet ? "o-" + f.name() + "-é" : null;
            case LONG -> 1_000L * (f.position() + 1) + 7;
            case TIMESTAMP -> Instant.ofEpochMilli(1_700_000_000_000L + f.position());
            case ENUM -> f.symbols()[f.symbols().length - 1];
          };
      payment.put(f.position(), value);
    }
    return payment;
  }

  /** The same JSON object with its members in the opposite order. */
  private static String reversed(String json) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> members = MAPPER.readValue(json, LinkedHashMap.class);
    List<String> names = new ArrayList<>(members.keySet());
    Collections.reverse(names);
    Map<String, Object> reversed = new LinkedHashMap<>();
    for (String name : names) {
      reversed.put(name, members.get(name));
    }
    return MAPPER.writeValueAsString(reversed);
  }
}
