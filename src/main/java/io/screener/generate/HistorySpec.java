package io.screener.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: how many payments, from which seed, over which period of event time.
 *
 * @param payments exact number of payments, at least {@value #MIN_PAYMENTS}
 * @param seed the same seed (and the rest of the spec) gives the same history
 * @param start event time of the beginning of the history
 * @param span the period the payments are spread over (the last ones may spill a little past it)
 */
public record HistorySpec(long payments, long seed, Instant start, Duration span) {
  /** Fewer payments leave some scenarios without a single payment. */
  public static final long MIN_PAYMENTS = 1_000;

  public static final long MAX_PAYMENTS = 100_000_000;

  /** Monday 2026-01-05 00:00 UTC (08:00 in China). */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

  /** Payments per day of history when the span is not given, up to {@link #MAX_DEFAULT_DAYS}. */
  public static final long PAYMENTS_PER_DAY = 6_500;

  public static final int MAX_DEFAULT_DAYS = 30;

  public HistorySpec {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(span, "span");
    if (payments < MIN_PAYMENTS || payments > MAX_PAYMENTS) {
      throw new IllegalArgumentException(
          "payments must be between "
              + MIN_PAYMENTS
              + " and "
              + MAX_PAYMENTS
              + ", was "
              + payments);
    }
    if (span.compareTo(Duration.ofHours(1)) < 0 || span.compareTo(Duration.ofDays(366)) > 0) {
      throw new IllegalArgumentException("span must be between 1 hour and 366 days, was " + span);
    }
  }

  /**
   * The default history: from {@link #DEFAULT_START}, one day per {@value #PAYMENTS_PER_DAY}
   * payments (so small histories stay dense enough for fan-in to show), at most {@value
   * #MAX_DEFAULT_DAYS} days.
   */
  public static HistorySpec of(long payments, long seed) {
    return new HistorySpec(payments, seed, DEFAULT_START, Duration.ofDays(defaultDays(payments)));
  }

  /** Days of history for this many payments when the span is not given. */
  public static int defaultDays(long payments) {
    long days = (payments + PAYMENTS_PER_DAY - 1) / PAYMENTS_PER_DAY;
    return (int) Math.max(1, Math.min(MAX_DEFAULT_DAYS, days));
  }

  /** The end of the planned period. */
  public Instant end() {
    return start.plus(span);
  }
}
