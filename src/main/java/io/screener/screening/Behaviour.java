package io.screener.screening;

import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.LotPrice;
import io.screener.domain.Quote;
import io.screener.domain.ScoringRules;
import io.screener.domain.Screening;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.Keys;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The behaviour step of screening for one payment leg, on any {@link BehaviourState}: the live
 * {@code behaviour-features} processor and the offline replay both call it, so both compute the
 * same features from the same history. A payment keyed by its payee is money received (it goes on
 * to scoring); keyed by its payer it is money sent on (it only updates the sender's turnover). A
 * leg seen again within the dedup retention is not counted twice.
 *
 * <p>Each leg reads and writes one record, its account's ({@link AccountActivity}): no other state
 * is written per payment, apart from the rare leg a busy account pushes out of its record.
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
   * @param usdt the USDT quote in force at {@code time}, or null: the amount is read as a USDT lot
   *     at it
   */
  public @Nullable BehaviourFeatures received(
      PaymentEvent payment, long time, long streamTime, @Nullable Quote usdt) {
    String payeeId = payment.getPayeeId();
    AccountActivity activity = account(payeeId);
    if (activity == null) {
      activity = new AccountActivity();
    }
    if (!firstDelivery(
        activity, payeeId, Keys.receivedLeg(payment.getTransactionId()), streamTime)) {
      events.duplicate(payment.getTransactionId());
      return null;
    }
    long payerKey = Keys.hash(payment.getPayerId());
    // A person remembers who paid it (the new-pair signal is about transfers between people).
    boolean firstPayment = false;
    if (payment.getPayeeType() == PayeeType.PERSONAL) {
      firstPayment = !activity.paidBy(payerKey, idleCutoff);
      activity.rememberPayer(payerKey, time, idleCutoff);
    }
    ScoringRules current = rules.get();
    BehaviourFeatures features =
        activity.recordInflow(
            time,
            payerKey,
            payment.getAmountMinor(),
            Keys.hash(payment.getDeviceId()),
            LotPrice.of(payment.getAmountMinor(), usdt, time, current.quotes()),
            firstPayment,
            current.behaviour());
    state.putAccount(payeeId, activity);
    return features;
  }

  /**
   * After a payment to a merchant is scored: when its evidence about the merchant itself (code and
   * descriptor) reached the flag threshold, the merchant's record remembers it, so that payments
   * whose own code and descriptor say less are weighed with it ({@code MERCHANT_CRYPTO_HISTORY}).
   * Writes the record only when that changes it: a rare second write, for merchants that look like
   * crypto businesses.
   *
   * @param time the payment's event time
   */
  public void decided(PaymentEvent payment, long time, Screening screening) {
    if (payment.getPayeeType() != PayeeType.MERCHANT
        || screening.merchantEvidencePoints() < rules.get().flagThreshold()) {
      return;
    }
    String payeeId = payment.getPayeeId();
    AccountActivity activity = account(payeeId);
    if (activity != null
        && activity.rememberMerchantEvidence(time, screening.merchantEvidencePoints())) {
      state.putAccount(payeeId, activity);
    }
  }

  /**
   * Records money the payer sent on, if it is a quick turnover (times as for {@link #received}).
   */
  public void sent(PaymentEvent payment, long time, long streamTime) {
    String payerId = payment.getPayerId();
    AccountActivity activity = account(payerId);
    ScoringRules.BehaviourRules behaviour = rules.get().behaviour();
    // Only a quick turnover changes the payer's record. Any other leg (a payer with no record, or
    // money sent long after it arrived) has nothing to count, once or twice: it costs no write.
    if (activity == null
        || !activity.quickTurnover(time, behaviour)
        || !firstDelivery(
            activity, payerId, Keys.sentLeg(payment.getTransactionId()), streamTime)) {
      return;
    }
    activity.recordOutflow(time, behaviour);
    state.putAccount(payerId, activity);
  }

  /**
   * Forgets state idle for longer than its retention as of {@code streamTime}: accounts last
   * active, and spilled legs first delivered, before the cutoffs.
   */
  public void sweep(long streamTime) {
    idleCutoff = Math.max(idleCutoff, streamTime - stateRetentionMillis);
    dedupCutoff = Math.max(dedupCutoff, streamTime - dedupRetentionMillis);
    state.deleteOlderThan(idleCutoff, dedupCutoff);
  }

  private @Nullable AccountActivity account(String accountId) {
    AccountActivity activity = state.account(accountId);
    return activity == null || activity.lastActive() < idleCutoff ? null : activity;
  }

  /**
   * Whether this is the first delivery of the leg, remembering it if so. A leg is kept by the
   * stream time it was first delivered at, not its event time: a late payment's redelivery is
   * caught for the whole retention too. The account's record remembers its latest legs; one it
   * pushed out while still within the retention is looked for in the spilled legs, and only when
   * the record says it spilled any within the retention (busy accounts).
   */
  private boolean firstDelivery(
      AccountActivity activity, String accountId, long legKey, long streamTime) {
    if (activity.delivered(legKey, dedupCutoff)
        || (activity.lastSpilled() != AccountActivity.NEVER
            && activity.lastSpilled() >= dedupCutoff
            && state.spilled(accountId, legKey, dedupCutoff))) {
      return false;
    }
    if (activity.rememberDelivery(legKey, streamTime, dedupCutoff)) {
      state.spill(accountId, activity.spilledLegKey(), activity.spilledLegTime());
    }
    return true;
  }
}
