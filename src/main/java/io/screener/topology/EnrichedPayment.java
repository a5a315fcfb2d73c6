package io.screener.topology;

import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Screening;
import io.screener.screening.PaymentQuotes;
import org.jspecify.annotations.Nullable;

/**
 * A payment on its way from the behaviour step to scoring: its features, the quotes in force and
 * the rules version it is screened under. The scorer looks up the reference feeds itself. Lives
 * only inside one sub-topology, so it never needs a serde. {@code outcome} carries the scorer's
 * verdict back to the behaviour step that forwarded it.
 */
record EnrichedPayment(
    PaymentEvent payment,
    BehaviourFeatures features,
    PaymentQuotes quotes,
    ActiveRules.Version rules,
    Outcome outcome) {

  /**
   * The scorer's verdict on the payment, for the behaviour step. Kafka Streams runs a record
   * through every processor of its sub-topology before {@code forward} returns, and nothing between
   * the two steps leaves the sub-topology, so the behaviour step reads the verdict right after
   * forwarding. One per behaviour processor, cleared for each payment.
   */
  static final class Outcome {
    private @Nullable Screening screening;

    void clear() {
      screening = null;
    }

    void decided(Screening screening) {
      this.screening = screening;
    }

    /** The verdict, or null when the payment was not scored (its processing failed). */
    @Nullable Screening screening() {
      return screening;
    }
  }
}
