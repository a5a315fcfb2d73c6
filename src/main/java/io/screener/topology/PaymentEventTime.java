package io.screener.topology;

import io.screener.avro.PaymentEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The payments topic's records count for stream time by their payment's event time, not by the
 * timestamp the producer set: a payment's legs are decided in the task it arrives in when they can
 * be, and that task's stream time drives the behaviour state's expiry, which runs in event time. A
 * record that will be dead-lettered (undecodable, or failing {@link PaymentValidation}, an event time
 * more than {@code validation.max-future-skew} ahead of the clock among them) leaves stream time
 * where it is, as the offline replay, which never takes such a payment in, has it.
 */
final class PaymentEventTime implements TimestampExtractor {
  private final Deserializer<PaymentEvent> deserializer;
  private final PaymentValidation validation;

  PaymentEventTime(Deserializer<PaymentEvent> deserializer, PaymentValidation validation) {
    this.deserializer = deserializer;
    this.validation = validation;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    // Never negative: Kafka Streams drops a record with a negative timestamp.
    long unchanged = Math.max(partitionTime, 0);
    if (!(record.value() instanceof byte[] value)) {
      return unchanged;
    }
    try {
      PaymentEvent payment = deserializer.deserialize(record.topic(), value);
      boolean usable = validation.problem(payment, System.currentTimeMillis()) == null;
      return usable ? payment.getEventTime().toEpochMilli() : unchanged;
    } catch (RuntimeException e) {
      return unchanged; // the intake dead-letters it with the reason
    }
  }
}
