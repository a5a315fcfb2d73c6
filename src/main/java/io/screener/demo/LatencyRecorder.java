package io.screener.demo;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decision latencies in 1 ms buckets up to a minute (longer ones land in the last bucket), so
 * percentiles cost no allocation and need no sorting. Thread-safe.
 */
public final class LatencyRecorder {
  private static final int MAX_MILLIS = 60_000;
  private final AtomicLongArray buckets = new AtomicLongArray(MAX_MILLIS + 1);

  public void record(long millis) {
    buckets.incrementAndGet((int) Math.max(0, Math.min(MAX_MILLIS, millis)));
  }

  public long count() {
    long total = 0;
    for (int i = 0; i < buckets.length(); i++) {
      total += buckets.get(i);
    }
    return total;
  }

  /** Forgets every recording; ones made while it runs may be lost, which a display can afford. */
  public void clear() {
    for (int i = 0; i < buckets.length(); i++) {
      buckets.set(i, 0);
    }
  }

  /** The latency at or below which the given share of recordings fall, or -1 when empty. */
  public long percentile(double share) {
    long total = count();
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(share * total);
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MILLIS;
  }
}
