package io.screener.domain;

/**
 * The kind of evidence a reason rests on. A BLOCK needs at least one reason of a kind that the rules
 * list as block-worthy (by default reputation or merchant evidence); behaviour, content and amount
 * patterns alone can only FLAG.
 */
public enum Evidence {
  REPUTATION,
  MERCHANT,
  CONTENT,
  BEHAVIOUR,
  AMOUNT,
  ALLOW_LIST,
  /** The account's enforcement status bars the payment: always blocks, whatever the score. */
  ENFORCEMENT
}
