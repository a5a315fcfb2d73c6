package io.screener.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.Decision;
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

  @Test
  void shouldCountShadowAgreementByDecisionPairAndNameTheShadowVersion() {
    ScreenerMetrics metrics = new ScreenerMetrics();
    String before = metrics.scrape();
    // Every pair is there at zero before any shadow is set.
    assertTrue(
        before.contains("screener_shadow_decisions_total{live=\"CLEAR\",shadow=\"FLAG\"} 0.0"),
        before);
    assertTrue(
        before.contains("screener_shadow_decisions_total{live=\"BLOCK\",shadow=\"BLOCK\"} 0.0"),
        before);
    assertFalse(before.contains("screener_shadow_rules_info"), before);

    metrics.shadowRulesInForce("2026.12-1-abc");
    metrics.shadowDecided(Decision.CLEAR, Decision.FLAG);
    metrics.shadowDecided(Decision.CLEAR, Decision.FLAG);
    metrics.shadowDecided(Decision.FLAG, Decision.FLAG);
    String during = metrics.scrape();
    assertTrue(
        during.contains("screener_shadow_decisions_total{live=\"CLEAR\",shadow=\"FLAG\"} 2.0"),
        during);
    assertTrue(
        during.contains("screener_shadow_decisions_total{live=\"FLAG\",shadow=\"FLAG\"} 1.0"),
        during);
    assertTrue(during.contains("screener_shadow_rules_info{version=\"2026.12-1-abc\"} 1"), during);

    metrics.shadowRulesInForce(null);
    assertFalse(metrics.scrape().contains("screener_shadow_rules_info"));
  }
}
