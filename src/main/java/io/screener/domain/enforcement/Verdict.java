package io.screener.domain.enforcement;

/** An analyst's verdict on a flagged or blocked payment. */
public enum Verdict {
  CONFIRMED_CRYPTO,
  FALSE_POSITIVE
}
