package io.screener.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ways people arrive at an amount, in fen (1/100 CNY). */
@FunctionalInterface
interface Amounts {

  long fen(Rng rng);

  static long yuan(double yuan) {
    return Math.round(yuan * 100);
  }

  /** Shop prices: log-normal around a median, ending in 0 fen more often than not. */
  static Amounts price(double medianYuan, double sigma) {
    return rng -> {
      long fen = Math.max(50, Math.round(rng.logNormal(medianYuan, sigma) * 100));
      return rng.chance(0.6) ? Math.max(10, fen / 10 * 10) : fen;
    };
  }

  /** Log-normal, rounded down to a multiple of {@code stepYuan} (but at least one step). */
  static Amounts rounded(double medianYuan, double sigma, double stepYuan, double maxYuan) {
    long step = yuan(stepYuan);
    long max = yuan(maxYuan);
    return rng -> {
      long fen = Math.round(rng.logNormal(medianYuan, sigma) * 100);
      return Math.min(max, Math.max(step, fen / step * step));
    };
  }

  /** One of a menu of prices, equally likely. */
  static Amounts menu(double... yuan) {
    long[] fen = new long[yuan.length];
    for (int i = 0; i < yuan.length; i++) {
      fen[i] = yuan(yuan[i]);
    }
    return rng -> rng.pick(fen);
  }

  /** One of a menu of prices with weights. */
  static Amounts weighted(double[] yuan, double[] weights) {
    long[] fen = new long[yuan.length];
    for (int i = 0; i < yuan.length; i++) {
      fen[i] = yuan(yuan[i]);
    }
    return rng -> fen[rng.weighted(weights)];
  }

  /** {@code units} of something priced at {@code price} CNY each, rounded half-up to the fen. */
  static long priced(long units, double price) {
    return BigDecimal.valueOf(price)
        .multiply(BigDecimal.valueOf(units))
        .movePointRight(2)
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /** As {@link #priced(long, double)} for fractional units (foreign cash, card conversions). */
  static long priced(double units, double price) {
    return BigDecimal.valueOf(units)
        .multiply(BigDecimal.valueOf(price))
        .movePointRight(2)
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }
}
