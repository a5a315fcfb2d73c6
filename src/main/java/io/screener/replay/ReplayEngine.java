package io.screener.replay;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreeningDecision;
import io.screener.config.ScreenerSettings;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Scorer;
import io.screener.domain.Screening;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.enforcement.AccountEvent;
import io.screener.domain.enforcement.EnforcementLadder;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.ReviewRetention;
import io.screener.domain.enforcement.StatusChange;
import io.screener.domain.enforcement.Verdict;
import io.screener.screening.AvroMapping;
import io.screener.screening.Behaviour;
import io.screener.screening.BehaviourState;
import io.screener.screening.EnforcementMapping;
import io.screener.screening.PaymentQuotes;
import io.screener.screening.PaymentValidation;
import io.screener.screening.QuoteSource;
import io.screener.screening.ScreeningEvents;
import io.screener.topology.ScreenerTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The screener's topology without Kafka, for one partition's worth of history in one thread: the
 * same validation, payment legs, behaviour step, reputation joins, quote lookup and scorer as the
 * live processors, on in-memory state, in event time. Payments are taken in the order given (as the
 * service takes them in offset order); late ones are handled by the behaviour state exactly as the
 * service handles them. Idle state is swept on the live schedule: every {@code
 * state.sweep-interval} of stream time (the highest event time so far), aligned to the epoch.
 *
 * <p>Not thread-safe; one engine per configuration.
 */
public final class ReplayEngine {
  private final Scorer scorer;
  private final ReplayFeeds feeds;
  private final QuoteSource quotes;
  private final PaymentValidation validation;
  private final LongSupplier wallClock;
  private final Behaviour behaviour;
  private final long sweepIntervalMillis;
  private long streamTime = Long.MIN_VALUE;
  private long nextSweep = 0;
  private final EnforcementLadder ladder;
  private final ReviewRetention reviewRetention;
  // Enforcement, as the service's review ledger and enforcement processors keep it.
  private final IndexedMap<ReviewCase> cases;
  private final Map<String, EnforcementState> accountsOnLadder = new HashMap<>();
  private final Map<String, AccountAction> statuses = new HashMap<>();
  private final Map<String, CounterpartyReputation> feedback = new HashMap<>();
  private List<ReviewVerdict> verdicts = List.of();
  private int nextVerdict;
  private EnforcementSink sink = EnforcementSink.NONE;

  /** Where the engine reports what its enforcement did. */
  public interface EnforcementSink {
    EnforcementSink NONE = new EnforcementSink() {};

    /** An account's status changed. */
    default void action(AccountAction action) {}

    /**
     * A verdict could not be applied: it names no flagged or blocked payment within {@code
     * review.retention}, or it is dated ahead of the clock.
     */
    default void verdictDeadLettered(ReviewVerdict verdict, String reason) {}
  }

  /**
   * @param wallClock epoch milliseconds now: checks future event times and stamps {@code decidedAt}
   */
  public ReplayEngine(
      ScreenerSettings settings, Scorer scorer, ReplayFeeds feeds, LongSupplier wallClock) {
    this.scorer = scorer;
    this.feeds = feeds;
    this.quotes = feeds.quotes(scorer.rules().quotes().maxQuoteAgeMillis());
    this.validation = new PaymentValidation(settings.validation());
    this.wallClock = wallClock;
    this.sweepIntervalMillis = settings.sweepInterval().toMillis();
    this.cases = new IndexedMap<>(ReviewCase::eventTime, sweepIntervalMillis);
    this.ladder = new EnforcementLadder(scorer.rules().enforcement());
    this.reviewRetention =
        new ReviewRetention(
            settings.reviewRetention().toMillis(), settings.sweepInterval().toMillis());
    this.behaviour =
        new Behaviour(
            new MemoryState(),
            scorer::rules,
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

  /**
   * Analysts' verdicts to apply as the history reaches their time: each is applied before the first
   * payment after it, and the rest by {@link #finish()}.
   */
  public void verdicts(List<ReviewVerdict> verdicts, EnforcementSink sink) {
    List<ReviewVerdict> sorted = new ArrayList<>(verdicts);
    sorted.sort(Comparator.comparing(ReviewVerdict::getDecidedAt));
    this.verdicts = sorted;
    this.nextVerdict = 0;
    this.sink = sink;
  }

  /** Applies the verdicts after the last payment. */
  public void finish() {
    applyVerdictsUntil(Long.MAX_VALUE);
  }

  /** Screens one decoded payment. */
  public Outcome process(PaymentEvent payment) {
    // One clock read a payment: checks its event time and stamps its decision.
    long now = wallClock.getAsLong();
    String problem = validation.problem(payment, now);
    if (problem != null) {
      return new Outcome.Rejected(problem);
    }
    long time = payment.getEventTime().toEpochMilli();
    applyVerdictsUntil(time);
    streamTime = Math.max(streamTime, time);
    PaymentQuotes priced = AvroMapping.quotes(payment, quotes);
    BehaviourFeatures features = behaviour.received(payment, time, streamTime, priced.usdt());
    if (ScreenerTopology.hasPayerLeg(payment)) {
      behaviour.sent(payment, time, streamTime);
    }
    if (features == null) {
      punctuate();
      return DUPLICATE;
    }
    Screening screening =
        scorer.score(
            AvroMapping.input(
                payment,
                features,
                feeds.merchantOf(payment.getPayeeId()),
                counterpartyOf(payment.getPayerId()),
                counterpartyOf(payment.getPayeeId()),
                statuses.get(payment.getPayerId()),
                statuses.get(payment.getPayeeId()),
                priced));
    behaviour.decided(payment, time, screening);
    ScreeningDecision decision =
        AvroMapping.decision(payment, screening, scorer.rules().version(), now);
    punctuate();
    if (decision.getDecision() != io.screener.avro.Decision.CLEAR) {
      review(EnforcementMapping.reviewCase(decision));
    }
    return new Outcome.Decided(decision);
  }

  /**
   * The feed's entry, or the newer one verdict feedback wrote (the service reads its own feedback
   * back).
   */
  private @Nullable CounterpartyReputation counterpartyOf(String accountId) {
    CounterpartyReputation written = feedback.get(accountId);
    return written != null ? written : feeds.counterpartyOf(accountId);
  }

  private void review(ReviewCase decided) {
    if (cases.get(decided.transactionId()) == null) {
      cases.put(decided.transactionId(), decided);
      decided.decided(ladder.rules()).forEach(this::enforce);
    }
    long cutoff = reviewRetention.seen(decided.eventTime());
    if (cutoff != Long.MIN_VALUE) {
      cases.deleteOlderThan(cutoff);
    }
  }

  private void applyVerdictsUntil(long time) {
    while (nextVerdict < verdicts.size()
        && verdicts.get(nextVerdict).getDecidedAt().toEpochMilli() <= time) {
      ReviewVerdict verdict = verdicts.get(nextVerdict++);
      long at = verdict.getDecidedAt().toEpochMilli();
      ReviewCase reviewed = cases.get(verdict.getTransactionId());
      String reason = validation.problem(verdict, reviewed, wallClock.getAsLong());
      if (reason != null) {
        // Checked before the clock moves: a verdict dated ahead of now must not move it.
        sink.verdictDeadLettered(verdict, reason);
        continue;
      }
      streamTime = Math.max(streamTime, at);
      punctuate();
      // A verdict without a problem names a case on record.
      Objects.requireNonNull(reviewed, "the case a valid verdict names");
      Verdict given = EnforcementMapping.verdict(verdict);
      cases.put(reviewed.transactionId(), reviewed.withVerdict(given));
      reviewed.judged(given, at, ladder.rules()).forEach(this::enforce);
    }
  }

  private void enforce(AccountEvent event) {
    String account = event.accountId();
    CounterpartyReputation reputation = counterpartyOf(account);
    EnforcementLadder.Outcome outcome =
        ladder.apply(
            accountsOnLadder.getOrDefault(account, EnforcementState.NEW),
            event,
            EnforcementMapping.registration(reputation, feeds.merchantOf(account)),
            EnforcementMapping.reputation(reputation));
    act(account, outcome.changes());
    keep(account, outcome.state());
    if (outcome.reputation() != null) {
      feedback.put(account, EnforcementMapping.reputation(account, outcome.reputation()));
    }
  }

  private void keep(String account, EnforcementState state) {
    if (state.forgettable()) {
      if (accountsOnLadder.remove(account) != null) {
        forget(account);
      }
    } else {
      accountsOnLadder.put(account, state);
    }
  }

  private void act(String account, List<StatusChange> changes) {
    for (StatusChange change : changes) {
      AccountAction action = EnforcementMapping.action(account, change, scorer.rules().version());
      statuses.put(account, action);
      sink.action(action);
    }
  }

  /**
   * The ladder forgot the account (ACTIVE, nothing on record): the service's tombstone on
   * account-actions deletes its status entry. Not a status change, so not written to the sink.
   */
  private void forget(String account) {
    statuses.remove(account);
  }

  /**
   * Deadlines and expiries due by {@code time}, as the enforcement processor's sweep applies them.
   */
  private void sweepLadder(long time) {
    Iterator<Map.Entry<String, EnforcementState>> entries = accountsOnLadder.entrySet().iterator();
    List<Map.Entry<String, List<StatusChange>>> moved = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    while (entries.hasNext()) {
      Map.Entry<String, EnforcementState> entry = entries.next();
      EnforcementLadder.Step step = ladder.sweep(entry.getValue(), time, sweepIntervalMillis);
      if (step.forget()) {
        forgotten.add(entry.getKey());
        entries.remove();
      } else {
        entry.setValue(step.state());
      }
      if (!step.changes().isEmpty()) {
        moved.add(Map.entry(entry.getKey(), step.changes()));
      }
    }
    // In key order, as the store sweep visits them.
    moved.sort(Map.Entry.comparingByKey());
    moved.forEach(m -> act(m.getKey(), m.getValue()));
    // After the changes: the processor's tombstone follows the account's last action.
    forgotten.forEach(this::forget);
  }

  /**
   * Stream-time punctuation as Kafka Streams schedules it (first at 0, then at the next multiple of
   * the interval after the stream time it ran at), after the record that moved stream time: a
   * payment's legs are decided in the task it arrives in (in the single-task TopologyTestDriver,
   * always) and the sweep follows them, before the payment's review case, which takes a repartition
   * hop; a verdict takes one too, so the sweep comes before it.
   */
  private void punctuate() {
    if (streamTime >= nextSweep) {
      behaviour.sweep(streamTime);
      sweepLadder(streamTime);
      long next = nextSweep + sweepIntervalMillis;
      if (streamTime >= next) {
        next =
            nextSweep + ((streamTime - nextSweep) / sweepIntervalMillis + 1) * sweepIntervalMillis;
      }
      nextSweep = next;
    }
  }

  /**
   * Behaviour state in {@link TimedTable}s: what the service's two stores hold, the account records
   * by account id and the spilled legs by account id and leg key. A sweep moves the cutoffs and
   * deletes what its walk reaches; {@link Behaviour} reads what is past the cutoffs as absent
   * meanwhile, as it does in the service, so both decide alike.
   */
  private static final class MemoryState implements BehaviourState {
    final TimedTable<AccountActivity> accounts = new TimedTable<>(true);
    final TimedTable<Void> spilled = new TimedTable<>(false);

    @Override
    public @Nullable AccountActivity account(String accountId) {
      return accounts.value(accountId, null);
    }

    @Override
    public void putAccount(String accountId, AccountActivity activity) {
      accounts.put(accountId, null, activity.lastActive(), activity);
    }

    @Override
    public boolean spilled(String accountId, long legKey, long cutoff) {
      long time = spilled.time(accountId, Long.toHexString(legKey));
      return time != TimedTable.ABSENT && time >= cutoff;
    }

    @Override
    public void spill(String accountId, long legKey, long time) {
      spilled.put(accountId, Long.toHexString(legKey), time, null);
    }

    @Override
    public void deleteOlderThan(long idleCutoff, long dedupCutoff) {
      accounts.expireBefore(idleCutoff);
      spilled.expireBefore(dedupCutoff);
    }
  }
}
