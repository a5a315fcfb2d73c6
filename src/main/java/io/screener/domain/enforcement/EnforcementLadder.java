package io.screener.domain.enforcement;

import io.screener.domain.CounterpartyCategory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moves one account along the ladder, in event time, as plain values: the service's enforcement
 * processor and the replay both call it, so the same history yields the same actions.
 *
 * <ul>
 *   <li>A strike adds its points; the account rises to the level its live points call for, never
 *       falls by a strike. Reaching WARNED sets a deadline {@code rectify} ahead.
 *   <li>At a WARNED account's deadline: with no strike taken since the warning it returns to ACTIVE
 *       (rectified); otherwise it is RESTRICTED.
 *   <li>Strikes expire {@code strike-lifetime} after they were taken. A RESTRICTED account returns
 *       to ACTIVE when its last strike expires. BANNED is permanent.
 *   <li>A false-positive verdict withdraws the payment's strike and re-grades the account from what
 *       remains (only ever down): this is the one way out of a ban.
 * </ul>
 *
 * Timed moves take effect at the exact deadline or expiry time, whenever they are noticed, so the
 * actions do not depend on when a sweep runs.
 */
public final class EnforcementLadder {
  /** The account after a move, and the status changes the move made (usually none). */
  public record Step(EnforcementState state, List<StatusChange> changes, boolean forget) {
    public Step(EnforcementState state, List<StatusChange> changes) {
      this(state, changes, false);
    }
  }

  private final EnforcementRules rules;

  public EnforcementLadder(EnforcementRules rules) {
    this.rules = rules;
  }

  public EnforcementRules rules() {
    return rules;
  }

  /** Applies every deadline and expiry due up to {@code now}. */
  public Step advance(EnforcementState state, long now) {
    List<StatusChange> changes = new ArrayList<>(0);
    EnforcementState s = state;
    while (true) {
      long due = nextDue(s);
      if (due == Long.MAX_VALUE || due > now) {
        break;
      }
      List<Strike> live = new ArrayList<>(s.strikes().size());
      for (Strike strike : s.strikes()) {
        if (expiry(strike) > due) {
          live.add(strike);
        }
      }
      s =
          s.with(
              s.status(),
              s.since(),
              s.deadline(),
              s.strikesSinceWarning(),
              Math.max(s.clock(), due),
              live);
      if (s.status() == AccountStatus.WARNED && s.deadline() <= due) {
        boolean failed = s.strikesSinceWarning() > 0 && !live.isEmpty();
        if (failed && !mayRestrict(s)) {
          // Not rectified, but no one confirmed the evidence and the rules bar restricting on it
          // alone: the warning stands with a new deadline.
          s =
              s.with(
                  AccountStatus.WARNED,
                  s.since(),
                  later(due, rules.rectifyMillis()),
                  0,
                  s.clock(),
                  live);
        } else {
          s =
              move(
                  s,
                  failed ? AccountStatus.RESTRICTED : AccountStatus.ACTIVE,
                  ActionTrigger.DEADLINE_PASSED,
                  due,
                  changes);
        }
      } else if (s.status() == AccountStatus.RESTRICTED && live.isEmpty()) {
        s = move(s, AccountStatus.ACTIVE, ActionTrigger.STRIKES_EXPIRED, due, changes);
      }
    }
    if (now > s.clock()) {
      s = s.with(s.status(), s.since(), s.deadline(), s.strikesSinceWarning(), now, s.strikes());
    }
    return new Step(s, changes);
  }

  /**
   * Takes a strike at {@code now} (after the moves due by then). A payment strikes an account once:
   * a second strike for the same transaction changes nothing.
   */
  public Step strike(EnforcementState state, Strike strike, ActionTrigger trigger, long now) {
    Step advanced = advance(state, now);
    EnforcementState s = advanced.state();
    if (s.hasStrike(strike.transactionId())) {
      return advanced;
    }
    List<Strike> strikes = new ArrayList<>(s.strikes().size() + 1);
    strikes.addAll(s.strikes());
    strikes.add(
        new Strike(
            strike.transactionId(),
            s.clock(),
            strike.points(),
            strike.reasonCodes(),
            strike.banWorthy()));
    while (strikes.size() > rules.maxStrikes()) {
      strikes.remove(0);
    }
    s = s.with(s.status(), s.since(), s.deadline(), s.strikesSinceWarning(), s.clock(), strikes);
    AccountStatus level = rules.levelOf(s.points(), s.banWorthyPoints());
    List<StatusChange> changes = new ArrayList<>(advanced.changes());
    if (level.compareTo(s.status()) > 0) {
      s = move(s, level, trigger, s.clock(), changes);
    } else if (s.status() == AccountStatus.WARNED) {
      s =
          s.with(
              s.status(), s.since(), s.deadline(), s.strikesSinceWarning() + 1, s.clock(), strikes);
    }
    return new Step(s, changes);
  }

  /** Withdraws a payment's strike (a false positive) and re-grades the account, only ever down. */
  public Step withdraw(EnforcementState state, String transactionId, long now) {
    Step advanced = advance(state, now);
    EnforcementState s = advanced.state();
    if (!s.hasStrike(transactionId)) {
      return advanced;
    }
    List<Strike> strikes = new ArrayList<>(s.strikes());
    strikes.removeIf(strike -> strike.transactionId().equals(transactionId));
    s = s.with(s.status(), s.since(), s.deadline(), s.strikesSinceWarning(), s.clock(), strikes);
    AccountStatus level = rules.levelOf(s.points(), s.banWorthyPoints());
    List<StatusChange> changes = new ArrayList<>(advanced.changes());
    if (level.compareTo(s.status()) < 0) {
      s = move(s, level, ActionTrigger.FALSE_POSITIVE_VERDICT, s.clock(), changes);
    }
    return new Step(s, changes);
  }

  /**
   * What a periodic sweep at {@code now} does to an account: the moves due by then, and {@link
   * Step#forget()} when nothing is left to remember (idle, and any reputation it wrote is older
   * than {@code memoryMillis}, so the feed shows it by now). Returns the same state instance when
   * nothing changed.
   */
  public Step sweep(EnforcementState state, long now, long memoryMillis) {
    Step step = nextDue(state) <= now ? advance(state, now) : new Step(state, List.of());
    EnforcementState s = step.state();
    boolean remembered = s.published() != null && s.published().updatedAt() >= now - memoryMillis;
    return s.idle() && !remembered ? new Step(s, step.changes(), true) : step;
  }

  /**
   * The earliest time at which {@link #sweep} (with the same {@code memoryMillis}) does anything to
   * this account: a deadline or strike expiry falls due, or an idle account's written reputation is
   * old enough to forget it. A sweep at any earlier time hands back the same state, with no change
   * and nothing to forget; {@link Long#MAX_VALUE} when no sweep ever will.
   */
  public long sweepDue(EnforcementState state, long memoryMillis) {
    long due = nextDue(state);
    if (!state.idle()) {
      return due;
    }
    Reputation published = state.published();
    if (published == null) {
      return Long.MIN_VALUE;
    }
    // Forgotten once now - memoryMillis > updatedAt: from updatedAt + memoryMillis + 1 on.
    long forget = later(later(published.updatedAt(), memoryMillis), 1);
    return Math.min(due, forget);
  }

  /** The earliest deadline or strike expiry still to come, or {@link Long#MAX_VALUE}. */
  public long nextDue(EnforcementState s) {
    long due = s.status() == AccountStatus.WARNED ? s.deadline() : Long.MAX_VALUE;
    for (Strike strike : s.strikes()) {
      due = Math.min(due, expiry(strike));
    }
    return due;
  }

  private long expiry(Strike strike) {
    return later(strike.time(), rules.strikeLifetimeMillis());
  }

  /** {@code time + millis}, or never ({@link Long#MAX_VALUE}) past the end of time: no overflow. */
  private static long later(long time, long millis) {
    long sum = time + millis;
    return ((time ^ sum) & (millis ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private EnforcementState move(
      EnforcementState s,
      AccountStatus to,
      ActionTrigger trigger,
      long at,
      List<StatusChange> changes) {
    long deadline = to == AccountStatus.WARNED ? later(at, rules.rectifyMillis()) : -1;
    EnforcementState moved = s.with(to, at, deadline, 0, s.clock(), s.strikes());
    Set<String> codes = new LinkedHashSet<>();
    List<String> transactions = new ArrayList<>(s.strikes().size());
    for (Strike strike : s.strikes()) {
      codes.addAll(strike.reasonCodes());
      transactions.add(strike.transactionId());
    }
    List<AccountFunction> barred =
        to == AccountStatus.RESTRICTED
            ? rules.restrictedFunctions().stream().sorted().toList()
            : List.of();
    changes.add(
        new StatusChange(
            s.status(),
            to,
            trigger,
            at,
            deadline,
            moved.points(),
            List.copyOf(codes),
            transactions,
            barred));
    return moved;
  }

  /**
   * The reputation entry a verdict on a payment to this account calls for: a confirmation raises
   * the risk score by the rules' step and counts a report; a false positive lowers the risk score
   * by the step. The base is the newer of the feed's entry and the last one feedback wrote (which
   * the feed may not show yet). Returns null when there is nothing to write (a false positive on an
   * account with no entry).
   */
  public @Nullable Reputation feedback(
      @Nullable Reputation fromFeed, @Nullable Reputation published, boolean confirmed, long now) {
    Reputation base = fromFeed;
    if (published != null && (base == null || published.updatedAt() >= base.updatedAt())) {
      base = published;
    }
    int step = rules.verdictRiskStep();
    if (base == null) {
      return confirmed
          ? new Reputation(CounterpartyCategory.ORDINARY, Math.min(100, step), 1, now)
          : null;
    }
    long at = Math.max(now, base.updatedAt());
    return confirmed
        ? new Reputation(
            base.category(), Math.min(100, base.riskScore() + step), base.reports() + 1, at)
        : new Reputation(base.category(), Math.max(0, base.riskScore() - step), base.reports(), at);
  }

  /**
   * The result of one {@link AccountEvent}: the account's new state, its status changes, and the
   * reputation entry to write for it (null: none).
   */
  public record Outcome(
      EnforcementState state, List<StatusChange> changes, @Nullable Reputation reputation) {}

  /**
   * Applies one event to the account. A licensed partner takes no strike and no reputation feedback
   * (its deadlines and expiries still run). A blocked payment strikes at once (unless the payer's
   * status blocked it), towards a ban only if a reason the rules name as ban evidence was behind it
   * and the account is not a registered ordinary merchant; a confirmation strikes any other flagged
   * or blocked payment, towards a ban, and raises the payee's risk; a false positive withdraws the
   * strike and lowers the payee's risk.
   *
   * @param fromFeed the account's entry in the reputation feed, or null
   */
  public Outcome apply(
      EnforcementState state,
      AccountEvent event,
      Registration registration,
      @Nullable Reputation fromFeed) {
    Step step;
    Reputation reputation = null;
    if (registration == Registration.LICENSED_PARTNER) {
      step = advance(state, event.time());
    } else {
      step =
          switch (event.kind()) {
            case BLOCKED ->
                strike(
                    state,
                    strikeOf(
                        event,
                        rules.blockPoints(),
                        registration != Registration.ORDINARY_MERCHANT
                            && rules.banWorthy(event.reasonCodes())),
                    ActionTrigger.BLOCKED_PAYMENT,
                    event.time());
            case CONFIRMED ->
                event.struck()
                    ? advance(state, event.time())
                    : strike(
                        state,
                        strikeOf(event, rules.confirmedPoints(), true),
                        ActionTrigger.CONFIRMED_VERDICT,
                        event.time());
            case FALSE_POSITIVE -> withdraw(state, event.transactionId(), event.time());
          };
      if (event.payee() && event.kind() != AccountEvent.Kind.BLOCKED) {
        reputation =
            feedback(
                fromFeed,
                state.published(),
                event.kind() == AccountEvent.Kind.CONFIRMED,
                step.state().clock());
      }
    }
    EnforcementState next =
        reputation == null ? step.state() : step.state().withPublished(reputation);
    return new Outcome(next, step.changes(), reputation);
  }

  private static Strike strikeOf(AccountEvent event, int points, boolean banWorthy) {
    return new Strike(event.transactionId(), event.time(), points, event.reasonCodes(), banWorthy);
  }

  /**
   * Whether the account's live strikes may restrict it: some were confirmed, or the rules allow.
   */
  private boolean mayRestrict(EnforcementState s) {
    return rules.unconfirmedMayRestrict()
        || rules.levelOf(s.banWorthyPoints()).compareTo(AccountStatus.WARNED) >= 0;
  }
}
