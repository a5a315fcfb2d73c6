package io.screener.domain;

import io.screener.domain.enforcement.AccountStanding;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one payment when it is scored. Reputation and quotes are null when the
 * feeds have no entry.
 *
 * @param usdtQuote the USDT price in the payment's currency in force at the payment's event time;
 *     the service leaves it null for payments {@link io.screener.domain.signal.QuoteMatchSignal}
 *     does not price
 * @param btcQuote the BTC price likewise
 * @param payerStanding the payer's enforcement status, or null when it has none (ACTIVE)
 * @param payeeStanding the payee's likewise
 */
public record ScreeningInput(
    Payment payment,
    @Nullable MerchantProfile merchant,
    @Nullable CounterpartyProfile payer,
    @Nullable CounterpartyProfile payee,
    @Nullable Quote usdtQuote,
    @Nullable Quote btcQuote,
    BehaviourFeatures features,
    @Nullable AccountStanding payerStanding,
    @Nullable AccountStanding payeeStanding) {

  public ScreeningInput {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(features, "features");
  }

  /** An input for accounts with no enforcement status. */
  public ScreeningInput(
      Payment payment,
      @Nullable MerchantProfile merchant,
      @Nullable CounterpartyProfile payer,
      @Nullable CounterpartyProfile payee,
      @Nullable Quote usdtQuote,
      @Nullable Quote btcQuote,
      BehaviourFeatures features) {
    this(payment, merchant, payer, payee, usdtQuote, btcQuote, features, null, null);
  }
}
