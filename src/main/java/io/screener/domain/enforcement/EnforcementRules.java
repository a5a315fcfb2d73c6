package io.screener.domain.enforcement;

import java.util.List;
import java.util.Set;

/**
 * The enforcement ladder, from the rules file ({@code enforcement.*}): how many strike points a
 * blocked payment and a confirmed flag are worth, how long a strike lives, from how many live
 * points an account is warned, restricted and banned, how long a warned account has to rectify,
 * which functions a restriction bars, and how far a verdict moves the payee's reputation.
 *
 * @param strikePayer whether the payer of a blocked payment or confirmed flag takes a strike too
 *     (the payee always does)
 * @param banEvidence reason codes confirmed by a trusted list (a reputation category): a block with
 *     one of them strikes towards a ban. Any other block (descriptor, memo, amount or behaviour
 *     evidence alone) may warn and, if {@code unconfirmedMayRestrict}, restrict, but never ban; an
 *     analyst's confirmation always counts.
 * @param unconfirmedMayRestrict whether strikes no one confirmed may restrict an account
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
    int maxStrikes,
    Set<String> banEvidence,
    boolean unconfirmedMayRestrict) {

  /**
   * The reputation categories' reason codes: the ban evidence of strikes stored before strikes said
   * whether they were ban-worthy (enforcement state format 1), and of the shipped rules.
   */
  public static final Set<String> CONFIRMED_CATEGORIES =
      Set.of(
          "MERCHANT_EXCHANGE",
          "MERCHANT_CRYPTO_ONRAMP",
          "MERCHANT_OTC_DESK",
          "MERCHANT_NFT_PLATFORM",
          "MERCHANT_CRYPTO_SERVICES",
          "PAYEE_CONFIRMED_OTC_DEALER",
          "PAYER_CONFIRMED_OTC_DEALER");

  public EnforcementRules {
    restrictedFunctions = Set.copyOf(restrictedFunctions);
    banEvidence = Set.copyOf(banEvidence);
    if (!(0 < warnAt && warnAt <= restrictAt && restrictAt <= banAt)) {
      throw new IllegalArgumentException(
          "ladder must satisfy 0 < warn-at <= restrict-at <= ban-at");
    }
  }

  /** Whether a block for these reasons strikes towards a ban. */
  public boolean banWorthy(List<String> reasonCodes) {
    for (String code : reasonCodes) {
      if (banEvidence.contains(code)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The status live strikes call for: {@code points} of them in all, {@code banWorthyPoints} of
   * them confirmed. Unconfirmed points alone never reach BANNED, nor RESTRICTED unless the rules
   * allow.
   */
  public AccountStatus levelOf(int points, int banWorthyPoints) {
    AccountStatus any = levelOf(points);
    AccountStatus ceiling =
        unconfirmedMayRestrict ? AccountStatus.RESTRICTED : AccountStatus.WARNED;
    if (any.compareTo(ceiling) > 0) {
      any = ceiling;
    }
    AccountStatus confirmed = levelOf(banWorthyPoints);
    return confirmed.compareTo(any) > 0 ? confirmed : any;
  }

  /** The status that {@code points} live strike points call for, all of them confirmed. */
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
