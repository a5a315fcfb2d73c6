package io.screener.domain.behaviour;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.ScoringRules.BehaviourRules;
import java.util.Arrays;

/**
 * Recent behaviour of one account: its last inflows (bounded ring, oldest dropped first) and when it
 * moved money on soon after receiving it. Everything runs in event time, so replaying the same
 * history gives the same features. Mutable; one instance lives only while one record is processed.
 *
 * <p>Size in a store: 25 bytes plus 32 per tracked inflow plus 8 per quick turnover, so at most
 * 25 + 32 * maxTrackedInflows + 8 * {@value #MAX_TURNOVERS} bytes per account.
 */
public final class AccountActivity {
  /** Quick turnovers remembered per account; enough to tell a habit from a one-off. */
  public static final int MAX_TURNOVERS = 16;

  private long[] inflowTimes;
  private long[] payerKeys;
  private long[] amounts;
  private long[] deviceKeys;
  private int inflows;
  private long[] turnoverTimes;
  private int turnovers;
  private long lastTurnoverMillis;
  private long lastSeen;

  /** An account with no history. */
  public AccountActivity() {
    this(new long[4], new long[4], new long[4], new long[4], 0, new long[2], 0, -1, Long.MIN_VALUE);
  }

  AccountActivity(
      long[] inflowTimes,
      long[] payerKeys,
      long[] amounts,
      long[] deviceKeys,
      int inflows,
      long[] turnoverTimes,
      int turnovers,
      long lastTurnoverMillis,
      long lastSeen) {
    this.inflowTimes = inflowTimes;
    this.payerKeys = payerKeys;
    this.amounts = amounts;
    this.deviceKeys = deviceKeys;
    this.inflows = inflows;
    this.turnoverTimes = turnoverTimes;
    this.turnovers = turnovers;
    this.lastTurnoverMillis = lastTurnoverMillis;
    this.lastSeen = lastSeen;
  }

  /** Latest event time this account was involved in; drives expiry of idle accounts. */
  public long lastSeen() {
    return lastSeen;
  }

  /**
   * Records money received and returns the payee's features for it.
   *
   * @param deviceKey {@link Keys#hash(String)} of the payer's device, or 0 when unknown
   */
  public BehaviourFeatures recordInflow(
      long time, long payerKey, long amountMinor, long deviceKey, boolean firstPayment, BehaviourRules rules) {
    touch(time);
    evictBefore(lastSeen - rules.windowMillis());
    insertInflow(time, payerKey, amountMinor, deviceKey, rules.maxTrackedInflows());

    long from = time - rules.windowMillis();
    int count = 0;
    long total = 0;
    int distinct = 0;
    int sameAmount = 0;
    int sameDevice = 0;
    for (int i = 0; i < inflows; i++) {
      long t = inflowTimes[i];
      if (t <= from || t > time) {
        continue;
      }
      count++;
      total += amounts[i];
      if (firstInWindowFor(i, from, time)) {
        distinct++;
        if (payerKeys[i] != payerKey && hasAmountFromPayer(payerKeys[i], amountMinor, from, time)) {
          sameAmount++;
        }
        if (deviceKey != 0 && hasDeviceFromPayer(payerKeys[i], deviceKey, from, time)) {
          sameDevice++;
        }
      }
    }
    return new BehaviourFeatures(
        rules.windowMillis(),
        distinct,
        count,
        total,
        sameAmount,
        deviceKey == 0 ? 0 : sameDevice,
        firstPayment,
        turnoversSince(from, time),
        lastTurnoverMillis);
  }

  /**
   * Records money this account sent on. If it follows the latest earlier inflow within the quick
   * turnover period, it counts as quick in, quick out.
   */
  public void recordOutflow(long time, BehaviourRules rules) {
    touch(time);
    long inflowBefore = Long.MIN_VALUE;
    for (int i = 0; i < inflows; i++) {
      if (inflowTimes[i] <= time && inflowTimes[i] > inflowBefore) {
        inflowBefore = inflowTimes[i];
      }
    }
    if (inflowBefore == Long.MIN_VALUE) {
      return;
    }
    long lag = time - inflowBefore;
    lastTurnoverMillis = lag;
    if (lag <= rules.quickTurnoverMillis()) {
      if (turnovers == MAX_TURNOVERS) {
        System.arraycopy(turnoverTimes, 1, turnoverTimes, 0, turnovers - 1);
        turnovers--;
      }
      if (turnovers == turnoverTimes.length) {
        turnoverTimes = Arrays.copyOf(turnoverTimes, Math.min(MAX_TURNOVERS, turnovers * 2));
      }
      turnoverTimes[turnovers++] = time;
    }
  }

  private void touch(long time) {
    if (time > lastSeen) {
      lastSeen = time;
    }
  }

  private void evictBefore(long cutoff) {
    int kept = 0;
    for (int i = 0; i < inflows; i++) {
      if (inflowTimes[i] > cutoff) {
        move(i, kept++);
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

  /** Keeps the ring in event-time order so late records land where they belong. */
  private void insertInflow(long time, long payerKey, long amount, long deviceKey, int max) {
    if (inflows == max) {
      if (time < inflowTimes[0]) {
        return;
      }
      for (int i = 1; i < inflows; i++) {
        move(i, i - 1);
      }
      inflows--;
    }
    if (inflows == inflowTimes.length) {
      int size = Math.min(max, Math.max(4, inflows * 2));
      inflowTimes = Arrays.copyOf(inflowTimes, size);
      payerKeys = Arrays.copyOf(payerKeys, size);
      amounts = Arrays.copyOf(amounts, size);
      deviceKeys = Arrays.copyOf(deviceKeys, size);
    }
    int at = inflows;
    while (at > 0 && inflowTimes[at - 1] > time) {
      move(at - 1, at);
      at--;
    }
    inflowTimes[at] = time;
    payerKeys[at] = payerKey;
    amounts[at] = amount;
    deviceKeys[at] = deviceKey;
    inflows++;
  }

  private void move(int from, int to) {
    inflowTimes[to] = inflowTimes[from];
    payerKeys[to] = payerKeys[from];
    amounts[to] = amounts[from];
    deviceKeys[to] = deviceKeys[from];
  }

  private boolean inWindow(int i, long from, long to) {
    return inflowTimes[i] > from && inflowTimes[i] <= to;
  }

  private boolean firstInWindowFor(int index, long from, long to) {
    for (int i = 0; i < index; i++) {
      if (payerKeys[i] == payerKeys[index] && inWindow(i, from, to)) {
        return false;
      }
    }
    return true;
  }

  private boolean hasAmountFromPayer(long payer, long amount, long from, long to) {
    for (int i = 0; i < inflows; i++) {
      if (payerKeys[i] == payer && amounts[i] == amount && inWindow(i, from, to)) {
        return true;
      }
    }
    return false;
  }

  private boolean hasDeviceFromPayer(long payer, long device, long from, long to) {
    for (int i = 0; i < inflows; i++) {
      if (payerKeys[i] == payer && deviceKeys[i] == device && inWindow(i, from, to)) {
        return true;
      }
    }
    return false;
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
    return inflowTimes[i];
  }

  long payerKey(int i) {
    return payerKeys[i];
  }

  long amount(int i) {
    return amounts[i];
  }

  long deviceKey(int i) {
    return deviceKeys[i];
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
}
