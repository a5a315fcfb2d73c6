package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.ScoringRules.BehaviourRules;
import io.screener.domain.behaviour.AccountActivity;
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
 * Keeps per-account behaviour state in three stores and attaches features to each payment: store
 * glue around {@link Behaviour}, which holds the logic. Idle state is swept in event time.
 */
final class BehaviourProcessor implements Processor<String, PaymentEvent, String, EnrichedPayment> {
  private static final int SWEEP_BATCH = 10_000;

  private final Supplier<BehaviourRules> rules;
  private final Duration stateRetention;
  private final Duration sweepInterval;
  private final Duration dedupRetention;
  private final ScreeningEvents events;
  private ProcessorContext<String, EnrichedPayment> context;
  private Behaviour behaviour;

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
    StoreState state =
        new StoreState(
            context.getStateStore(ScreenerTopology.ACCOUNT_STORE),
            context.getStateStore(ScreenerTopology.PAIR_STORE),
            context.getStateStore(ScreenerTopology.SEEN_STORE));
    this.behaviour = new Behaviour(state, rules, stateRetention, dedupRetention, events);
    context.schedule(sweepInterval, PunctuationType.STREAM_TIME, behaviour::sweep);
  }

  @Override
  public void process(Record<String, PaymentEvent> record) {
    PaymentEvent payment = record.value();
    long time = record.timestamp();
    if (record.key().equals(payment.getPayeeId())) {
      BehaviourFeatures features = behaviour.received(payment, time);
      if (features != null) {
        context.forward(record.withValue(EnrichedPayment.of(payment, features)));
      }
    } else if (record.key().equals(payment.getPayerId())) {
      behaviour.sent(payment, time);
    } else {
      throw new IllegalStateException("payment leg keyed by neither its payer nor its payee");
    }
  }

  /** Behaviour state in the processor's three key-value stores. */
  private static final class StoreState implements BehaviourState {
    private final KeyValueStore<String, AccountActivity> accounts;
    private final KeyValueStore<String, Long> pairs;
    private final KeyValueStore<String, Long> seen;

    StoreState(
        KeyValueStore<String, AccountActivity> accounts,
        KeyValueStore<String, Long> pairs,
        KeyValueStore<String, Long> seen) {
      this.accounts = accounts;
      this.pairs = pairs;
      this.seen = seen;
    }

    @Override
    public AccountActivity account(String accountId) {
      return accounts.get(accountId);
    }

    @Override
    public void putAccount(String accountId, AccountActivity activity) {
      accounts.put(accountId, activity);
    }

    @Override
    public Long pair(String pairKey) {
      return pairs.get(pairKey);
    }

    @Override
    public void putPair(String pairKey, long time) {
      pairs.put(pairKey, time);
    }

    @Override
    public Long seen(String legKey) {
      return seen.get(legKey);
    }

    @Override
    public void putSeen(String legKey, long time) {
      seen.put(legKey, time);
    }

    @Override
    public void deleteOlderThan(long idleCutoff, long dedupCutoff) {
      deleteFrom(accounts, AccountActivity::lastSeen, idleCutoff);
      deleteFrom(pairs, Long::longValue, idleCutoff);
      deleteFrom(seen, Long::longValue, dedupCutoff);
    }
  }

  /**
   * Deletes in batches, closing the iterator before each batch of deletes so no store
   * implementation sees writes under an open iterator; each batch resumes where the last stopped.
   */
  private static <V> void deleteFrom(
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
