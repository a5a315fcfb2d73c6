package io.screener.topology;

import io.screener.avro.ReviewVerdict;
import io.screener.avro.internal.EnforcementEvent;
import io.screener.avro.internal.ReviewItem;
import io.screener.domain.enforcement.AccountEvent;
import io.screener.domain.enforcement.EnforcementRules;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.ReviewRetention;
import io.screener.domain.enforcement.Verdict;
import io.screener.screening.DeadLetterStage;
import io.screener.screening.EnforcementMapping;
import io.screener.screening.PaymentValidation;
import io.screener.screening.ScreeningEvents;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps flagged and blocked payments for {@code review.retention} (by payment time) and meets
 * analysts' verdicts with them, keyed by transaction id. A blocked payment strikes its accounts as
 * soon as it arrives; a verdict sends what it means to the accounts (see {@link ReviewCase}); a
 * verdict for a payment not kept, or dated too far ahead of the clock, goes to the dead-letter
 * topic.
 */
final class ReviewLedgerProcessor
    implements Processor<String, ReviewItem, String, Routed<EnforcementEvent>> {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewLedgerProcessor.class);

  private final ActiveRules rules;
  private final ReviewRetention retention;
  private final long sweepIntervalMillis;
  private final int maxIndexedKeys;
  private final Serializer<ReviewVerdict> verdicts;
  private final ScreeningEvents events;
  private final PaymentValidation validation;
  private ProcessorContext<String, Routed<EnforcementEvent>> context;
  private IndexedStore<String, ReviewCase> cases;

  ReviewLedgerProcessor(
      ActiveRules rules,
      Duration retention,
      Duration sweepInterval,
      int maxIndexedKeys,
      PaymentValidation validation,
      Serializer<ReviewVerdict> verdicts,
      ScreeningEvents events) {
    this.rules = rules;
    this.validation = validation;
    this.retention = new ReviewRetention(retention.toMillis(), sweepInterval.toMillis());
    this.sweepIntervalMillis = sweepInterval.toMillis();
    this.maxIndexedKeys = maxIndexedKeys;
    this.verdicts = verdicts;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, Routed<EnforcementEvent>> context) {
    this.context = context;
    KeyValueStore<String, ReviewCase> store = context.getStateStore(ScreenerTopology.REVIEW_STORE);
    this.cases =
        new IndexedStore<>(
            store, (id, reviewCase) -> reviewCase.eventTime(), sweepIntervalMillis, maxIndexedKeys);
  }

  @Override
  public void process(Record<String, ReviewItem> record) {
    ReviewItem item = record.value();
    EnforcementRules ladder = rules.current().ladder().rules();
    if (item.getDecision() != null) {
      ReviewCase decided = EnforcementMapping.reviewCase(item);
      if (cases.get(decided.transactionId()) == null) {
        cases.put(decided.transactionId(), decided);
        send(record, decided.decided(ladder));
      }
      long cutoff = retention.seen(decided.eventTime());
      if (cutoff != Long.MIN_VALUE) {
        cases.deleteOlderThan(cutoff);
      }
      return;
    }
    ReviewVerdict verdict = item.getVerdict();
    ReviewCase reviewed = cases.get(verdict.getTransactionId());
    String reason = validation.problem(verdict, reviewed, context.currentSystemTimeMs());
    if (reason != null) {
      RecordHeaders headers = new RecordHeaders(record.headers().toArray());
      DeadLetters.annotate(
          headers, DeadLetterStage.VALIDATE, reason, context.recordMetadata().orElse(null));
      // The reason names the transaction: it goes on the dead letter's header, not into the log.
      LOG.warn(
          "dead-lettered verdict {} (VALIDATE); the reason is in its screener.error header",
          context
              .recordMetadata()
              .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
              .orElse("(no source)"));
      events.verdictDeadLettered(reason);
      context.forward(
          record
              .withHeaders(headers)
              .withValue(new Routed.DeadLetter<>(verdicts.serialize(null, verdict), reason)));
      return;
    }
    // A verdict without a problem names a case on record.
    Objects.requireNonNull(reviewed, "the case a valid verdict names");
    Verdict given = EnforcementMapping.verdict(verdict);
    long time = verdict.getDecidedAt().toEpochMilli();
    cases.put(reviewed.transactionId(), reviewed.withVerdict(given));
    send(record, reviewed.judged(given, time, ladder));
  }

  private void send(Record<String, ReviewItem> record, List<AccountEvent> accountEvents) {
    for (AccountEvent event : accountEvents) {
      context.forward(
          record
              .withKey(event.accountId())
              .withValue(
                  (Routed<EnforcementEvent>) new Routed.Onward<>(EnforcementMapping.event(event)))
              .withTimestamp(event.time()));
    }
  }
}
