package io.screener.domain;

/**
 * What a term in the memo keyword list means (config/memo-keywords.txt). The list's {@code EXCLUDE}
 * lines (人民币 contains 币) are applied by the keyword index itself.
 */
public enum MemoTermKind {
  CRYPTO_TERM(ReasonCode.MEMO_CRYPTO_TERM),
  DERIVATIVES_TERM(ReasonCode.MEMO_DERIVATIVES_TERM),
  NFT_TERM(ReasonCode.MEMO_NFT_TERM),
  COVER_WORD(ReasonCode.MEMO_COVER_WORD);

  private final ReasonCode reason;

  MemoTermKind(ReasonCode reason) {
    this.reason = reason;
  }

  /** The reason a hit gives. */
  public ReasonCode reason() {
    return reason;
  }
}
