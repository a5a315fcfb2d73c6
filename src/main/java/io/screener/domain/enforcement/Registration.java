package io.screener.domain.enforcement;

/** What the reputation feeds register an account as, as far as enforcement cares. */
public enum Registration {
  /** Not registered, or registered as anything else. */
  NONE,
  /** A licensed blockchain partner (either feed): it takes no strikes. */
  LICENSED_PARTNER,
  /**
   * A merchant the merchant feed registers as ORDINARY: blocks of its payments on automatic
   * evidence never count towards a ban; only an analyst's confirmation can.
   */
  ORDINARY_MERCHANT
}
