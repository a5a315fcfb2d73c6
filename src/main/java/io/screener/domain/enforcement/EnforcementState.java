package io.screener.domain.enforcement;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An account's place on the ladder and what put it there. Immutable; {@link EnforcementLadder}
 * returns a new one for every move.
 *
 * @param since event time the current status began
 * @param deadline while WARNED, the time to rectify by; otherwise -1
 * @param strikesSinceWarning strikes taken while WARNED (the account did not rectify)
 * @param clock the latest event time seen for the account: the ladder never moves backwards
 * @param strikes live strikes, oldest first
 * @param published the last reputation entry verdict feedback wrote for the account, or null; it
 *     stands in for the reputation feed until the feed shows an entry at least as new
 */
public record EnforcementState(
    AccountStatus status,
    long since,
    long deadline,
    int strikesSinceWarning,
    long clock,
    List<Strike> strikes,
    @Nullable Reputation published) {

  public static final EnforcementState NEW =
      new EnforcementState(
          AccountStatus.ACTIVE, Long.MIN_VALUE, -1, 0, Long.MIN_VALUE, List.of(), null);

  public EnforcementState {
    Objects.requireNonNull(status, "status");
    strikes = List.copyOf(strikes);
  }

  public int points() {
    int points = 0;
    for (Strike strike : strikes) {
      points += strike.points();
    }
    return points;
  }

  /** Live points of the strikes that count towards a ban. */
  public int banWorthyPoints() {
    int points = 0;
    for (Strike strike : strikes) {
      if (strike.banWorthy()) {
        points += strike.points();
      }
    }
    return points;
  }

  public boolean hasStrike(String transactionId) {
    for (Strike strike : strikes) {
      if (strike.transactionId().equals(transactionId)) {
        return true;
      }
    }
    return false;
  }

  /** Nothing to remember: ACTIVE with no strikes (the entry may be deleted). */
  public boolean idle() {
    return status == AccountStatus.ACTIVE && strikes.isEmpty();
  }

  /**
   * Nothing to remember at all: idle, and no reputation feedback written that the feed may not show
   * yet.
   */
  public boolean forgettable() {
    return idle() && published == null;
  }

  EnforcementState with(
      AccountStatus status,
      long since,
      long deadline,
      int sinceWarning,
      long clock,
      List<Strike> strikes) {
    return new EnforcementState(status, since, deadline, sinceWarning, clock, strikes, published);
  }

  public EnforcementState withPublished(Reputation reputation) {
    return new EnforcementState(
        status, since, deadline, strikesSinceWarning, clock, strikes, reputation);
  }
}
