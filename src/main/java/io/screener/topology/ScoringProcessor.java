package io.screener.topology;

import io.screener.avro.ScreeningDecision;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Prices the payment at the USDT and BTC quotes in force at its event time, scores it, and emits the
 * decision keyed by transaction id.
 */
final class ScoringProcessor implements Processor<String, EnrichedPayment, String, ScreeningDecision> {
  private final Supplier<Scorer> scorer;
  private final ScreeningEvents events;
  private ProcessorContext<String, ScreeningDecision> context;
  private QuoteHistory.Lookup quotes;

  ScoringProcessor(Supplier<Scorer> scorer, ScreeningEvents events) {
    this.scorer = scorer;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, ScreeningDecision> context) {
    this.context = context;
    this.quotes =
        new QuoteHistory.Lookup(
            context.getStateStore(ScreenerTopology.QUOTE_STORE),
            scorer.get().rules().quotes().maxQuoteAgeMillis());
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
            quotes);
    Scorer current = scorer.get();
    long start = System.nanoTime();
    Screening screening = current.score(input);
    events.decided(screening, System.nanoTime() - start);
    ScreeningDecision decision =
        AvroMapping.decision(
            enriched.payment(), screening, current.rules().version(), context.currentSystemTimeMs());
    long receivedAt = ReceivedAt.take(record.headers());
    context.forward(record.withKey(enriched.payment().getTransactionId()).withValue(decision));
    if (receivedAt >= 0) {
      events.processed(Math.max(0, context.currentSystemTimeMs() - receivedAt));
    }
  }
}
