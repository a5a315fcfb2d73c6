package io.screener.topology;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;

/**
 * A payment on its way to scoring, gathering its features and then each reputation join's result.
 * Lives only inside one sub-topology, so it never needs a serde.
 */
record EnrichedPayment(
    PaymentEvent payment,
    BehaviourFeatures features,
    MerchantReputation merchant,
    CounterpartyReputation payer,
    CounterpartyReputation payee) {

  static EnrichedPayment of(PaymentEvent payment, BehaviourFeatures features) {
    return new EnrichedPayment(payment, features, null, null, null);
  }

  EnrichedPayment withMerchant(MerchantReputation merchant) {
    return new EnrichedPayment(payment, features, merchant, payer, payee);
  }

  EnrichedPayment withPayer(CounterpartyReputation payer) {
    return new EnrichedPayment(payment, features, merchant, payer, payee);
  }

  EnrichedPayment withPayee(CounterpartyReputation payee) {
    return new EnrichedPayment(payment, features, merchant, payer, payee);
  }
}
