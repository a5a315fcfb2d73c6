package io.screener.domain;

/** What happens to a payment. Ordered from most to least severe. */
public enum Decision {
  BLOCK,
  FLAG,
  CLEAR
}
