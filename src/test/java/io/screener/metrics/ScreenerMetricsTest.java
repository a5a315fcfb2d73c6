package io.screener.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScreenerMetricsTest {
  @Test
  void shouldCountDeadLetteredVerdictsByTheFieldAtFault() {
    ScreenerMetrics metrics = new ScreenerMetrics();
    metrics.verdictDeadLettered(
        "transactionId tx-1 names no flagged or blocked payment within review.retention");
    metrics.verdictDeadLettered(
        "transactionId tx-2 names no flagged or blocked payment within review.retention");
    metrics.verdictDeadLettered("decidedAt 2031-01-01T00:00:00Z is more than PT24H ahead of now");

    String scrape = metrics.scrape();
    assertTrue(
        scrape.contains(
            "screener_dead_letters_total{cause=\"transactionId\",source=\"review-verdicts\",stage=\"VALIDATE\"} 2.0"),
        scrape);
    assertTrue(
        scrape.contains(
            "screener_dead_letters_total{cause=\"decidedAt\",source=\"review-verdicts\",stage=\"VALIDATE\"} 1.0"),
        scrape);
  }
}
