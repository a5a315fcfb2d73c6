package io.screener.screening;

import io.screener.domain.Quote;
import org.jspecify.annotations.Nullable;

/**
 * The USDT and BTC quotes in force at a payment's event time, each null when there is none recent
 * (or the payment is not one that is priced): looked up once, in the behaviour step, which reads
 * the amount as a USDT lot, and carried on to scoring.
 */
public record PaymentQuotes(@Nullable Quote usdt, @Nullable Quote btc) {
  /** No quotes: the payment is not priced. */
  public static final PaymentQuotes NONE = new PaymentQuotes(null, null);
}
