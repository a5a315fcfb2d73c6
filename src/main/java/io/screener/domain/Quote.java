package io.screener.domain;

/**
 * A crypto price in force at some time: one unit of {@code base} costs {@code price} units of
 * {@code currency}.
 *
 * @param eventTime epoch milliseconds the quote was published
 */
public record Quote(String base, String currency, double price, long eventTime) {

  /** Pair name as used on the quotes topic, e.g. {@code USDT/CNY}. */
  public static String pair(String base, String currency) {
    return base + "/" + currency;
  }
}
