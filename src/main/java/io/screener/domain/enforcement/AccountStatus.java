package io.screener.domain.enforcement;

/**
 * An account's place on the enforcement ladder (WeChat's code of conduct grades it: rectify within
 * a time limit, then restricted functions, up to a permanent ban). Ordered from least to most
 * severe.
 */
public enum AccountStatus {
  ACTIVE,
  /** Ordered to rectify by a deadline; payments are screened as usual. */
  WARNED,
  /** The ladder's restricted functions are blocked. */
  RESTRICTED,
  /**
   * Every payment to or from the account is blocked. Permanent, but for an analyst's correction.
   */
  BANNED;

  public boolean atLeast(AccountStatus other) {
    return compareTo(other) >= 0;
  }
}
