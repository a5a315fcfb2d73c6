package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.Decision;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.fixtures.ScreenerDriver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules changed through screener-config while the topology runs. */
class LiveRulesTest {
  @TempDir Path state;
  private ScreenerDriver screener;
  private String fileVersion;

  @BeforeEach
  void start() {
    screener = new ScreenerDriver(state);
    screener.counterparty("dealer", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    fileVersion = RulesDocuments.shippedVersion();
  }

  @AfterEach
  void stop() {
    screener.close();
  }

  private ScreeningDecision pay(int n) {
    screener.pay(
        Payments.transfer("buyer-" + n, "dealer", 300_000).at(Payments.T0.plusSeconds(n)).build());
    List<TestRecord<String, ScreeningDecision>> decisions = screener.decisions();
    assertEquals(1, decisions.size());
    return decisions.get(0).value();
  }

  @Test
  void shouldDecideWithANewVersionFromTheNextPaymentOn() {
    ScreeningDecision before = pay(1);
    assertEquals(Decision.FLAG, before.getDecision());
    assertEquals(fileVersion, before.getConfigVersion());

    ScreenerConfig v2 =
        RulesDocuments.edited(
            "v2", "weight.PAYEE_SUSPECTED_OTC_DEALER=50", "weight.PAYEE_SUSPECTED_OTC_DEALER=85");
    screener.config(v2);
    ScreeningDecision after = pay(2);
    assertEquals(v2.getVersion(), after.getConfigVersion());
    assertNotEquals(fileVersion, after.getConfigVersion());
    assertEquals(
        Decision.BLOCK, after.getDecision(), "85 points of reputation evidence block under v2");

    // A tombstone goes back to the rules file.
    screener
        .driver()
        .createInputTopic(
            "screener-config",
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())
        .pipeInput("rules", null, Payments.T0);
    assertEquals(fileVersion, pay(3).getConfigVersion());
  }

  @Test
  void shouldRejectAnInvalidDocumentAndKeepTheRunningVersion() {
    ScreenerConfig v2 =
        RulesDocuments.edited(
            "v2", "weight.PAYEE_SUSPECTED_OTC_DEALER=50", "weight.PAYEE_SUSPECTED_OTC_DEALER=85");
    screener.config(v2);
    assertEquals(v2.getVersion(), pay(1).getConfigVersion());

    screener.config(RulesDocuments.edited("v3", "threshold.flag=40", "threshold.flag=forty"));
    ScreeningDecision stillV2 = pay(2);
    assertEquals(v2.getVersion(), stillV2.getConfigVersion());
    assertEquals(Decision.BLOCK, stillV2.getDecision());

    // A document whose version does not match its content (tampered, or hand-edited).
    ScreenerConfig mislabelled =
        RulesDocuments.edited("v4", "threshold.flag=40", "threshold.flag=10");
    mislabelled.setVersion(v2.getVersion());
    screener.config(mislabelled);
    // A document whose lists are missing.
    ScreenerConfig noLists = RulesDocuments.edited("v5", "threshold.flag=40", "threshold.flag=30");
    noLists.setLists(new HashMap<>(Map.of()));
    screener.config(noLists);
    assertEquals(v2.getVersion(), pay(3).getConfigVersion());
  }
}
