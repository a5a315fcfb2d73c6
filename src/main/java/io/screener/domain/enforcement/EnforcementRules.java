package io.screener.domain.enforcement;

import java.util.Set;

/**
 * The enforcement ladder, from the rules file ({@code enforcement.*}): how many strike points a
 * blocked payment and a confirmed flag are worth, how long a strike lives, from how many live
 * points an account is warned, restricted and banned, how long a warned account has to rectify,
 * which functions a restriction bars, and how far a verdict moves the payee's reputation.
 *
 * @param strikePayer whether the payer of a blocked payment or confirmed flag takes a strike too
 *     (the payee always does)
 */
public record EnforcementRules(
    int blockPoints,
    int confirmedPoints,
    boolean strikePayer,
    long strikeLifetimeMillis,
    int warnAt,
    int restrictAt,
    int banAt,
    long rectifyMillis,
    Set<AccountFunction> restrictedFunctions,
    int verdictRiskStep,
    int maxStrikes) {

  public EnforcementRules {
    restrictedFunctions = Set.copyOf(restrictedFunctions);
    if (!(0 < warnAt && warnAt <= restrictAt && restrictAt <= banAt)) {
      throw new IllegalArgumentException("ladder must satisfy 0 < warn-at <= restrict-at <= ban-at");
    }
  }

  /** The status that {@code points} live strike points call for. */
  public AccountStatus levelOf(int points) {
    if (points >= banAt) {
      return AccountStatus.BANNED;
    }
    if (points >= restrictAt) {
      return AccountStatus.RESTRICTED;
    }
    return points >= warnAt ? AccountStatus.WARNED : AccountStatus.ACTIVE;
  }
}
