package io.screener.domain.enforcement;

import java.util.List;
import java.util.Objects;

/**
 * One strike against an account: the payment that caused it, when it was taken (event time), its
 * points and the reason codes of the decision behind it.
 *
 * @param banWorthy whether a person or a trusted list confirmed the evidence behind it (an
 *     analyst's confirmation, or a reason the rules name in {@code enforcement.ban-evidence}): only
 *     such strikes count towards a ban
 */
public record Strike(
    String transactionId, long time, int points, List<String> reasonCodes, boolean banWorthy) {
  public Strike {
    Objects.requireNonNull(transactionId, "transactionId");
    reasonCodes = List.copyOf(reasonCodes);
  }
}
