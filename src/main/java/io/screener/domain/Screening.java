package io.screener.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scorer's verdict on one payment.
 *
 * @param score 0-100, always the sum of the reasons' points
 * @param category the policy category of the strongest evidence; null when cleared
 * @param reasons strongest first
 */
public record Screening(
    Decision decision, int score, @Nullable PolicyCategory category, List<Reason> reasons) {

  public Screening {
    reasons = List.copyOf(reasons);
  }

  /**
   * Points of the reasons about the merchant itself, from its code and descriptor ({@link
   * ReasonCode#describesMerchant}): what a merchant's record remembers when they reach the flag
   * threshold.
   */
  public int merchantEvidencePoints() {
    return merchantEvidencePoints(reasons);
  }

  static int merchantEvidencePoints(List<Reason> reasons) {
    int points = 0;
    for (Reason reason : reasons) {
      if (reason.code().describesMerchant()) {
        points += reason.points();
      }
    }
    return points;
  }

  /**
   * Whether an account's enforcement status is among the reasons this payment was blocked (a banned
   * account, or a restricted one using a barred function): the cascade a wrong ban would cause.
   */
  public boolean blockedByStatus() {
    if (decision != Decision.BLOCK) {
      return false;
    }
    for (Reason reason : reasons) {
      if (reason.code().evidence() == Evidence.ENFORCEMENT && reason.points() > 0) {
        return true;
      }
    }
    return false;
  }
}
