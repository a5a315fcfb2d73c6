package io.screener.domain;

/** Whether the receiving account is a person's or a registered merchant's. */
public enum PayeeType {
  PERSONAL,
  MERCHANT
}
