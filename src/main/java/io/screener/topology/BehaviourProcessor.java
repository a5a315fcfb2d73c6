package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.behaviour.AccountActivity;
import java.time.Duration;
import java.util.function.ToLongFunction;
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
  /** Bound of each store's expiry index, per task: about 35 MB at most (see {@link ExpiryIndex}). */
  private static final int MAX_INDEXED_KEYS = 500_000;

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

  /**
   * Behaviour state in the processor's three key-value stores, each with an {@link ExpiryIndex} so
   * that a sweep reads only the keys that may have expired. The indexes live in memory and start
   * empty whenever the processor is initialised (after a restore, a rebalance or a restart): the
   * first sweep of each store is a full scan, which builds the index.
   */
  private static final class StoreState implements BehaviourState {
    private final KeyValueStore<String, AccountActivity> accounts;
    private final KeyValueStore<String, Long> pairs;
    private final KeyValueStore<String, Long> seen;
    private final ExpiryIndex accountIndex;
    private final ExpiryIndex pairIndex;
    private final ExpiryIndex seenIndex;
    // The behaviour step reads a key and then writes it: the time read tells whether the write
    // moves the key to another bucket of the index.
    private String lastAccountKey;
    private Long lastAccountTime;
    private String lastPairKey;
    private Long lastPairTime;
    private String lastSeenKey;
    private Long lastSeenTime;

    StoreState(
        KeyValueStore<String, AccountActivity> accounts,
        KeyValueStore<String, Long> pairs,
        KeyValueStore<String, Long> seen,
        long sweepIntervalMillis) {
      this.accounts = accounts;
      this.pairs = pairs;
      this.seen = seen;
      this.accountIndex = new ExpiryIndex(sweepIntervalMillis, MAX_INDEXED_KEYS);
      this.pairIndex = new ExpiryIndex(sweepIntervalMillis, MAX_INDEXED_KEYS);
      this.seenIndex = new ExpiryIndex(sweepIntervalMillis, MAX_INDEXED_KEYS);
    }

    @Override
    public AccountActivity account(String accountId) {
      AccountActivity activity = accounts.get(accountId);
      lastAccountKey = accountId;
      lastAccountTime = activity == null ? null : activity.lastSeen();
      return activity;
    }

    @Override
    public void putAccount(String accountId, AccountActivity activity) {
      accounts.put(accountId, activity);
      accountIndex.written(accountId, activity.lastSeen(), accountId.equals(lastAccountKey) ? lastAccountTime : null);
      lastAccountKey = accountId;
      lastAccountTime = activity.lastSeen();
    }

    @Override
    public Long pair(String pairKey) {
      Long time = pairs.get(pairKey);
      lastPairKey = pairKey;
      lastPairTime = time;
      return time;
    }

    @Override
    public void putPair(String pairKey, long time) {
      pairs.put(pairKey, time);
      pairIndex.written(pairKey, time, pairKey.equals(lastPairKey) ? lastPairTime : null);
      lastPairKey = pairKey;
      lastPairTime = time;
    }

    @Override
    public Long seen(String legKey) {
      Long time = seen.get(legKey);
      lastSeenKey = legKey;
      lastSeenTime = time;
      return time;
    }

    @Override
    public void putSeen(String legKey, long time) {
      seen.put(legKey, time);
      seenIndex.written(legKey, time, legKey.equals(lastSeenKey) ? lastSeenTime : null);
      lastSeenKey = legKey;
      lastSeenTime = time;
    }

    @Override
    public void deleteOlderThan(long idleCutoff, long dedupCutoff) {
      lastAccountKey = null;
      lastPairKey = null;
      lastSeenKey = null;
      accountIndex.deleteOlderThan(view(accounts, AccountActivity::lastSeen), idleCutoff);
      pairIndex.deleteOlderThan(view(pairs, Long::longValue), idleCutoff);
      seenIndex.deleteOlderThan(view(seen, Long::longValue), dedupCutoff);
    }
  }

  private static <V> ExpiryIndex.Store view(KeyValueStore<String, V> store, ToLongFunction<V> time) {
    return new ExpiryIndex.Store() {
      @Override
      public Long time(String key) {
        V value = store.get(key);
        return value == null ? null : time.applyAsLong(value);
      }

      @Override
      public void delete(String key) {
        StoreSweep.delete(store, key);
      }

      @Override
      public void deleteOlderThan(long cutoff, ExpiryIndex.Survivor survivor) {
        StoreSweep.visit(
            store,
            (key, value) -> {
              long at = time.applyAsLong(value);
              if (at < cutoff) {
                return StoreSweep.deletion();
              }
              survivor.kept(key, at);
              return null;
            });
      }
    };
  }
}
