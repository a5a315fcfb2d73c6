package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.LotPrice;
import io.screener.domain.Quote;
import io.screener.domain.ScoringRules;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.Keys;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The behaviour step of screening for one payment leg, on any {@link BehaviourState}: the live
 * {@code behaviour-features} processor and the offline replay both call it, so both compute the same
 * features from the same history. A payment keyed by its payee is money received (it goes on to
 * scoring); keyed by its payer it is money sent on (it only updates the sender's turnover). A leg
 * seen again within the dedup retention is not counted twice.
 *
 * <p>Expiry: {@link #sweep} moves the cutoffs, and from then on state before them is absent to this
 * class whether or not the {@link BehaviourState} has deleted it yet, so decisions do not depend on
 * when the deletes happen (the replay deletes at once, the service a few per record).
 */
public final class Behaviour {
  private final BehaviourState state;
  private final Supplier<ScoringRules> rules;
  private final long stateRetentionMillis;
  private final long dedupRetentionMillis;
  private final ScreeningEvents events;
  private long idleCutoff = Long.MIN_VALUE;
  private long dedupCutoff = Long.MIN_VALUE;

  public Behaviour(
      BehaviourState state,
      Supplier<ScoringRules> rules,
      Duration stateRetention,
      Duration dedupRetention,
      ScreeningEvents events) {
    this.state = state;
    this.rules = rules;
    this.stateRetentionMillis = stateRetention.toMillis();
    this.dedupRetentionMillis = dedupRetention.toMillis();
    this.events = events;
  }

  /**
   * Records money received by the payee and returns its features, or null when this payment was
   * already received (a duplicate: it gets no second decision).
   *
   * @param time the payment's event time
   * @param streamTime the highest event time seen so far (at least {@code time})
   * @param usdt the USDT quote in force at {@code time}, or null: the amount is read as a USDT lot at it
   */
  public BehaviourFeatures received(PaymentEvent payment, long time, long streamTime, Quote usdt) {
    if (!firstDelivery(BehaviourState.Leg.RECEIVED, payment, streamTime)) {
      events.duplicate(payment.getTransactionId());
      return null;
    }
    long pairSeen = live(state.pair(payment.getPayerId(), payment.getPayeeId()), idleCutoff);
    state.putPair(payment.getPayerId(), payment.getPayeeId(), Math.max(pairSeen, time));

    AccountActivity activity = account(payment.getPayeeId());
    if (activity == null) {
      activity = new AccountActivity();
    }
    ScoringRules current = rules.get();
    BehaviourFeatures features =
        activity.recordInflow(
            time,
            Keys.hash(payment.getPayerId()),
            payment.getAmountMinor(),
            Keys.hash(payment.getDeviceId()),
            LotPrice.of(payment.getAmountMinor(), usdt, time, current.quotes()),
            pairSeen == BehaviourState.ABSENT,
            current.behaviour());
    state.putAccount(payment.getPayeeId(), activity);
    return features;
  }

  /** Records money the payer sent on, for its quick-turnover figures (times as for {@link #received}). */
  public void sent(PaymentEvent payment, long time, long streamTime) {
    AccountActivity activity = account(payment.getPayerId());
    // A payer with no activity on record has no turnover to count, once or twice: its leg needs no
    // dedup entry (which would cost a write and, later, a delete).
    if (activity == null || !firstDelivery(BehaviourState.Leg.SENT, payment, streamTime)) {
      return;
    }
    activity.recordOutflow(time, rules.get().behaviour());
    state.putAccount(payment.getPayerId(), activity);
  }

  /**
   * Forgets state idle for longer than its retention as of {@code streamTime}: accounts and pairs
   * last seen, and legs first delivered, before the cutoffs.
   */
  public void sweep(long streamTime) {
    idleCutoff = Math.max(idleCutoff, streamTime - stateRetentionMillis);
    dedupCutoff = Math.max(dedupCutoff, streamTime - dedupRetentionMillis);
    state.deleteOlderThan(idleCutoff, dedupCutoff);
  }

  private AccountActivity account(String accountId) {
    AccountActivity activity = state.account(accountId);
    return activity == null || activity.lastSeen() < idleCutoff ? null : activity;
  }

  /** The time, or {@link BehaviourState#ABSENT} when it is before the cutoff (ABSENT stays ABSENT). */
  private static long live(long time, long cutoff) {
    return time < cutoff ? BehaviourState.ABSENT : time;
  }

  /**
   * The two legs of one payment can share a task, so each leg has its own dedup key. A leg is kept
   * by the stream time it was first delivered at, not its event time: a late payment's redelivery is
   * caught for the whole retention too.
   */
  private boolean firstDelivery(BehaviourState.Leg leg, PaymentEvent payment, long streamTime) {
    String transactionId = payment.getTransactionId();
    if (live(state.seen(leg, transactionId), dedupCutoff) != BehaviourState.ABSENT) {
      return false;
    }
    state.putSeen(leg, transactionId, streamTime);
    return true;
  }
}
