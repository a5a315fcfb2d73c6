package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Screening;
import io.screener.screening.PaymentQuotes;
import org.jspecify.annotations.Nullable;

/**
 * A payment on its way to scoring, gathering its features, the quotes in force, the rules version
 * it is screened under, and then each reputation and account-status join's result. Lives only
 * inside one sub-topology, so it never needs a serde. {@code outcome} carries the scorer's verdict
 * back to the behaviour step that forwarded it.
 */
record EnrichedPayment(
    PaymentEvent payment,
    BehaviourFeatures features,
    PaymentQuotes quotes,
    ActiveRules.Version rules,
    @Nullable MerchantReputation merchant,
    @Nullable CounterpartyReputation payer,
    @Nullable CounterpartyReputation payee,
    @Nullable AccountAction payerAction,
    @Nullable AccountAction payeeAction,
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

  static EnrichedPayment of(
      PaymentEvent payment,
      BehaviourFeatures features,
      PaymentQuotes quotes,
      ActiveRules.Version rules,
      Outcome outcome) {
    return new EnrichedPayment(
        payment, features, quotes, rules, null, null, null, null, null, outcome);
  }

  EnrichedPayment withMerchant(@Nullable MerchantReputation merchant) {
    return new EnrichedPayment(
        payment,
        features,
        quotes,
        rules,
        merchant,
        payer,
        payee,
        payerAction,
        payeeAction,
        outcome);
  }

  EnrichedPayment withPayer(@Nullable CounterpartyReputation payer) {
    return new EnrichedPayment(
        payment,
        features,
        quotes,
        rules,
        merchant,
        payer,
        payee,
        payerAction,
        payeeAction,
        outcome);
  }

  EnrichedPayment withPayee(@Nullable CounterpartyReputation payee) {
    return new EnrichedPayment(
        payment,
        features,
        quotes,
        rules,
        merchant,
        payer,
        payee,
        payerAction,
        payeeAction,
        outcome);
  }

  EnrichedPayment withPayerAction(@Nullable AccountAction payerAction) {
    return new EnrichedPayment(
        payment,
        features,
        quotes,
        rules,
        merchant,
        payer,
        payee,
        payerAction,
        payeeAction,
        outcome);
  }

  EnrichedPayment withPayeeAction(@Nullable AccountAction payeeAction) {
    return new EnrichedPayment(
        payment,
        features,
        quotes,
        rules,
        merchant,
        payer,
        payee,
        payerAction,
        payeeAction,
        outcome);
  }
}
