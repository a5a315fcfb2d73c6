package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.screening.PaymentQuotes;
import org.jspecify.annotations.Nullable;

/**
 * A payment on its way to scoring, gathering its features, the quotes in force, the rules version
 * it is screened under, and then each reputation and account-status join's result. Lives only
 * inside one sub-topology, so it never needs a serde.
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
    @Nullable AccountAction payeeAction) {

  static EnrichedPayment of(
      PaymentEvent payment,
      BehaviourFeatures features,
      PaymentQuotes quotes,
      ActiveRules.Version rules) {
    return new EnrichedPayment(payment, features, quotes, rules, null, null, null, null, null);
  }

  EnrichedPayment withMerchant(@Nullable MerchantReputation merchant) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayer(@Nullable CounterpartyReputation payer) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayee(@Nullable CounterpartyReputation payee) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayerAction(@Nullable AccountAction payerAction) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayeeAction(@Nullable AccountAction payeeAction) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }
}
