package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.ScoringRules.BehaviourRules;
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
 */
public final class Behaviour {
  private final BehaviourState state;
  private final Supplier<BehaviourRules> rules;
  private final long stateRetentionMillis;
  private final long dedupRetentionMillis;
  private final ScreeningEvents events;

  public Behaviour(
      BehaviourState state,
      Supplier<BehaviourRules> rules,
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
   */
  public BehaviourFeatures received(PaymentEvent payment, long time) {
    if (!firstDelivery("in:", payment, time)) {
      events.duplicate(payment.getTransactionId());
      return null;
    }
    String pairKey = Keys.pair(payment.getPayerId(), payment.getPayeeId());
    Long pairSeen = state.pair(pairKey);
    state.putPair(pairKey, pairSeen == null ? time : Math.max(pairSeen, time));

    AccountActivity activity = state.account(payment.getPayeeId());
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
    state.putAccount(payment.getPayeeId(), activity);
    return features;
  }

  /** Records money the payer sent on, for its quick-turnover figures. */
  public void sent(PaymentEvent payment, long time) {
    if (!firstDelivery("out:", payment, time)) {
      return;
    }
    AccountActivity activity = state.account(payment.getPayerId());
    if (activity != null) {
      activity.recordOutflow(time, rules.get());
      state.putAccount(payment.getPayerId(), activity);
    }
  }

  /** Deletes state idle for longer than its retention, as of {@code streamTime}. */
  public void sweep(long streamTime) {
    state.deleteOlderThan(streamTime - stateRetentionMillis, streamTime - dedupRetentionMillis);
  }

  /** The two legs of one payment can share a task, so each leg has its own dedup key. */
  private boolean firstDelivery(String leg, PaymentEvent payment, long time) {
    String key = leg + payment.getTransactionId();
    if (state.seen(key) != null) {
      return false;
    }
    state.putSeen(key, time);
    return true;
  }
}
