package io.screener.screening;

import io.screener.domain.Decision;
import io.screener.domain.Screening;
import org.jspecify.annotations.Nullable;

/**
 * What the topology reports as it works, for metrics and logs. The topology calls these on its
 * stream threads, so implementations must be cheap and thread-safe.
 */
public interface ScreeningEvents {
  ScreeningEvents NONE = new ScreeningEvents() {};

  /** A payment was decided; {@code scoringNanos} is the time spent in the scorer alone. */
  default void decided(Screening screening, long scoringNanos) {}

  /**
   * A payment's decision was emitted {@code millis} after the intake read the payment (wall clock,
   * so it includes the hop through the repartition topic).
   */
  default void processed(long millis) {}

  /** A payment with this event time was decided (for the event-time lag). */
  default void eventTime(long eventTimeMillis) {}

  /** A record went to the dead-letter topic. */
  default void deadLettered(DeadLetterStage stage, String reason) {}

  /** A reputation or quote record that could not be used went to the dead-letter topic. */
  default void feedDeadLettered(String topic, String reason) {}

  /** A payment whose transactionId was already decided arrived again and was not decided twice. */
  default void duplicate(String transactionId) {}

  /** An account moved on the enforcement ladder to {@code status}. */
  default void statusChanged(String status) {}

  /**
   * A verdict could not be applied (unknown payment, or dated ahead of the clock) and was
   * dead-lettered.
   */
  default void verdictDeadLettered(String reason) {}

  /**
   * A stream thread died of an error no record handler took; {@code replaced} says whether it was
   * replaced or the client is shutting down.
   */
  default void streamThreadFailed(boolean replaced) {}

  /**
   * A rules version was put in force (from {@code screener-config} or, on a tombstone, the file).
   */
  default void rulesInForce(String version) {}

  /**
   * A shadow rules version was set beside the live one ({@code publish-rules --shadow}), or, with
   * null, the shadow was removed (or promoted).
   */
  default void shadowRulesInForce(@Nullable String version) {}

  /**
   * A payment was scored by the shadow rules too: {@code live} is the decision it got, {@code
   * shadow} the one the shadow would have given it.
   */
  default void shadowDecided(Decision live, Decision shadow) {}
}
