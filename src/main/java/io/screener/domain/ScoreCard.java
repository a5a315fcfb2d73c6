package io.screener.domain;

import io.screener.domain.merchant.Descriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the reasons signals find for one payment. A reason whose weight is 0 in the rules is
 * switched off and not recorded. Not thread-safe: the scorer keeps one per thread and clears it.
 */
public final class ScoreCard {
  private final ScoringRules rules;
  private final List<Reason> reasons = new ArrayList<>(8);
  private String allowListDetail;
  private Descriptor descriptor;

  public ScoreCard(ScoringRules rules) {
    this.rules = rules;
  }

  public ScoringRules rules() {
    return rules;
  }

  /** Records a reason worth its configured weight; its sentence is written when first read. */
  public void add(ReasonCode code, Reason.Detail detail) {
    add(code, rules.weight(code), detail);
  }

  /** Records a reason worth the given points (a signal that scales its weight). */
  public void add(ReasonCode code, int points, Reason.Detail detail) {
    if (points != 0) {
      reasons.add(new Reason(code, points, detail));
    }
  }

  /** Marks the payment as involving an allow-listed licensed partner: it will be cleared. */
  public void allowList(String detail) {
    if (allowListDetail == null) {
      allowListDetail = detail;
    }
  }

  /**
   * The payment's merchant descriptor read with the rules' vocabulary; read once per payment
   * whichever signal asks first.
   */
  public Descriptor descriptor(String merchantName) {
    Descriptor d = descriptor;
    if (d == null || !d.raw().equals(merchantName)) {
      d = Descriptor.read(merchantName, rules.merchants().vocabulary());
      descriptor = d;
    }
    return d;
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

  /** The reasons so far; the scorer copies them into its result. */
  List<Reason> reasons() {
    return reasons;
  }

  /** Empties the card for the next payment (the scorer keeps one card per thread). */
  void clear() {
    reasons.clear();
    allowListDetail = null;
    descriptor = null;
  }

  String allowListDetail() {
    return allowListDetail;
  }
}
