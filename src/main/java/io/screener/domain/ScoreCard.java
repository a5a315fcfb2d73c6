package io.screener.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the reasons signals find for one payment. A reason whose weight is 0 in the rules is
 * switched off and not recorded.
 */
public final class ScoreCard {
  private final ScoringRules rules;
  private List<Reason> reasons = List.of();
  private String allowListDetail;

  public ScoreCard(ScoringRules rules) {
    this.rules = rules;
  }

  public ScoringRules rules() {
    return rules;
  }

  /** Records a reason worth its configured weight. */
  public void add(ReasonCode code, String detail) {
    add(code, rules.weight(code), detail);
  }

  /** Records a reason worth the given points (a signal that scales its weight). */
  public void add(ReasonCode code, int points, String detail) {
    if (points != 0) {
      if (reasons.isEmpty()) {
        reasons = new ArrayList<>(6);
      }
      reasons.add(new Reason(code, points, detail));
    }
  }

  /** Marks the payment as involving an allow-listed licensed partner: it will be cleared. */
  public void allowList(String detail) {
    if (allowListDetail == null) {
      allowListDetail = detail;
    }
  }

  /** Whether a reason with this code has been recorded. */
  public boolean has(ReasonCode code) {
    for (Reason reason : reasons) {
      if (reason.code() == code) {
        return true;
      }
    }
    return false;
  }

  /** The reasons so far; empty and immutable while there are none. */
  List<Reason> reasons() {
    return reasons;
  }

  String allowListDetail() {
    return allowListDetail;
  }
}
