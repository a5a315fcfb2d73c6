package io.screener.generate;

import io.screener.avro.CryptoQuote;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The USDT/CNY and BTC/CNY quotes, one of each every {@link #STEP} of event time: mean-reverting
 * random walks (USDT around 7.20 within 7.10-7.30, BTC around 650,000 within 600,000-700,000 CNY).
 * A tape is a cursor: {@link #next()} yields quotes in time order (BTC before USDT at the same
 * instant), and {@link #usdtAt(long)} gives the USDT price in force at a time that never goes
 * backwards. Two tapes with the same seed and start hold the same quotes.
 */
final class QuoteTape implements Iterator<CryptoQuote> {
  static final long STEP = 5 * 60_000L;
  static final String USDT = "USDT/CNY";
  static final String BTC = "BTC/CNY";

  private static final double USDT_MEAN = 7.20;
  private static final double USDT_MIN = 7.10;
  private static final double USDT_MAX = 7.30;
  private static final double BTC_MEAN_LOG = StrictMath.log(650_000);
  private static final double BTC_MIN = 600_000;
  private static final double BTC_MAX = 700_000;

  private final Rng rng;
  private final long end;
  private long time;
  private double usdtLevel;
  private double btcLog;
  private double usdt;
  private double btc;
  private boolean btcPending = true;
  private long usdtTime;

  /**
   * @param first time of the first quote
   * @param end no quote at or after this (for {@link #next()}; {@link #usdtAt} keeps going)
   */
  QuoteTape(long seed, long first, long end) {
    this.rng = Rng.stream(seed, 0x9007E);
    this.end = end;
    this.time = first;
    this.usdtLevel = USDT_MEAN + 0.03 * rng.gaussian();
    this.btcLog = BTC_MEAN_LOG + 0.03 * rng.gaussian();
    publish();
    usdtTime = first;
  }

  private void publish() {
    usdt = Math.round(clamp(usdtLevel, USDT_MIN, USDT_MAX) * 10_000) / 10_000.0;
    btc = Math.round(clamp(StrictMath.exp(btcLog), BTC_MIN, BTC_MAX) * 100) / 100.0;
  }

  private void step() {
    // Ornstein-Uhlenbeck steps: a stationary spread of about 0.04 CNY for USDT and 4.5% for BTC.
    usdtLevel += 0.002 * (USDT_MEAN - usdtLevel) + 0.0025 * rng.gaussian();
    usdtLevel = reflect(usdtLevel, USDT_MIN, USDT_MAX);
    btcLog += 0.001 * (BTC_MEAN_LOG - btcLog) + 0.002 * rng.gaussian();
    btcLog = reflect(btcLog, StrictMath.log(BTC_MIN), StrictMath.log(BTC_MAX));
    time += STEP;
    publish();
  }

  @Override
  public boolean hasNext() {
    return time < end;
  }

  @Override
  public CryptoQuote next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (btcPending) {
      btcPending = false;
      return new CryptoQuote(BTC, btc, Instant.ofEpochMilli(time));
    }
    CryptoQuote quote = new CryptoQuote(USDT, usdt, Instant.ofEpochMilli(time));
    step();
    btcPending = true;
    return quote;
  }

  /** The USDT/CNY price published last at or before {@code at}; {@code at} must not decrease. */
  double usdtAt(long at) {
    if (at < usdtTime) {
      throw new IllegalArgumentException("quote lookups must go forward in time");
    }
    while (time + STEP <= at) {
      step();
    }
    usdtTime = at;
    return usdt;
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  private static double reflect(double value, double min, double max) {
    if (value < min) {
      return min + (min - value);
    }
    if (value > max) {
      return max - (value - max);
    }
    return value;
  }
}
