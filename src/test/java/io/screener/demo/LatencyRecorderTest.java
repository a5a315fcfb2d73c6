package io.screener.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void shouldReportPercentilesByRank() {
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 1; i <= 100; i++) {
      r.record(i);
    }

    assertEquals(50, r.percentile(0.50));
    assertEquals(99, r.percentile(0.99));
    assertEquals(100, r.percentile(1.0));
  }

  @Test
  void shouldClampAndForget() {
    LatencyRecorder r = new LatencyRecorder();
    r.record(-5);
    r.record(10_000_000);

    assertEquals(0, r.percentile(0.5));
    assertEquals(60_000, r.percentile(1.0));
    r.clear();
    assertEquals(-1, r.percentile(0.5));
  }
}
