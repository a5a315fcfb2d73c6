package io.screener.domain.enforcement;

import java.util.List;

/**
 * Something that may move one account on the ladder: its payment was blocked, or a verdict on it
 * came in.
 *
 * @param payee whether the account was the payment's payee (verdict feedback on reputation goes to
 *     payees only)
 * @param struck whether the decision itself took a strike (blocked, not because of the payer's
 *     status)
 * @param time event time: the payment's for BLOCKED, the verdict's otherwise
 */
public record AccountEvent(
    String accountId,
    String transactionId,
    Kind kind,
    boolean payee,
    boolean struck,
    List<String> reasonCodes,
    long time) {

  /** What happened. */
  public enum Kind {
    BLOCKED,
    CONFIRMED,
    FALSE_POSITIVE
  }

  public AccountEvent {
    reasonCodes = List.copyOf(reasonCodes);
  }
}
