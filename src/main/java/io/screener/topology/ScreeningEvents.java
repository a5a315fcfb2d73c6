package io.screener.topology;

import io.screener.domain.Screening;

/**
 * What the topology reports as it works, for metrics and logs. The topology calls these on its
 * stream threads, so implementations must be cheap and thread-safe.
 */
public interface ScreeningEvents {
  ScreeningEvents NONE = new ScreeningEvents() {};

  /** A payment was decided; {@code scoringNanos} is the time spent in the scorer alone. */
  default void decided(Screening screening, long scoringNanos) {}

  /** A record went to the dead-letter topic. */
  default void deadLettered(DeadLetters.Stage stage, String reason) {}

  /** A payment whose transactionId was already decided arrived again and was not decided twice. */
  default void duplicate(String transactionId) {}
}
