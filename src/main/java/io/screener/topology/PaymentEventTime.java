package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.screening.PaymentValidation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The payments topic's records count for stream time by their payment's event time, not by the
 * timestamp the producer set: a payment's legs are decided in the task it arrives in when they can
 * be, and that task's stream time drives the behaviour state's expiry, which runs in event time. A
 * record that will be dead-lettered (undecodable, or failing {@link PaymentValidation}, an event
 * time more than {@code validation.max-future-skew} ahead of the clock among them) leaves stream
 * time where it is, as the offline replay, which never takes such a payment in, has it. A valid
 * payment dated ahead of the clock counts as now.
 */
final class PaymentEventTime implements TimestampExtractor {
  private final PaymentValidation validation;

  PaymentEventTime(PaymentValidation validation) {
    this.validation = validation;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    // Never negative: Kafka Streams drops a record with a negative timestamp.
    long unchanged = Math.max(partitionTime, 0);
    // The source has decoded the record (IncomingPayment); one that did not decode, or that the
    // intake will refuse, is dead-lettered there with the reason.
    if (record.value() instanceof IncomingPayment incoming && incoming.payment() != null) {
      PaymentEvent payment = incoming.payment();
      long now = System.currentTimeMillis();
      if (validation.problem(payment, now) == null) {
        // A payment dated ahead (within validation.max-future-skew) counts as now: one record must
        // not drag the task's stream time, and with it dedup and expiry cutoffs, past the clock.
        return Math.min(payment.getEventTime().toEpochMilli(), now);
      }
    }
    return unchanged;
  }
}
