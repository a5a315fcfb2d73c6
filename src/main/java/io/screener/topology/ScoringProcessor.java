package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import io.screener.screening.AvroMapping;
import io.screener.screening.ScreeningEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Scores the payment with the rules version (and the quotes) its behaviour step took, and emits the
 * decision keyed by transaction id. When a shadow version is set beside it, the payment is scored
 * by the shadow too, from the same input: the pair of decisions is counted, and when they differ a
 * {@link io.screener.avro.ShadowDiff} follows the decision. The shadow's outcome goes nowhere else.
 * The reference feeds (merchant reputation, counterparty reputation and account status of payer and
 * payee) are looked up here, in their global stores ({@link ReferenceFeed}).
 */
final class ScoringProcessor implements Processor<String, EnrichedPayment, String, SpecificRecord> {
  private final ScreenerTopology.Feeds feeds;
  private final ScreeningEvents events;
  private ProcessorContext<String, SpecificRecord> context;
  private ReferenceFeed<MerchantReputation>.Reader merchants;
  private ReferenceFeed<CounterpartyReputation>.Reader counterparties;
  private ReferenceFeed<AccountAction>.Reader statuses;

  ScoringProcessor(ScreenerTopology.Feeds feeds, ScreeningEvents events) {
    this.feeds = feeds;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.merchants = feeds.merchants().reader(context);
    this.counterparties = feeds.counterparties().reader(context);
    this.statuses = feeds.accountStatus().reader(context);
  }

  @Override
  public void process(Record<String, EnrichedPayment> record) {
    EnrichedPayment enriched = record.value();
    PaymentEvent payment = enriched.payment();
    ScreeningInput input =
        AvroMapping.input(
            payment,
            enriched.features(),
            merchants.get(payment.getPayeeId()),
            counterparties.get(payment.getPayerId()),
            counterparties.get(payment.getPayeeId()),
            statuses.get(payment.getPayerId()),
            statuses.get(payment.getPayeeId()),
            enriched.quotes());
    Scorer current = enriched.rules().scorer();
    long start = System.nanoTime();
    Screening screening = current.score(input);
    events.decided(screening, System.nanoTime() - start);
    enriched.outcome().decided(screening);
    events.eventTime(payment.getEventTime().toEpochMilli());
    long decidedAt = context.currentSystemTimeMs();
    ScreeningDecision decision =
        AvroMapping.decision(payment, screening, current.rules().version(), decidedAt);
    long receivedAt = ReceivedAt.take(record.headers());
    Record<String, EnrichedPayment> keyed = record.withKey(payment.getTransactionId());
    context.forward(keyed.withValue(decision));
    if (receivedAt >= 0) {
      events.processed(Math.max(0, context.currentSystemTimeMs() - receivedAt));
    }
    Scorer shadow = enriched.rules().shadow();
    if (shadow != null) {
      Screening candidate = shadow.score(input);
      events.shadowDecided(screening.decision(), candidate.decision());
      if (candidate.decision() != screening.decision()) {
        context.forward(
            keyed.withValue(
                AvroMapping.shadowDiff(
                    payment,
                    screening,
                    current.rules().version(),
                    candidate,
                    shadow.rules().version(),
                    decidedAt)));
      }
    }
  }
}
