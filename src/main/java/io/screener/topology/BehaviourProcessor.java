package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.behaviour.AccountActivity;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps per-account behaviour state in three stores and attaches features to each payment: store
 * glue around {@link Behaviour}, which holds the logic. Idle state is swept in event time.
 */
final class BehaviourProcessor implements Processor<String, PaymentEvent, String, EnrichedPayment> {
  private final ActiveRules rules;
  private final Duration stateRetention;
  private final Duration sweepInterval;
  private final Duration dedupRetention;
  private final ScreeningEvents events;
  private ProcessorContext<String, EnrichedPayment> context;
  private Behaviour behaviour;
  // The rules version the current payment is screened under, taken once per payment.
  private ActiveRules.Version pinned;

  BehaviourProcessor(
      ActiveRules rules,
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
            context.getStateStore(ScreenerTopology.SEEN_STORE),
            sweepInterval.toMillis());
    this.pinned = rules.current();
    this.behaviour =
        new Behaviour(state, () -> pinned.scorer().rules().behaviour(), stateRetention, dedupRetention, events);
    context.schedule(sweepInterval, PunctuationType.STREAM_TIME, behaviour::sweep);
  }

  @Override
  public void process(Record<String, PaymentEvent> record) {
    PaymentEvent payment = record.value();
    long time = record.timestamp();
    pinned = rules.current();
    if (record.key().equals(payment.getPayeeId())) {
      BehaviourFeatures features = behaviour.received(payment, time);
      if (features != null) {
        context.forward(record.withValue(EnrichedPayment.of(payment, features, pinned)));
      }
    } else if (record.key().equals(payment.getPayerId())) {
      behaviour.sent(payment, time);
    } else {
      throw new IllegalStateException("payment leg keyed by neither its payer nor its payee");
    }
  }

  /** Behaviour state in the processor's three key-value stores, each an {@link IndexedStore}. */
  private static final class StoreState implements BehaviourState {
    private final IndexedStore<AccountActivity> accounts;
    private final IndexedStore<Long> pairs;
    private final IndexedStore<Long> seen;

    StoreState(
        KeyValueStore<String, AccountActivity> accounts,
        KeyValueStore<String, Long> pairs,
        KeyValueStore<String, Long> seen,
        long sweepIntervalMillis) {
      this.accounts = new IndexedStore<>(accounts, AccountActivity::lastSeen, sweepIntervalMillis);
      this.pairs = new IndexedStore<>(pairs, Long::longValue, sweepIntervalMillis);
      this.seen = new IndexedStore<>(seen, Long::longValue, sweepIntervalMillis);
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
      accounts.deleteOlderThan(idleCutoff);
      pairs.deleteOlderThan(idleCutoff);
      seen.deleteOlderThan(dedupCutoff);
    }
  }
}
