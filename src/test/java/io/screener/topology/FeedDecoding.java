package io.screener.topology;

import static io.screener.fixtures.FuzzInputs.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.screener.fixtures.FuzzInputs;
import io.screener.screening.PaymentValidation;
import io.screener.serialization.AvroSerde;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * One feed's decoder as the topology builds it ({@link FeedValidation} around the Avro serde), for
 * the feed fuzz tests: any bytes either decode to a record that passes the feed's checks, or fail
 * with a {@link SerializationException} that says why (the deserialization handler dead-letters it
 * with that reason). Anything else thrown fails the fuzz test.
 */
final class FeedDecoding<T extends SpecificRecord> {
  private static final FeedValidation CHECKS =
      new FeedValidation(
          new PaymentValidation(FuzzInputs.settings().validation()), () -> FuzzInputs.NOW);

  private final String topic;
  private final AvroSerde<T> serde;
  private final Deserializer<T> decoder;

  FeedDecoding(
      String topic, Class<T> type, BiFunction<FeedValidation, Serde<T>, Serde<T>> checked) {
    this.topic = topic;
    this.serde = AvroSerde.of(type);
    this.decoder = checked.apply(CHECKS, serde).deserializer();
  }

  void decodeOrReject(byte[] input) {
    byte[] bytes = FuzzInputs.framed(input, serde.schema());
    T value;
    try {
      value = decoder.deserialize(topic, bytes);
    } catch (SerializationException e) {
      assertReason(e.getMessage(), input);
      return;
    }
    assertNotNull(value);
    // What the checks passed encodes and decodes (and passes) again unchanged.
    assertEquals(value, decoder.deserialize(topic, serde.serializer().serialize(topic, value)));
  }
}
