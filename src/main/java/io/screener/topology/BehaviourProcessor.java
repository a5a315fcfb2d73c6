package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.Keys;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps per-account behaviour state in three stores and attaches features to each payment, with the
 * USDT and BTC quotes in force (from the global {@code crypto-quote-history} store): store glue
 * around {@link Behaviour}, which holds the logic. Idle state is swept in event time without
 * stalling the task: a sweep every {@code state.sweep-interval} of stream time only moves the
 * cutoffs, and each record then deletes at most {@value #TIDY_BUDGET} expired keys of each store.
 */
final class BehaviourProcessor implements Processor<String, PaymentEvent, String, EnrichedPayment> {
  /**
   * Expired keys each record may look at per store. A record writes at most one key of each store,
   * so at most one key per store and record comes due: four times that clears a sweep's backlog
   * within about a third of the interval, at a few deletes per record while it lasts.
   */
  static final int TIDY_BUDGET = 4;

  private final ActiveRules rules;
  private final Duration stateRetention;
  private final Duration sweepInterval;
  private final Duration dedupRetention;
  private final int maxIndexedKeys;
  private final ScreeningEvents events;
  private ProcessorContext<String, EnrichedPayment> context;
  private StoreState state;
  private Behaviour behaviour;
  // The rules version the current payment is screened under, taken once per payment.
  private ActiveRules.Version pinned;
  private KeyValueStore<Bytes, Double> quoteStore;
  // The quote look-back is quote.max-age of the rules version in use: rebuilt when it changes.
  private ActiveRules.Version quotesFor;
  private QuoteHistory.Lookup quotes;

  BehaviourProcessor(
      ActiveRules rules,
      Duration stateRetention,
      Duration sweepInterval,
      Duration dedupRetention,
      int maxIndexedKeys,
      ScreeningEvents events) {
    this.rules = rules;
    this.stateRetention = stateRetention;
    this.sweepInterval = sweepInterval;
    this.dedupRetention = dedupRetention;
    this.maxIndexedKeys = maxIndexedKeys;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, EnrichedPayment> context) {
    this.context = context;
    this.state =
        new StoreState(
            context.getStateStore(ScreenerTopology.ACCOUNT_STORE),
            context.getStateStore(ScreenerTopology.PAIR_STORE),
            context.getStateStore(ScreenerTopology.SEEN_STORE),
            sweepInterval.toMillis(),
            maxIndexedKeys);
    this.pinned = rules.current();
    this.quoteStore = context.getStateStore(ScreenerTopology.QUOTE_STORE);
    this.behaviour = new Behaviour(state, () -> pinned.scorer().rules(), stateRetention, dedupRetention, events);
    // The stores are restored by now. A restarted task knows its stream time: the cutoffs a sweep
    // would set are in force before its first record, as they were before the restart.
    long streamTime = context.currentStreamTimeMs();
    if (streamTime >= 0) {
      behaviour.sweep(streamTime);
    }
    context.schedule(sweepInterval, PunctuationType.STREAM_TIME, behaviour::sweep);
  }

  @Override
  public void process(Record<String, PaymentEvent> record) {
    state.tidy();
    PaymentEvent payment = record.value();
    long time = record.timestamp();
    long streamTime = Math.max(time, context.currentStreamTimeMs());
    pinned = rules.current();
    if (record.key().equals(payment.getPayeeId())) {
      if (pinned != quotesFor) {
        quotesFor = pinned;
        quotes = new QuoteHistory.Lookup(quoteStore, pinned.scorer().rules().quotes().maxQuoteAgeMillis());
      }
      PaymentQuotes priced = AvroMapping.quotes(payment, quotes);
      BehaviourFeatures features = behaviour.received(payment, time, streamTime, priced.usdt());
      if (features != null) {
        context.forward(record.withValue(EnrichedPayment.of(payment, features, priced, pinned)));
      }
    } else if (record.key().equals(payment.getPayerId())) {
      behaviour.sent(payment, time, streamTime);
    } else {
      throw new IllegalStateException("payment leg keyed by neither its payer nor its payee");
    }
  }

  /**
   * Behaviour state in the processor's three key-value stores, each an {@link IndexedStore} whose
   * expiry index is built as the task starts. A sweep's deletes are spread over the records ({@link
   * #tidy}); {@link Behaviour} reads what is past the cutoffs as absent meanwhile.
   */
  private static final class StoreState implements BehaviourState {
    private final IndexedStore<AccountActivity> accounts;
    private final IndexedStore<Long> pairs;
    private final IndexedStore<Long> seen;
    private String lastPayer;
    private String lastPayee;
    private String lastPairKey;
    private Leg lastLeg;
    private String lastTransaction;
    private String lastLegKey;

    StoreState(
        KeyValueStore<String, AccountActivity> accounts,
        KeyValueStore<String, Long> pairs,
        KeyValueStore<String, Long> seen,
        long sweepIntervalMillis,
        int maxIndexedKeys) {
      this.accounts = new IndexedStore<>(accounts, AccountActivity::lastSeen, sweepIntervalMillis, maxIndexedKeys);
      this.pairs = new IndexedStore<>(pairs, Long::longValue, sweepIntervalMillis, maxIndexedKeys);
      this.seen = new IndexedStore<>(seen, Long::longValue, sweepIntervalMillis, maxIndexedKeys);
      this.accounts.buildIndex();
      this.pairs.buildIndex();
      this.seen.buildIndex();
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
    public long pair(String payerId, String payeeId) {
      return timeOrAbsent(pairs.get(pairKey(payerId, payeeId)));
    }

    @Override
    public void putPair(String payerId, String payeeId, long time) {
      pairs.put(pairKey(payerId, payeeId), time);
    }

    @Override
    public long seen(Leg leg, String transactionId) {
      return timeOrAbsent(seen.get(legKey(leg, transactionId)));
    }

    @Override
    public void putSeen(Leg leg, String transactionId, long time) {
      seen.put(legKey(leg, transactionId), time);
    }

    // A key is read and then written: build its string once.
    private String pairKey(String payerId, String payeeId) {
      if (payerId != lastPayer || payeeId != lastPayee) {
        lastPayer = payerId;
        lastPayee = payeeId;
        lastPairKey = Keys.pair(payerId, payeeId);
      }
      return lastPairKey;
    }

    private String legKey(Leg leg, String transactionId) {
      if (leg != lastLeg || transactionId != lastTransaction) {
        lastLeg = leg;
        lastTransaction = transactionId;
        lastLegKey = leg.key(transactionId);
      }
      return lastLegKey;
    }

    private static long timeOrAbsent(Long time) {
      return time == null ? ABSENT : time;
    }

    @Override
    public void deleteOlderThan(long idleCutoff, long dedupCutoff) {
      accounts.expireBefore(idleCutoff);
      pairs.expireBefore(idleCutoff);
      seen.expireBefore(dedupCutoff);
    }

    /** Deletes a bounded share of what the sweeps so far have expired. */
    void tidy() {
      accounts.tidy(TIDY_BUDGET);
      pairs.tidy(TIDY_BUDGET);
      seen.tidy(TIDY_BUDGET);
    }
  }
}
