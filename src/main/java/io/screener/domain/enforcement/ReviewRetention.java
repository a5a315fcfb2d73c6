package io.screener.domain.enforcement;

/**
 * When flagged and blocked payments kept for verdicts are forgotten: those older than the
 * retention, counted back from the newest payment seen, checked every sweep interval of payment
 * time. Payment time only: verdicts carry the analysts' clock and must not age the cases.
 */
public final class ReviewRetention {
  private final long retentionMillis;
  private final long sweepIntervalMillis;
  private long latest = Long.MIN_VALUE;
  private long nextSweep = Long.MIN_VALUE;

  public ReviewRetention(long retentionMillis, long sweepIntervalMillis) {
    this.retentionMillis = retentionMillis;
    this.sweepIntervalMillis = sweepIntervalMillis;
  }

  /**
   * Notes a payment's time; returns the cutoff (forget cases of payments before it) when a sweep is
   * due, or {@link Long#MIN_VALUE} when not.
   */
  public long seen(long paymentTime) {
    if (paymentTime <= latest) {
      return Long.MIN_VALUE;
    }
    latest = paymentTime;
    if (nextSweep == Long.MIN_VALUE) {
      nextSweep = paymentTime + sweepIntervalMillis;
      return Long.MIN_VALUE;
    }
    if (paymentTime < nextSweep) {
      return Long.MIN_VALUE;
    }
    nextSweep = paymentTime + sweepIntervalMillis;
    return paymentTime - retentionMillis;
  }
}
