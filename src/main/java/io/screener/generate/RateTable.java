package io.screener.generate;

import java.util.function.LongToDoubleFunction;

/**
 * Arrival times of one activity: a Poisson process whose rate is constant within each clock hour,
 * scaled so that the expected number of arrivals in the planned period is a given number. Drawing
 * the next arrival is exact (no thinning) and walks the hours forward, so it costs little more than
 * one exponential draw.
 */
final class RateTable {
  static final long NEVER = Long.MAX_VALUE;

  private final long origin;
  private final double[] perMilli;

  private RateTable(long origin, double[] perMilli) {
    this.origin = origin;
    this.perMilli = perMilli;
  }

  /**
   * @param start first possible arrival (epoch millis)
   * @param plannedEnd end of the period in which {@code expected} arrivals are due
   * @param coverEnd no arrival at or after this
   * @param expected expected arrivals in [start, plannedEnd)
   * @param weight relative intensity of the hour starting at the given epoch millis
   */
  static RateTable of(
      long start, long plannedEnd, long coverEnd, double expected, LongToDoubleFunction weight) {
    long origin = Math.floorDiv(start, ShanghaiCalendar.HOUR) * ShanghaiCalendar.HOUR;
    int hours = (int) ((coverEnd - origin + ShanghaiCalendar.HOUR - 1) / ShanghaiCalendar.HOUR);
    double[] weights = new double[hours];
    double planned = 0;
    for (int h = 0; h < hours; h++) {
      long from = origin + h * ShanghaiCalendar.HOUR;
      weights[h] = weight.applyAsDouble(from);
      long overlap = Math.min(from + ShanghaiCalendar.HOUR, plannedEnd) - Math.max(from, start);
      if (overlap > 0) {
        planned += weights[h] * overlap;
      }
    }
    double scale = planned > 0 ? expected / planned : 0;
    double[] perMilli = new double[hours];
    for (int h = 0; h < hours; h++) {
      perMilli[h] = weights[h] * scale;
    }
    return new RateTable(origin, perMilli);
  }

  /** The first arrival after {@code after}, or {@link #NEVER}. */
  long next(long after, Rng rng) {
    double budget = rng.exponential();
    long t = Math.max(after, origin);
    int h = (int) ((t - origin) / ShanghaiCalendar.HOUR);
    while (h < perMilli.length) {
      long end = origin + (h + 1) * ShanghaiCalendar.HOUR;
      double rate = perMilli[h];
      double mass = rate * (end - t);
      if (budget < mass) {
        return t + (long) (budget / rate);
      }
      budget -= mass;
      t = end;
      h++;
    }
    return NEVER;
  }
}
