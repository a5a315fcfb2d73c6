package io.screener.domain.behaviour;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.LotPrice;
import io.screener.domain.ScoringRules.BehaviourRules;
import java.util.Arrays;

/**
 * Everything screening keeps about one account, in one record read once and written once per
 * payment leg: its last inflows (bounded, oldest dropped first), when it moved money on soon after
 * receiving it, the payment legs it took delivery of lately (by transaction, for duplicate
 * detection), for a person, who paid it lately (for the new-pair signal) and, for a merchant, the
 * last payment to it that carried flag-worthy evidence about the merchant itself (for {@code
 * MERCHANT_CRYPTO_HISTORY}). Inflow figures run in event time, so replaying the same history gives
 * the same features. Mutable; one instance lives only while one record is processed.
 *
 * <p>Size in a store ({@link AccountActivityCodec}, format 4): about 25 bytes per tracked inflow,
 * 11 per remembered leg or payer and 3 per quick turnover, plus a header of about 26 (about 30 with
 * merchant evidence on record): at most about 3,000 bytes with 32 tracked inflows and every list
 * full.
 */
public final class AccountActivity {
  /** Quick turnovers remembered per account; enough to tell a habit from a one-off. */
  public static final int MAX_TURNOVERS = 16;

  /**
   * Payment legs (transaction ids, by 64-bit hash) an account remembers having taken delivery of.
   * One more pushes the oldest out; if that one is still within the dedup retention, the caller
   * keeps it in a time-segmented store instead ({@link #rememberDelivery}). 128 covers a day of all
   * but the busiest payees, so few payments pay for a second write (on the generated histories 1.6%
   * of payments spill with 128, 9.6% with 64).
   */
  public static final int MAX_LEGS = 128;

  /**
   * Payers a person remembers, with when each last paid: a payer not among them is a new pair. A
   * full list forgets the payer whose last payment is oldest, who then counts as new again.
   */
  public static final int MAX_PAYERS = 64;

  // Inflows in event-time order, one after another in one array (fewer objects for the collector,
  // and an inflow's fields in one cache line): time, payer key, amount, device key, USDT lot.
  private static final int TIME = 0;
  private static final int PAYER = 1;
  private static final int AMOUNT = 2;
  private static final int DEVICE = 3;
  private static final int LOT = 4;
  private static final int STRIDE = 5;
  // Distinct prices tried when looking for the one most payers share: bounds the work per payment.
  private static final int MAX_PRICES_TRIED = 8;
  // What a payer's inflows in the window have in common with the payment being recorded.
  private static final int SAME_AMOUNT = 1;
  private static final int SAME_DEVICE = 2;
  private static final long[] NO_TURNOVERS = new long[0];
  private static final long[] NO_DEALER = {LotPrice.NONE, 0};

  private long[] inflow;
  private int inflows;
  private long[] turnoverTimes;
  private int turnovers;
  private long lastTurnoverMillis;
  private long lastSeen;
  private final TimedKeys legs;
  private final TimedKeys payers;
  private long lastSpilled;
  // The last payment to this merchant whose evidence about the merchant itself was flag-worthy:
  // its points (0: none on record) and event time.
  private int merchantEvidencePoints;
  private long merchantEvidenceAt = NEVER;

  /** An account with no history. */
  public AccountActivity() {
    this(
        new long[4 * STRIDE],
        0,
        NO_TURNOVERS,
        0,
        -1,
        Long.MIN_VALUE,
        new TimedKeys(),
        new TimedKeys(),
        NEVER);
  }

  /**
   * @param inflow {@code inflows} inflows, each {@code time, payer key, amount, device key, lot}
   */
  AccountActivity(
      long[] inflow,
      int inflows,
      long[] turnoverTimes,
      int turnovers,
      long lastTurnoverMillis,
      long lastSeen,
      TimedKeys legs,
      TimedKeys payers,
      long lastSpilled) {
    this.inflow = inflow;
    this.inflows = inflows;
    this.turnoverTimes = turnoverTimes;
    this.turnovers = turnovers;
    this.lastTurnoverMillis = lastTurnoverMillis;
    this.lastSeen = lastSeen;
    this.legs = legs;
    this.payers = payers;
    this.lastSpilled = lastSpilled;
  }

  /** A time that is not on record. */
  public static final long NEVER = TimedKeys.ABSENT;

  /**
   * Room for an account's {@code inflows} inflows, as {@link #AccountActivity(long[], int, long[],
   * int, long, long, TimedKeys, TimedKeys, long)} takes them.
   */
  static long[] inflowArray(int inflows) {
    return new long[Math.max(4, inflows) * STRIDE];
  }

  static void setInflow(
      long[] inflow, int i, long time, long payerKey, long amount, long deviceKey, long lot) {
    int at = i * STRIDE;
    inflow[at + TIME] = time;
    inflow[at + PAYER] = payerKey;
    inflow[at + AMOUNT] = amount;
    inflow[at + DEVICE] = deviceKey;
    inflow[at + LOT] = lot;
  }

  /** Latest event time this account was involved in. */
  public long lastSeen() {
    return lastSeen;
  }

  /**
   * Latest time this account was involved in: its latest event time, or the stream time it last
   * took delivery of a leg, if later (a late payment's leg must be remembered for the whole dedup
   * retention). Drives expiry of idle accounts.
   */
  public long lastActive() {
    return Math.max(lastSeen, legs.newest());
  }

  /**
   * Whether this account took delivery of the leg {@code legKey} at or after {@code cutoff}, as far
   * as it remembers: a leg pushed out to the caller's store since {@link #lastSpilled} is not here.
   */
  public boolean delivered(long legKey, long cutoff) {
    return legs.timeOf(legKey, cutoff) != NEVER;
  }

  /**
   * Remembers the delivery of leg {@code legKey} at stream time {@code time}, forgetting legs
   * delivered before {@code cutoff}. Returns whether a leg delivered at or after {@code cutoff} was
   * pushed out to stay within {@value #MAX_LEGS}: the caller keeps that one ({@link
   * #spilledLegKey}, {@link #spilledLegTime}) for as long as the cutoff does not pass it.
   */
  public boolean rememberDelivery(long legKey, long time, long cutoff) {
    if (!legs.put(legKey, time, cutoff, MAX_LEGS)) {
      return false;
    }
    lastSpilled = Math.max(lastSpilled, legs.droppedTime());
    return true;
  }

  public long spilledLegKey() {
    return legs.droppedKey();
  }

  public long spilledLegTime() {
    return legs.droppedTime();
  }

  /**
   * The latest delivery time among the legs this account ever pushed out, or {@link #NEVER}: a leg
   * that is not here can only be in the caller's store when this is at or after the cutoff.
   */
  public long lastSpilled() {
    return lastSpilled;
  }

  /**
   * Whether {@code payerKey} paid this person at or after {@code cutoff}, as far as it remembers.
   */
  public boolean paidBy(long payerKey, long cutoff) {
    return payers.timeOf(payerKey, cutoff) != NEVER;
  }

  /**
   * Remembers that {@code payerKey} paid at event time {@code time}, forgetting payers idle since
   * before {@code cutoff}.
   */
  public void rememberPayer(long payerKey, long time, long cutoff) {
    payers.put(payerKey, time, cutoff, MAX_PAYERS);
  }

  /**
   * Records money received and returns the payee's features for it.
   *
   * @param deviceKey {@link Keys#hash(String)} of the payer's device, or 0 when unknown
   * @param lot the amount read as a USDT lot at the quote in force ({@link LotPrice}), or {@link
   *     LotPrice#NONE}
   */
  public BehaviourFeatures recordInflow(
      long time,
      long payerKey,
      long amountMinor,
      long deviceKey,
      long lot,
      boolean firstPayment,
      BehaviourRules rules) {
    touch(time);
    evictBefore(lastSeen - rules.windowMillis());
    insertInflow(time, payerKey, amountMinor, deviceKey, lot, rules.maxTrackedInflows());

    long from = time - rules.windowMillis();
    int count = 0;
    long total = 0;
    int distinct = 0;
    int sameAmount = 0;
    int sameDevice = 0;
    int othersLots = 0;
    long[] in = inflow;
    for (int i = 0; i < inflows; i++) {
      int at = i * STRIDE;
      long t = in[at + TIME];
      if (t <= from || t > time) {
        continue;
      }
      count++;
      total += in[at + AMOUNT];
      long payer = in[at + PAYER];
      if (payer != payerKey && in[at + LOT] != LotPrice.NONE) {
        othersLots++;
      }
      if (firstInWindowFor(i, payer, from, time)) {
        distinct++;
        // The payer's other inflows in the window all come after its first: one scan from here
        // answers both questions.
        int matches = fromPayer(i, payer, amountMinor, deviceKey, from, time);
        if (payer != payerKey && (matches & SAME_AMOUNT) != 0) {
          sameAmount++;
        }
        if (deviceKey != 0 && (matches & SAME_DEVICE) != 0) {
          sameDevice++;
        }
      }
    }
    // A shared price needs another payer's lot at this payment's price, or two other payers' lots.
    long[] dealer =
        othersLots >= (lot == LotPrice.NONE ? 2 : 1)
            ? dealerPrice(lot, payerKey, from, time, othersLots, rules.samePricePpm())
            : NO_DEALER;
    return new BehaviourFeatures(
        rules.windowMillis(),
        distinct,
        count,
        total,
        sameAmount,
        deviceKey == 0 ? 0 : sameDevice,
        firstPayment,
        turnoversSince(from, time),
        lastTurnoverMillis,
        lot,
        dealer[0] == LotPrice.NONE ? 0 : (int) dealer[1],
        dealer[0],
        merchantEvidencePoints,
        merchantEvidenceAt);
  }

  /**
   * Remembers that a payment to this merchant at {@code time} carried {@code points} of flag-worthy
   * evidence about the merchant itself, unless a later one is on record. Returns whether the record
   * changed.
   */
  public boolean rememberMerchantEvidence(long time, int points) {
    if (points <= 0 || (merchantEvidencePoints > 0 && time < merchantEvidenceAt)) {
      return false;
    }
    boolean changed = time != merchantEvidenceAt || points != merchantEvidencePoints;
    merchantEvidenceAt = time;
    merchantEvidencePoints = points;
    return changed;
  }

  /** Points of the merchant evidence on record, or 0 when none is. */
  public int merchantEvidencePoints() {
    return merchantEvidencePoints;
  }

  /** Event time of the merchant evidence on record ({@link #NEVER} when none is). */
  public long merchantEvidenceAt() {
    return merchantEvidencePoints > 0 ? merchantEvidenceAt : NEVER;
  }

  /** Sets what the codec read. */
  void restoreMerchantEvidence(int points, long at) {
    merchantEvidencePoints = points;
    merchantEvidenceAt = points > 0 ? at : NEVER;
  }

  /**
   * The dealer price of the window: this payment's lot when other payers paid the same price, else
   * the price most other payers share. Returns {lot, payers}; {@link #NO_DEALER} when no price is
   * shared. Works on the other payers' lots in the window only (usually few).
   */
  private long[] dealerPrice(
      long lot, long payerKey, long from, long to, int othersLots, int tolerancePpm) {
    long[] lots = new long[othersLots];
    long[] payers = new long[othersLots];
    int m = 0;
    for (int i = 0; i < inflows; i++) {
      int at = i * STRIDE;
      if (inflow[at + LOT] != LotPrice.NONE
          && inflow[at + PAYER] != payerKey
          && inWindow(at, from, to)) {
        lots[m] = inflow[at + LOT];
        payers[m++] = inflow[at + PAYER];
      }
    }
    if (lot != LotPrice.NONE) {
      int at = payersAt(lot, lots, payers, m, tolerancePpm);
      if (at > 0) {
        return new long[] {lot, at};
      }
    }
    long bestLot = LotPrice.NONE;
    int best = 1;
    int tried = 0;
    for (int i = 0; i < m && tried < MAX_PRICES_TRIED; i++) {
      if (triedBefore(i, lots, tolerancePpm)) {
        continue;
      }
      tried++;
      int at = payersAt(lots[i], lots, payers, m, tolerancePpm);
      if (at > best) {
        best = at;
        bestLot = lots[i];
      }
    }
    return bestLot == LotPrice.NONE ? NO_DEALER : new long[] {bestLot, best};
  }

  /** Distinct payers among the first {@code m} whose lots are at {@code lot}'s price. */
  private static int payersAt(long lot, long[] lots, long[] payers, int m, int tolerancePpm) {
    int count = 0;
    for (int i = 0; i < m; i++) {
      if (LotPrice.samePrice(lots[i], lot, tolerancePpm)
          && !earlierAtPrice(i, lot, lots, payers, tolerancePpm)) {
        count++;
      }
    }
    return count;
  }

  /** Whether the payer of lot {@code index} paid at {@code lot}'s price in an earlier lot. */
  private static boolean earlierAtPrice(
      int index, long lot, long[] lots, long[] payers, int tolerancePpm) {
    for (int i = 0; i < index; i++) {
      if (payers[i] == payers[index] && LotPrice.samePrice(lots[i], lot, tolerancePpm)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an earlier lot had the price of lot {@code index} (so it was tried already). */
  private static boolean triedBefore(int index, long[] lots, int tolerancePpm) {
    for (int i = 0; i < index; i++) {
      if (LotPrice.samePrice(lots[i], lots[index], tolerancePpm)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether money this account sends at {@code time} is a quick turnover: it follows the latest
   * earlier inflow within the quick turnover period. Only such an outflow changes the record.
   */
  public boolean quickTurnover(long time, BehaviourRules rules) {
    long lag = lagAfterInflow(time);
    return lag >= 0 && lag <= rules.quickTurnoverMillis();
  }

  /**
   * Records money this account sent on, if it is a {@link #quickTurnover} (quick in, quick out);
   * any other outflow changes nothing.
   */
  public void recordOutflow(long time, BehaviourRules rules) {
    long lag = lagAfterInflow(time);
    if (lag < 0 || lag > rules.quickTurnoverMillis()) {
      return;
    }
    touch(time);
    lastTurnoverMillis = lag;
    if (turnovers == MAX_TURNOVERS) {
      System.arraycopy(turnoverTimes, 1, turnoverTimes, 0, turnovers - 1);
      turnovers--;
    }
    if (turnovers == turnoverTimes.length) {
      turnoverTimes =
          Arrays.copyOf(turnoverTimes, Math.min(MAX_TURNOVERS, Math.max(2, turnovers * 2)));
    }
    turnoverTimes[turnovers++] = time;
  }

  /** Time from the latest inflow at or before {@code time} to it, or -1 when there is none. */
  private long lagAfterInflow(long time) {
    long inflowBefore = Long.MIN_VALUE;
    for (int i = 0; i < inflows; i++) {
      long t = inflow[i * STRIDE + TIME];
      if (t <= time && t > inflowBefore) {
        inflowBefore = t;
      }
    }
    return inflowBefore == Long.MIN_VALUE ? -1 : time - inflowBefore;
  }

  private void touch(long time) {
    if (time > lastSeen) {
      lastSeen = time;
    }
  }

  private void evictBefore(long cutoff) {
    int kept = 0;
    for (int i = 0; i < inflows; i++) {
      if (inflow[i * STRIDE + TIME] > cutoff) {
        if (kept != i) {
          System.arraycopy(inflow, i * STRIDE, inflow, kept * STRIDE, STRIDE);
        }
        kept++;
      }
    }
    inflows = kept;
    int keptTurnovers = 0;
    for (int i = 0; i < turnovers; i++) {
      if (turnoverTimes[i] > cutoff) {
        turnoverTimes[keptTurnovers++] = turnoverTimes[i];
      }
    }
    turnovers = keptTurnovers;
  }

  /**
   * Keeps the ring in event-time order so late records land where they belong, and at most {@code
   * max} inflows long, the oldest going first.
   */
  private void insertInflow(
      long time, long payerKey, long amount, long deviceKey, long lot, int max) {
    if (inflows >= max) {
      if (time < inflow[TIME]) {
        return;
      }
      // One out for this one in; more when the rules lowered the bound below what is kept (state
      // written under a larger behaviour.max-tracked-inflows keeps its newest inflows).
      int drop = inflows - max + 1;
      System.arraycopy(inflow, drop * STRIDE, inflow, 0, (inflows - drop) * STRIDE);
      inflows -= drop;
    }
    if (inflows * STRIDE == inflow.length) {
      inflow = Arrays.copyOf(inflow, Math.min(max, Math.max(4, inflows * 2)) * STRIDE);
    }
    int at = inflows;
    while (at > 0 && inflow[(at - 1) * STRIDE + TIME] > time) {
      at--;
    }
    System.arraycopy(inflow, at * STRIDE, inflow, (at + 1) * STRIDE, (inflows - at) * STRIDE);
    setInflow(inflow, at, time, payerKey, amount, deviceKey, lot);
    inflows++;
  }

  private boolean inWindow(int at, long from, long to) {
    long t = inflow[at + TIME];
    return t > from && t <= to;
  }

  /** Whether inflow {@code index} is the first in the window from its payer. */
  private boolean firstInWindowFor(int index, long payer, long from, long to) {
    for (int i = 0; i < index; i++) {
      int at = i * STRIDE;
      if (inflow[at + PAYER] == payer && inWindow(at, from, to)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Which of {@link #SAME_AMOUNT} and {@link #SAME_DEVICE} hold for {@code payer}'s inflows in the
   * window from inflow {@code first} on: one of them was of {@code amount}, or from {@code device}.
   */
  private int fromPayer(int first, long payer, long amount, long device, long from, long to) {
    int matches = 0;
    for (int i = first; i < inflows; i++) {
      int at = i * STRIDE;
      if (inflow[at + PAYER] == payer && inWindow(at, from, to)) {
        if (inflow[at + AMOUNT] == amount) {
          matches |= SAME_AMOUNT;
        }
        if (inflow[at + DEVICE] == device) {
          matches |= SAME_DEVICE;
        }
      }
    }
    return matches;
  }

  private int turnoversSince(long from, long to) {
    int count = 0;
    for (int i = 0; i < turnovers; i++) {
      if (turnoverTimes[i] > from && turnoverTimes[i] <= to) {
        count++;
      }
    }
    return count;
  }

  int inflowCount() {
    return inflows;
  }

  long inflowTime(int i) {
    return inflow[i * STRIDE + TIME];
  }

  long payerKey(int i) {
    return inflow[i * STRIDE + PAYER];
  }

  long amount(int i) {
    return inflow[i * STRIDE + AMOUNT];
  }

  long deviceKey(int i) {
    return inflow[i * STRIDE + DEVICE];
  }

  long lot(int i) {
    return inflow[i * STRIDE + LOT];
  }

  int turnoverCount() {
    return turnovers;
  }

  long turnoverTime(int i) {
    return turnoverTimes[i];
  }

  long lastTurnoverMillis() {
    return lastTurnoverMillis;
  }

  TimedKeys legs() {
    return legs;
  }

  TimedKeys payers() {
    return payers;
  }
}
