package io.screener.domain;

import java.util.List;

/**
 * The scorer's verdict on one payment.
 *
 * @param score 0-100, always the sum of the reasons' points
 * @param category the policy category of the strongest evidence; null when cleared
 * @param reasons strongest first
 */
public record Screening(Decision decision, int score, PolicyCategory category, List<Reason> reasons) {

  public Screening {
    reasons = List.copyOf(reasons);
  }
}
