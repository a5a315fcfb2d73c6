package io.screener.domain.enforcement;

/** What moved an account on the ladder. */
public enum ActionTrigger {
  /** A blocked payment's strike. */
  BLOCKED_PAYMENT,
  /** An analyst confirmed a flagged payment as a crypto purchase. */
  CONFIRMED_VERDICT,
  /** An analyst found a flag or block wrong; its strike is withdrawn and the account re-graded. */
  FALSE_POSITIVE_VERDICT,
  /** A warned account's deadline passed: rectified (no new strikes) or restricted. */
  DEADLINE_PASSED,
  /** A restricted account's last strike expired. */
  STRIKES_EXPIRED
}
