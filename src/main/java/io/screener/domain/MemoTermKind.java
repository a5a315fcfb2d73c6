package io.screener.domain;

/** What a term in the memo keyword list means (config/memo-keywords.txt). */
public enum MemoTermKind {
  CRYPTO_TERM(ReasonCode.MEMO_CRYPTO_TERM),
  DERIVATIVES_TERM(ReasonCode.MEMO_DERIVATIVES_TERM),
  NFT_TERM(ReasonCode.MEMO_NFT_TERM),
  COVER_WORD(ReasonCode.MEMO_COVER_WORD),
  /** A phrase that contains a term but means something else (人民币 contains 币); suppresses it. */
  EXCLUDE(null);

  private final ReasonCode reason;

  MemoTermKind(ReasonCode reason) {
    this.reason = reason;
  }

  /** The reason a hit gives, or null for {@link #EXCLUDE}. */
  public ReasonCode reason() {
    return reason;
  }
}
