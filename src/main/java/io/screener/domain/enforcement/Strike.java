package io.screener.domain.enforcement;

import java.util.List;
import java.util.Objects;

/**
 * One strike against an account: the payment that caused it, when it was taken (event time), its
 * points and the reason codes of the decision behind it.
 */
public record Strike(String transactionId, long time, int points, List<String> reasonCodes) {
  public Strike {
    Objects.requireNonNull(transactionId, "transactionId");
    reasonCodes = List.copyOf(reasonCodes);
  }
}
