package io.screener.topology;

import io.screener.avro.ScreeningDecision;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import io.screener.screening.AvroMapping;
import io.screener.screening.ScreeningEvents;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Scores the payment with the rules version (and the quotes) its behaviour step took, and emits the
 * decision keyed by transaction id.
 */
final class ScoringProcessor
    implements Processor<String, EnrichedPayment, String, ScreeningDecision> {
  private final ScreeningEvents events;
  private ProcessorContext<String, ScreeningDecision> context;

  ScoringProcessor(ScreeningEvents events) {
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, ScreeningDecision> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, EnrichedPayment> record) {
    EnrichedPayment enriched = record.value();
    ScreeningInput input =
        AvroMapping.input(
            enriched.payment(),
            enriched.features(),
            enriched.merchant(),
            enriched.payer(),
            enriched.payee(),
            enriched.payerAction(),
            enriched.payeeAction(),
            enriched.quotes());
    Scorer current = enriched.rules().scorer();
    long start = System.nanoTime();
    Screening screening = current.score(input);
    events.decided(screening, System.nanoTime() - start);
    events.eventTime(enriched.payment().getEventTime().toEpochMilli());
    ScreeningDecision decision =
        AvroMapping.decision(
            enriched.payment(),
            screening,
            current.rules().version(),
            context.currentSystemTimeMs());
    long receivedAt = ReceivedAt.take(record.headers());
    context.forward(record.withKey(enriched.payment().getTransactionId()).withValue(decision));
    if (receivedAt >= 0) {
      events.processed(Math.max(0, context.currentSystemTimeMs() - receivedAt));
    }
  }
}
