package io.screener.replay;

import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.config.ScreenerSettings;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.topology.AvroMapping;
import io.screener.topology.Behaviour;
import io.screener.topology.BehaviourState;
import io.screener.topology.PaymentValidation;
import io.screener.topology.QuoteHistory;
import io.screener.topology.ScreenerTopology;
import io.screener.topology.ScreeningEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.LongSupplier;

/**
 * The screener's topology without Kafka, for one partition's worth of history in one thread: the
 * same validation, payment legs, behaviour step, reputation joins, quote lookup and scorer as the
 * live processors, on in-memory state, in event time. Payments are taken in the order given (as
 * the service takes them in offset order); late ones are handled by the behaviour state exactly as
 * the service handles them. Idle state is swept on the live schedule: every {@code
 * state.sweep-interval} of stream time (the highest event time so far), aligned to the epoch.
 *
 * <p>Not thread-safe; one engine per configuration.
 */
public final class ReplayEngine {
  private final Scorer scorer;
  private final ReplayFeeds feeds;
  private final QuoteHistory.Source quotes;
  private final PaymentValidation validation;
  private final LongSupplier wallClock;
  private final Behaviour behaviour;
  private final MemoryState state = new MemoryState();
  private final long sweepIntervalMillis;
  private long streamTime = Long.MIN_VALUE;
  private long nextSweep = 0;

  /**
   * @param wallClock epoch milliseconds now: checks future event times and stamps {@code decidedAt}
   */
  public ReplayEngine(ScreenerSettings settings, Scorer scorer, ReplayFeeds feeds, LongSupplier wallClock) {
    this.scorer = scorer;
    this.feeds = feeds;
    this.quotes = feeds.quotes();
    this.validation = new PaymentValidation(settings.validation());
    this.wallClock = wallClock;
    this.sweepIntervalMillis = settings.sweepInterval().toMillis();
    this.behaviour =
        new Behaviour(
            state,
            () -> scorer.rules().behaviour(),
            settings.stateRetention(),
            settings.dedupRetention(),
            ScreeningEvents.NONE);
  }

  public Scorer scorer() {
    return scorer;
  }

  /** What became of one payment: a decision, a rejection, or nothing (a duplicate). */
  public sealed interface Outcome {
    /** The payment was decided. */
    record Decided(ScreeningDecision decision) implements Outcome {}

    /** The payment is unusable; the service would dead-letter it with this reason. */
    record Rejected(String reason) implements Outcome {}

    /** The payment was already decided within the dedup retention. */
    record Duplicate() implements Outcome {}
  }

  private static final Outcome DUPLICATE = new Outcome.Duplicate();

  /** Screens one decoded payment. */
  public Outcome process(PaymentEvent payment) {
    String problem = validation.problem(payment, wallClock.getAsLong());
    if (problem != null) {
      return new Outcome.Rejected(problem);
    }
    long time = payment.getEventTime().toEpochMilli();
    advanceStreamTime(time);
    BehaviourFeatures features = behaviour.received(payment, time);
    if (ScreenerTopology.hasPayerLeg(payment)) {
      behaviour.sent(payment, time);
    }
    if (features == null) {
      return DUPLICATE;
    }
    Screening screening =
        scorer.score(
            AvroMapping.input(
                payment,
                features,
                feeds.merchantOf(payment.getPayeeId()),
                feeds.counterpartyOf(payment.getPayerId()),
                feeds.counterpartyOf(payment.getPayeeId()),
                quotes));
    return new Outcome.Decided(
        AvroMapping.decision(payment, screening, scorer.rules().version(), wallClock.getAsLong()));
  }

  /**
   * Stream-time punctuation as Kafka Streams schedules it (first at 0, then at the next multiple of
   * the interval after the stream time it ran at). It runs before the payment's legs, as in the
   * single-task TopologyTestDriver, where the payment's intake advances stream time first.
   */
  private void advanceStreamTime(long time) {
    if (time > streamTime) {
      streamTime = time;
    }
    if (streamTime >= nextSweep) {
      behaviour.sweep(streamTime);
      long next = nextSweep + sweepIntervalMillis;
      if (streamTime >= next) {
        next = nextSweep + ((streamTime - nextSweep) / sweepIntervalMillis + 1) * sweepIntervalMillis;
      }
      nextSweep = next;
    }
  }

  /** Accounts, pairs and payment legs currently held (for the summary and memory checks). */
  public long stateEntries() {
    return state.accounts.size() + state.pairs.size() + state.seen.size();
  }

  /**
   * Behaviour state in hash maps: the same keys and values as the service's stores. Each map has an
   * expiry index of keys by the sweep-interval bucket of their value's time, so a sweep visits only
   * the buckets it may empty instead of every entry (a full scan per sweep was most of the run time).
   * A key appears in the bucket of every time it was written with; values never decrease, so the
   * bucket of its current value always holds it, and an entry is removed exactly when the store
   * sweep would remove it.
   */
  private final class MemoryState implements BehaviourState {
    final Map<String, AccountActivity> accounts = new HashMap<>();
    final Map<String, Long> pairs = new HashMap<>();
    final Map<String, Long> seen = new HashMap<>();
    private final TreeMap<Long, List<String>> accountExpiry = new TreeMap<>();
    private final TreeMap<Long, List<String>> pairExpiry = new TreeMap<>();
    private final TreeMap<Long, List<String>> seenExpiry = new TreeMap<>();

    @Override
    public AccountActivity account(String accountId) {
      return accounts.get(accountId);
    }

    @Override
    public void putAccount(String accountId, AccountActivity activity) {
      accounts.put(accountId, activity);
      index(accountExpiry, accountId, activity.lastSeen());
    }

    @Override
    public Long pair(String pairKey) {
      return pairs.get(pairKey);
    }

    @Override
    public void putPair(String pairKey, long time) {
      pairs.put(pairKey, time);
      index(pairExpiry, pairKey, time);
    }

    @Override
    public Long seen(String legKey) {
      return seen.get(legKey);
    }

    @Override
    public void putSeen(String legKey, long time) {
      seen.put(legKey, time);
      index(seenExpiry, legKey, time);
    }

    private void index(TreeMap<Long, List<String>> expiry, String key, long time) {
      expiry.computeIfAbsent(Math.floorDiv(time, sweepIntervalMillis), b -> new ArrayList<>()).add(key);
    }

    @Override
    public void deleteOlderThan(long idleCutoff, long dedupCutoff) {
      expire(accountExpiry, accounts, activity -> activity.lastSeen() < idleCutoff, idleCutoff);
      expire(pairExpiry, pairs, time -> time < idleCutoff, idleCutoff);
      expire(seenExpiry, seen, time -> time < dedupCutoff, dedupCutoff);
    }

    private <V> void expire(
        TreeMap<Long, List<String>> expiry, Map<String, V> map, Predicate<V> expired, long cutoff) {
      long cutoffBucket = Math.floorDiv(cutoff, sweepIntervalMillis);
      Iterator<Map.Entry<Long, List<String>>> buckets = expiry.headMap(cutoffBucket, true).entrySet().iterator();
      while (buckets.hasNext()) {
        Map.Entry<Long, List<String>> bucket = buckets.next();
        List<String> keep = bucket.getKey() == cutoffBucket ? new ArrayList<>() : null;
        for (String key : bucket.getValue()) {
          V value = map.get(key);
          if (value == null) {
            continue;
          }
          if (expired.test(value)) {
            map.remove(key);
          } else if (keep != null) {
            keep.add(key);
          }
        }
        if (keep == null) {
          buckets.remove();
        } else {
          bucket.setValue(keep);
        }
      }
    }
  }
}
