package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.topology.DeadLetters.Stage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates each input record. A usable payment goes on stamped with its own event
 * time, so all state downstream runs in event time whatever timestamp the producer set; anything
 * else goes on as rejected, with dead-letter headers saying why and where it came from.
 */
final class PaymentIntakeProcessor implements Processor<byte[], byte[], byte[], Routed<PaymentEvent>> {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentIntakeProcessor.class);

  private final Deserializer<PaymentEvent> deserializer;
  private final PaymentValidation validation;
  private final ScreeningEvents events;
  private ProcessorContext<byte[], Routed<PaymentEvent>> context;

  PaymentIntakeProcessor(
      Deserializer<PaymentEvent> deserializer, PaymentValidation validation, ScreeningEvents events) {
    this.deserializer = deserializer;
    this.validation = validation;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<byte[], Routed<PaymentEvent>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      reject(record, Stage.DECODE, "record has no value");
      return;
    }
    PaymentEvent payment;
    try {
      payment = deserializer.deserialize(sourceTopic(), record.value());
    } catch (RuntimeException e) {
      reject(record, Stage.DECODE, describe(e));
      return;
    }
    String problem = validation.problem(payment, context.currentSystemTimeMs());
    if (problem != null) {
      reject(record, Stage.VALIDATE, problem);
      return;
    }
    context.forward(
        record
            .withValue((Routed<PaymentEvent>) new Routed.Onward<PaymentEvent>(payment))
            .withTimestamp(payment.getEventTime().toEpochMilli())
            .withHeaders(ReceivedAt.stamped(record.headers(), context.currentSystemTimeMs())));
  }

  private void reject(Record<byte[], byte[]> record, Stage stage, String reason) {
    var source = context.recordMetadata().orElse(null);
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    DeadLetters.annotate(headers, stage, reason, source);
    String where = source == null ? "?" : source.topic() + "-" + source.partition() + "@" + source.offset();
    LOG.warn("dead-lettered payment record {} ({}): {}", where, stage, reason);
    events.deadLettered(stage, reason);
    context.forward(
        record.withHeaders(headers).withValue((Routed<PaymentEvent>) new Routed.DeadLetter<PaymentEvent>(record.value(), reason)));
  }

  private String sourceTopic() {
    return context.recordMetadata().map(m -> m.topic()).orElse("");
  }

  private static String describe(RuntimeException e) {
    Throwable cause = e;
    String message = e.getMessage();
    while (message == null && cause.getCause() != null) {
      cause = cause.getCause();
      message = cause.getMessage();
    }
    return message != null ? message : e.getClass().getSimpleName();
  }
}
