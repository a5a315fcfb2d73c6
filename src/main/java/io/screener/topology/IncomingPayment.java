package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.serialization.SchemaRegistryException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.jspecify.annotations.Nullable;

/**
 * A record of the payments topic as read: its bytes, and the payment they decode to or why they do
 * not. The source decodes each record once, into this, so that a record that cannot be decoded
 * reaches the intake (which dead-letters it with the reason) instead of Kafka Streams'
 * deserialization handler, and so that the event-time extractor and the intake share the one
 * decoded payment.
 */
record IncomingPayment(byte[] bytes, @Nullable PaymentEvent payment, @Nullable String problem) {

  /**
   * How the payments source reads values; throws only when the schema registry cannot be asked. A
   * null value stays null.
   */
  static Serde<IncomingPayment> serde(Deserializer<PaymentEvent> payments) {
    Deserializer<IncomingPayment> read =
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          try {
            return new IncomingPayment(data, payments.deserialize(topic, data), null);
          } catch (SchemaRegistryException e) {
            throw e; // not the record's fault: the thread fails and reads it again
          } catch (RuntimeException e) {
            return new IncomingPayment(data, null, DeadLetters.reason(e));
          }
        };
    return Serdes.serdeFrom((topic, incoming) -> incoming == null ? null : incoming.bytes(), read);
  }
}
