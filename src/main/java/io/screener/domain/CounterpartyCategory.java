package io.screener.domain;

/** What the counterparty-reputation feed says any account (payer or payee) is. */
public enum CounterpartyCategory {
  ORDINARY,
  SUSPECTED_OTC_DEALER,
  CONFIRMED_OTC_DEALER,
  MULE,
  LICENSED_PARTNER
}
