package io.screener.domain;

import java.util.Objects;

/**
 * Everything known about one payment when it is scored. Reputation and quotes are null when the
 * feeds have no entry.
 *
 * @param usdtQuote the USDT price in the payment's currency in force at the payment's event time
 * @param btcQuote the BTC price likewise
 */
public record ScreeningInput(
    Payment payment,
    MerchantProfile merchant,
    CounterpartyProfile payer,
    CounterpartyProfile payee,
    Quote usdtQuote,
    Quote btcQuote,
    BehaviourFeatures features) {

  public ScreeningInput {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(features, "features");
  }
}
