package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.screening.DeadLetterStage;
import io.screener.screening.PaymentValidation;
import io.screener.screening.ScreeningEvents;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates each input record, as the source decoded it ({@link IncomingPayment}). A usable payment
 * goes on stamped with its own event time, so all state downstream runs in event time whatever
 * timestamp the producer set; anything else (undecodable, no value, or failing {@link
 * PaymentValidation}) goes on as rejected, with dead-letter headers saying why and where it came
 * from.
 */
final class PaymentIntakeProcessor
    implements Processor<byte[], IncomingPayment, byte[], Routed<PaymentEvent>> {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentIntakeProcessor.class);

  private final PaymentValidation validation;
  private final ScreeningEvents events;
  private ProcessorContext<byte[], Routed<PaymentEvent>> context;

  PaymentIntakeProcessor(PaymentValidation validation, ScreeningEvents events) {
    this.validation = validation;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<byte[], Routed<PaymentEvent>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], IncomingPayment> record) {
    IncomingPayment incoming = record.value();
    if (incoming == null) {
      reject(record, null, DeadLetterStage.DECODE, "record has no value");
      return;
    }
    PaymentEvent payment = incoming.payment();
    if (payment == null) {
      reject(
          record,
          incoming.bytes(),
          DeadLetterStage.DECODE,
          Objects.requireNonNull(incoming.problem(), "an undecoded payment record's problem"));
      return;
    }
    long now = context.currentSystemTimeMs();
    String problem = validation.problem(payment, now);
    if (problem != null) {
      reject(record, incoming.bytes(), DeadLetterStage.VALIDATE, problem);
      return;
    }
    context.forward(
        record
            .withValue((Routed<PaymentEvent>) new Routed.Onward<PaymentEvent>(payment))
            // Stamped with its event time, or now if it is dated ahead (see PaymentEventTime).
            .withTimestamp(Math.min(payment.getEventTime().toEpochMilli(), now))
            .withHeaders(ReceivedAt.stamped(record.headers(), context.currentSystemTimeMs())));
  }

  private void reject(
      Record<byte[], IncomingPayment> record,
      byte @Nullable [] bytes,
      DeadLetterStage stage,
      String reason) {
    var source = context.recordMetadata().orElse(null);
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    DeadLetters.annotate(headers, stage, reason, source);
    String where =
        source == null ? "?" : source.topic() + "-" + source.partition() + "@" + source.offset();
    LOG.warn("dead-lettered payment record {} ({}): {}", where, stage, reason);
    events.deadLettered(stage, reason);
    context.forward(
        record
            .withHeaders(headers)
            .withValue((Routed<PaymentEvent>) new Routed.DeadLetter<PaymentEvent>(bytes, reason)));
  }
}
