package io.screener.domain;

/**
 * The kind of evidence a reason rests on. A BLOCK needs at least one reason of a kind that the
 * rules list as block-worthy (by default reputation or merchant evidence: a trusted list or a known
 * brand); merchant codes, behaviour, content and amount patterns alone can only FLAG.
 */
public enum Evidence {
  REPUTATION,
  /**
   * The payee's name is a crypto brand of the universe, and nothing about the merchant says
   * otherwise.
   */
  MERCHANT,
  /** The merchant category code: 6051 is required for crypto but also covers travel money. */
  MERCHANT_CODE,
  CONTENT,
  BEHAVIOUR,
  AMOUNT,
  ALLOW_LIST,
  /** The account's enforcement status bars the payment: always blocks, whatever the score. */
  ENFORCEMENT
}
