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
    private final Indexed<AccountActivity> accounts;
    private final Indexed<Long> pairs;
    private final Indexed<Long> seen;

    StoreState(
        KeyValueStore<String, AccountActivity> accounts,
        KeyValueStore<String, Long> pairs,
        KeyValueStore<String, Long> seen,
        long sweepIntervalMillis) {
      this.accounts = new Indexed<>(accounts, AccountActivity::lastSeen, sweepIntervalMillis);
      this.pairs = new Indexed<>(pairs, Long::longValue, sweepIntervalMillis);
      this.seen = new Indexed<>(seen, Long::longValue, sweepIntervalMillis);
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

  /**
   * One store and its expiry index. The behaviour step reads a key and then writes it: the time read
   * tells the index whether the write moves the key to another bucket.
   */
  private static final class Indexed<V> implements ExpiryIndex.Store {
    private final KeyValueStore<String, V> store;
    private final ToLongFunction<V> time;
    private final ExpiryIndex index;
    private String lastKey;
    private Long lastTime;

    Indexed(KeyValueStore<String, V> store, ToLongFunction<V> time, long sweepIntervalMillis) {
      this.store = store;
      this.time = time;
      this.index = new ExpiryIndex(sweepIntervalMillis, MAX_INDEXED_KEYS);
    }

    V get(String key) {
      V value = store.get(key);
      lastKey = key;
      lastTime = value == null ? null : time.applyAsLong(value);
      return value;
    }

    void put(String key, V value) {
      store.put(key, value);
      long at = time.applyAsLong(value);
      index.written(key, at, key.equals(lastKey) ? lastTime : null);
      lastKey = key;
      lastTime = at;
    }

    void deleteOlderThan(long cutoff) {
      lastKey = null;
      index.deleteOlderThan(this, cutoff);
    }

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
  }
}
