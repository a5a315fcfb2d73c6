package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Screening;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.screening.AvroMapping;
import io.screener.screening.Behaviour;
import io.screener.screening.BehaviourState;
import io.screener.screening.PaymentQuotes;
import io.screener.screening.ScreeningEvents;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps per-account behaviour state (one record per account, and the legs busy accounts spill) and
 * attaches features to each payment, with the USDT and BTC quotes in force (from the global {@code
 * crypto-quote-history} store): store glue around {@link Behaviour}, which holds the logic. Idle
 * state is swept in event time without stalling the task: a sweep every {@code
 * state.sweep-interval} of stream time only moves the cutoffs, and each record then deletes at most
 * {@value #TIDY_BUDGET} expired keys of each store.
 */
final class BehaviourProcessor implements Processor<String, PaymentEvent, String, EnrichedPayment> {
  /**
   * Expired keys of each store each record may look at. A record writes at most one account and
   * spills at most one leg, so at most one key of each store per record comes due: four times that
   * clears a sweep's backlog within about a third of the interval, at a few deletes per record
   * while it lasts.
   */
  static final int TIDY_BUDGET = 4;

  /**
   * Account records each task holds decoded on the heap, the most recently used (a few hundred
   * bytes each, a few kilobytes for the busiest): a payee paid again is neither looked up nor
   * decoded. Its writes still go to the store, and through its record cache to the changelog.
   */
  static final int HELD_ACCOUNTS = 4_096;

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
  private QuoteHistory.Store quoteStore;
  // The quote look-back is quote.max-age of the rules version in use: rebuilt when it changes.
  private ActiveRules.Version quotesFor;
  private QuoteHistory.Lookup quotes;
  private final EnrichedPayment.Outcome outcome = new EnrichedPayment.Outcome();

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
            context.getStateStore(ScreenerTopology.SPILLED_LEGS_STORE),
            sweepInterval.toMillis(),
            maxIndexedKeys);
    this.pinned = rules.current();
    this.quoteStore = context.getStateStore(ScreenerTopology.QUOTE_STORE);
    this.quotesFor = pinned;
    this.quotes = quotesUnder(pinned);
    this.behaviour =
        new Behaviour(state, () -> pinned.scorer().rules(), stateRetention, dedupRetention, events);
    // The stores are restored by now. A restarted task knows its stream time: the cutoffs a sweep
    // would set are in force before its first record, as they were before the restart.
    long streamTime = context.currentStreamTimeMs();
    if (streamTime >= 0) {
      behaviour.sweep(streamTime);
    }
    // A stream-time punctuation first fires on the task's first record.
    context.schedule(sweepInterval, PunctuationType.STREAM_TIME, behaviour::sweep);
  }

  @Override
  public void process(Record<String, PaymentEvent> record) {
    try {
      screen(record);
    } catch (RuntimeException e) {
      // The step may have changed a held account record in place without writing it back; the
      // record is dead-lettered and the task goes on, so the store's copy must be the one read.
      state.dropHeld();
      throw e;
    }
  }

  // The rules version in force is one object per version: identity says whether it changed.
  @SuppressWarnings("ReferenceEquality")
  private void screen(Record<String, PaymentEvent> record) {
    state.tidy();
    PaymentEvent payment = record.value();
    long time = record.timestamp();
    long streamTime = Math.max(time, context.currentStreamTimeMs());
    pinned = rules.current();
    if (record.key().equals(payment.getPayeeId())) {
      if (pinned != quotesFor) {
        quotesFor = pinned;
        quotes = quotesUnder(pinned);
      }
      PaymentQuotes priced = AvroMapping.quotes(payment, quotes);
      BehaviourFeatures features = behaviour.received(payment, time, streamTime, priced.usdt());
      if (features != null) {
        outcome.clear();
        context.forward(
            record.withValue(new EnrichedPayment(payment, features, priced, pinned, outcome)));
        Screening screening = outcome.screening();
        if (screening != null) {
          behaviour.decided(payment, time, screening);
        }
      }
    } else if (record.key().equals(payment.getPayerId())) {
      behaviour.sent(payment, time, streamTime);
    } else {
      throw new IllegalStateException("payment leg keyed by neither its payer nor its payee");
    }
  }

  private QuoteHistory.Lookup quotesUnder(ActiveRules.Version version) {
    return new QuoteHistory.Lookup(
        quoteStore, version.scorer().rules().quotes().maxQuoteAgeMillis());
  }

  /**
   * Behaviour state in the processor's two stores, each an {@link IndexedStore} whose expiry index
   * is built as the task starts: the account records, and the legs busy accounts spill, by account,
   * leg and time ({@link SpilledLegs}). A sweep only moves the cutoffs; the deletes are spread over
   * the records ({@link #tidy}), and {@link Behaviour} reads what is past the cutoffs as absent
   * meanwhile.
   */
  private static final class StoreState implements BehaviourState {
    private final IndexedStore<String, AccountActivity> accounts;
    private final IndexedStore<Bytes, byte[]> spilled;

    StoreState(
        KeyValueStore<String, AccountActivity> accounts,
        KeyValueStore<Bytes, byte[]> spilled,
        long sweepIntervalMillis,
        int maxIndexedKeys) {
      this.accounts =
          new IndexedStore<>(
              accounts,
              (id, activity) -> activity.lastActive(),
              sweepIntervalMillis,
              maxIndexedKeys,
              HELD_ACCOUNTS);
      this.spilled =
          new IndexedStore<>(
              spilled, (key, value) -> SpilledLegs.time(key), sweepIntervalMillis, maxIndexedKeys);
      this.accounts.buildIndex();
      this.spilled.buildIndex();
    }

    @Override
    public @Nullable AccountActivity account(String accountId) {
      return accounts.get(accountId);
    }

    @Override
    public void putAccount(String accountId, AccountActivity activity) {
      accounts.put(accountId, activity);
    }

    @Override
    public boolean spilled(String accountId, long legKey, long cutoff) {
      Bytes first = SpilledLegs.key(accountId, legKey, Math.max(0, cutoff));
      try (KeyValueIterator<Bytes, byte[]> found =
          spilled.range(first, SpilledLegs.key(accountId, legKey, Long.MAX_VALUE))) {
        while (found.hasNext()) {
          if (SpilledLegs.sameLeg(found.next().key, first)) {
            return true;
          }
        }
        return false;
      }
    }

    @Override
    public void spill(String accountId, long legKey, long time) {
      spilled.put(SpilledLegs.key(accountId, legKey, time), SpilledLegs.VALUE);
    }

    @Override
    public void deleteOlderThan(long idleCutoff, long dedupCutoff) {
      accounts.expireBefore(idleCutoff);
      spilled.expireBefore(dedupCutoff);
    }

    void dropHeld() {
      accounts.dropHeld();
    }

    /** Deletes a bounded share of what the sweeps so far have expired, in each store. */
    void tidy() {
      accounts.tidy(TIDY_BUDGET);
      spilled.tidy(TIDY_BUDGET);
    }
  }
}
