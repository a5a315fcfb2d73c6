package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.ScoringRules.BehaviourRules;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps per-account behaviour state and attaches features to each payment. Records arrive keyed by
 * account: a payment keyed by its payee is money received (one per payment: it goes on to scoring),
 * keyed by its payer it is money sent on (it only updates the sender's turnover). A payment seen
 * again within the dedup retention is not decided twice. Idle state is swept in event time.
 */
final class BehaviourProcessor implements Processor<String, PaymentEvent, String, EnrichedPayment> {
  private static final int SWEEP_BATCH = 10_000;

  private final Supplier<BehaviourRules> rules;
  private final Duration stateRetention;
  private final Duration sweepInterval;
  private final Duration dedupRetention;
  private final ScreeningEvents events;
  private ProcessorContext<String, EnrichedPayment> context;
  private KeyValueStore<String, AccountActivity> accounts;
  private KeyValueStore<String, Long> pairs;
  private KeyValueStore<String, Long> seen;

  BehaviourProcessor(
      Supplier<BehaviourRules> rules,
      Duration stateRetention,
      Duration sweepInterval,
      Duration dedupRetention,
      ScreeningEvents events) {
    this.rules = rules;
    this.stateRetention = stateRetention;
    this.sweepInterval = sweepInterval;
    this.dedupRetention = dedupRetention;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, EnrichedPayment> context) {
    this.context = context;
    this.accounts = context.getStateStore(ScreenerTopology.ACCOUNT_STORE);
    this.pairs = context.getStateStore(ScreenerTopology.PAIR_STORE);
    this.seen = context.getStateStore(ScreenerTopology.SEEN_STORE);
    context.schedule(sweepInterval, PunctuationType.STREAM_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, PaymentEvent> record) {
    PaymentEvent payment = record.value();
    long time = record.timestamp();
    if (record.key().equals(payment.getPayeeId())) {
      received(record, payment, time);
    } else if (record.key().equals(payment.getPayerId())) {
      sent(payment, time);
    } else {
      throw new IllegalStateException("payment leg keyed by neither its payer nor its payee");
    }
  }

  private void received(Record<String, PaymentEvent> record, PaymentEvent payment, long time) {
    if (!firstDelivery("in:", payment, time)) {
      events.duplicate(payment.getTransactionId());
      return;
    }
    String pairKey = Keys.pair(payment.getPayerId(), payment.getPayeeId());
    Long pairSeen = pairs.get(pairKey);
    pairs.put(pairKey, pairSeen == null ? time : Math.max(pairSeen, time));

    AccountActivity activity = accounts.get(payment.getPayeeId());
    if (activity == null) {
      activity = new AccountActivity();
    }
    BehaviourFeatures features =
        activity.recordInflow(
            time,
            Keys.hash(payment.getPayerId()),
            payment.getAmountMinor(),
            Keys.hash(payment.getDeviceId()),
            pairSeen == null,
            rules.get());
    accounts.put(payment.getPayeeId(), activity);
    context.forward(record.withValue(EnrichedPayment.of(payment, features)));
  }

  private void sent(PaymentEvent payment, long time) {
    if (!firstDelivery("out:", payment, time)) {
      return;
    }
    AccountActivity activity = accounts.get(payment.getPayerId());
    if (activity != null) {
      activity.recordOutflow(time, rules.get());
      accounts.put(payment.getPayerId(), activity);
    }
  }

  /** The two legs of one payment can share a task, so each leg has its own dedup key. */
  private boolean firstDelivery(String leg, PaymentEvent payment, long time) {
    String key = leg + payment.getTransactionId();
    if (seen.get(key) != null) {
      return false;
    }
    seen.put(key, time);
    return true;
  }

  private void sweep(long streamTime) {
    deleteOlderThan(accounts, AccountActivity::lastSeen, streamTime - stateRetention.toMillis());
    deleteOlderThan(pairs, Long::longValue, streamTime - stateRetention.toMillis());
    deleteOlderThan(seen, Long::longValue, streamTime - dedupRetention.toMillis());
  }

  /**
   * Deletes in batches, closing the iterator before each batch of deletes so no store
   * implementation sees writes under an open iterator; each batch resumes where the last stopped.
   */
  private static <V> void deleteOlderThan(
      KeyValueStore<String, V> store, ToLongFunction<V> lastSeen, long cutoff) {
    String from = null;
    while (true) {
      List<String> expired = new ArrayList<>();
      String last = null;
      int scanned = 0;
      try (KeyValueIterator<String, V> entries = store.range(from, null)) {
        while (scanned < SWEEP_BATCH && entries.hasNext()) {
          KeyValue<String, V> entry = entries.next();
          scanned++;
          last = entry.key;
          if (lastSeen.applyAsLong(entry.value) < cutoff) {
            expired.add(entry.key);
          }
        }
      }
      expired.forEach(store::delete);
      if (scanned < SWEEP_BATCH) {
        return;
      }
      from = last;
    }
  }
}
