package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.domain.BehaviourFeatures;
import io.screener.screening.PaymentQuotes;

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
    MerchantReputation merchant,
    CounterpartyReputation payer,
    CounterpartyReputation payee,
    AccountAction payerAction,
    AccountAction payeeAction) {

  static EnrichedPayment of(
      PaymentEvent payment,
      BehaviourFeatures features,
      PaymentQuotes quotes,
      ActiveRules.Version rules) {
    return new EnrichedPayment(payment, features, quotes, rules, null, null, null, null, null);
  }

  EnrichedPayment withMerchant(MerchantReputation merchant) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayer(CounterpartyReputation payer) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayee(CounterpartyReputation payee) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayerAction(AccountAction payerAction) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }

  EnrichedPayment withPayeeAction(AccountAction payeeAction) {
    return new EnrichedPayment(
        payment, features, quotes, rules, merchant, payer, payee, payerAction, payeeAction);
  }
}
