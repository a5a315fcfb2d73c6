package io.screener.domain;

import io.screener.domain.ScoringRules.QuoteRules;
import org.jspecify.annotations.Nullable;

/**
 * How a person-to-person amount reads in USDT at the quote in force: a whole number of USDT at the
 * quote itself (7,180.00 CNY at 7.18 is 1,000 USDT), a round lot at the quote plus a dealer's
 * premium (7,232.00 CNY is 1,000 USDT at 7.232, the quote +0.72%), or neither. Packed in one {@code
 * long} ({@link #NONE} for neither) so behaviour state keeps it per inflow at no object cost: the
 * high 32 bits hold the effective price per USDT in millionths of the currency unit, the low 32 the
 * premium over the quote in parts per million (0 at the quote).
 *
 * <p>Dealers sell at the quote or at a markup of a few tenths of a percent to a few percent, and
 * hold one effective price for a while, so the buyers of one dealer pay whole lots at one price. An
 * ordinary round sum (a multiple of {@code quote.round-amount-minor}, 100 CNY) is never read as a
 * lot at a premium, and at the quote only as a round lot to the fen: 5,000.00 CNY is no purchase of
 * 700 USDT at 7.1442, nor of 696 USDT at 7.1839, but 7,180.00 CNY is 1,000 USDT at 7.18.
 */
public final class LotPrice {
  /** The amount is no lot. */
  public static final long NONE = 0;

  private LotPrice() {}

  /** The lot an amount is at this quote, or {@link #NONE}; a null quote or one too old is none. */
  public static long of(long amountMinor, @Nullable Quote quote, long time, QuoteRules rules) {
    if (quote == null
        || time - quote.eventTime() > rules.maxQuoteAgeMillis()
        || quote.price() <= 0) {
      return NONE;
    }
    double price = quote.price();
    double units = amountMinor / 100.0 / price;
    boolean roundSum = amountMinor % rules.roundAmountMinor() == 0;
    double whole = Math.rint(units / rules.usdtStep()) * rules.usdtStep();
    if (whole >= rules.usdtMin() && whole > 0) {
      long exactMinor = Math.round(whole * price * 100.0);
      boolean lot =
          Math.abs(Math.IEEEremainder(whole, rules.usdtRoundLot())) < rules.usdtStep() / 2;
      long tolerance = lot && !roundSum ? rules.roundLotToleranceMinor() : rules.toleranceMinor();
      if (Math.abs(amountMinor - exactMinor) <= tolerance && (lot || !roundSum)) {
        return pack(amountMinor, whole, 0);
      }
    }
    if (roundSum) {
      return NONE;
    }
    double lots = Math.floor(units / rules.usdtRoundLot()) * rules.usdtRoundLot();
    if (lots < rules.usdtRoundLot() || lots < rules.usdtMin()) {
      return NONE;
    }
    long ppm = Math.round((amountMinor / (lots * price * 100.0) - 1) * 1_000_000);
    if (ppm < rules.premiumMinPpm() || ppm > rules.premiumMaxPpm()) {
      return NONE;
    }
    return pack(amountMinor, lots, (int) ppm);
  }

  private static long pack(long amountMinor, double units, int ppm) {
    long priceMicros = Math.round(amountMinor * 10_000.0 / units);
    return (Math.min(priceMicros, Integer.MAX_VALUE) << 32) | (ppm & 0xFFFF_FFFFL);
  }

  /** The premium over the quote in parts per million: 0 at the quote. */
  public static int premiumPpm(long lot) {
    return (int) lot;
  }

  /** The effective price per USDT in the payment's currency. */
  public static double price(long lot) {
    return (lot >>> 32) / 1_000_000.0;
  }

  /** How many USDT the amount buys at the lot's price. */
  public static double units(long amountMinor, long lot) {
    return Math.rint(amountMinor / 100.0 / price(lot));
  }

  /**
   * Whether two lots are at one dealer's price: the same premium over the quote in force at each,
   * or the same effective price, within {@code tolerancePpm}. {@link #NONE} matches nothing.
   */
  public static boolean samePrice(long a, long b, int tolerancePpm) {
    if (a == NONE || b == NONE) {
      return false;
    }
    if (Math.abs((long) premiumPpm(a) - premiumPpm(b)) <= tolerancePpm) {
      return true;
    }
    long pa = a >>> 32;
    long pb = b >>> 32;
    return Math.abs(pa - pb) * 1_000_000L <= (long) tolerancePpm * pa;
  }

  /**
   * How often an amount of this size lands on a premium lot by chance, in percent: the premium band
   * spans this many USDT around each round lot, out of the round-lot step. Small lots are telling
   * (100 USDT: about 3 in 100), large ones are not (3,000 USDT: almost every amount).
   */
  public static int chancePercent(double units, QuoteRules rules) {
    double span = units * (rules.premiumMaxPpm() - rules.premiumMinPpm()) / 1_000_000.0;
    return (int) Math.min(100, Math.round(100 * span / rules.usdtRoundLot()));
  }
}
