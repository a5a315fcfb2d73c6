package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.config.ScreenerSettings.Validation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The payments topic's records count for stream time by their payment's event time, not by the
 * timestamp the producer set: a payment's legs are decided in the task it arrives in when they can
 * be, and that task's stream time drives the behaviour state's expiry, which runs in event time. A
 * record that will be dead-lettered (undecodable, or an event time the intake refuses: before
 * {@code validation.earliest-event-time}, or more than {@code validation.max-future-skew} ahead of
 * the clock) leaves stream time where it is.
 */
final class PaymentEventTime implements TimestampExtractor {
  private final Deserializer<PaymentEvent> deserializer;
  private final long earliest;
  private final long maxFutureSkew;

  PaymentEventTime(Deserializer<PaymentEvent> deserializer, Validation limits) {
    this.deserializer = deserializer;
    this.earliest = limits.earliestEventTime().toEpochMilli();
    this.maxFutureSkew = limits.maxFutureSkew().toMillis();
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    // Never negative: Kafka Streams drops a record with a negative timestamp.
    long unchanged = Math.max(partitionTime, 0);
    if (!(record.value() instanceof byte[] value)) {
      return unchanged;
    }
    try {
      long eventTime = deserializer.deserialize(record.topic(), value).getEventTime().toEpochMilli();
      boolean usable = eventTime >= earliest && eventTime <= System.currentTimeMillis() + maxFutureSkew;
      return usable ? eventTime : unchanged;
    } catch (RuntimeException e) {
      return unchanged; // the intake dead-letters it with the reason
    }
  }
}
