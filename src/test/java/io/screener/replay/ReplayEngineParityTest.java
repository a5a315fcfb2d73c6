package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.AccountAction;
import io.screener.avro.ScreeningDecision;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.fixtures.HistoryFiles;
import io.screener.fixtures.MixedHistory;
import io.screener.fixtures.ScreenerDriver;
import io.screener.fixtures.TestRules;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroJson;
import io.screener.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replay engine decides a mixed history exactly as the real topology does. */
class ReplayEngineParityTest {
  @TempDir Path stateDir;

  /**
   * Whichever store kind holds the topology's state: the same decisions, actions and rejections.
   * With state kept only two hours, accounts expire all through the history, so the sweep's place
   * (after the payment that moves stream time, before its review case) decides what that payment
   * sees.
   */
  @ParameterizedTest
  @CsvSource({"rocksdb, 7d, 1d", "memory, 7d, 1d", "memory, 2h, 2h"})
  void shouldDecideEveryPaymentAsTheTopologyDoes(
      String stateStore, String stateRetention, String dedupRetention) {
    Map<String, String> overrides =
        Map.of(
            "state.store",
            stateStore,
            "state.retention",
            stateRetention,
            "dedup.retention",
            dedupRetention);
    MixedHistory history =
        MixedHistory.generate(42, 4_000, Duration.ofMinutes(10).toMillis(), true);
    Scorer scorer = Scorer.standard(TestRules.shipped());
    List<ScreeningDecision> expected = new ArrayList<>();
    List<AccountAction> expectedActions = new ArrayList<>();
    List<String> expectedRejections = new ArrayList<>();
    try (ScreenerDriver driver =
        new ScreenerDriver(stateDir, scorer, ScreeningEvents.NONE, overrides)) {
      history.merchants.forEach(m -> driver.merchant(m));
      history.counterparties.forEach(c -> driver.counterparty(c));
      history.quotes.forEach(q -> driver.quote(q.getPair(), q.getPrice(), q.getEventTime()));
      for (MixedHistory.Entry entry : history.entries) {
        if (entry.isGarbage()) {
          // A line with no readable event time has no timestamp that could move stream time.
          driver.payRaw(null, entry.garbage().getBytes(StandardCharsets.UTF_8), MixedHistory.START);
        } else {
          driver.pay(entry.payment());
        }
        driver.decisions().forEach(r -> expected.add(r.value()));
        // Tombstones (accounts the ladder forgot) are not status changes; the replay writes none.
        driver.actionRecords().stream()
            .map(TestRecord::value)
            .filter(Objects::nonNull)
            .forEach(expectedActions::add);
        for (TestRecord<byte[], byte[]> dead : driver.deadLetters()) {
          expectedRejections.add(
              new String(
                  dead.headers().lastHeader(DeadLetters.ERROR).value(), StandardCharsets.UTF_8));
        }
      }
      assertTrue(driver.nothingMoreEmitted());
    }

    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), overrides);
    ReplayFeeds feeds = new ReplayFeeds(settings.quoteRetention());
    history.merchants.forEach(feeds::merchant);
    history.counterparties.forEach(feeds::counterparty);
    history.quotes.forEach(feeds::quote);
    ReplayEngine engine =
        new ReplayEngine(settings, scorer, feeds, () -> ScreenerDriver.WALL_CLOCK.toEpochMilli());
    List<AccountAction> actions = new ArrayList<>();
    engine.verdicts(
        List.of(),
        new ReplayEngine.EnforcementSink() {
          @Override
          public void action(AccountAction action) {
            actions.add(action);
          }
        });
    List<ScreeningDecision> actual = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    for (MixedHistory.Entry entry : history.entries) {
      if (entry.isGarbage()) {
        rejections.add("garbage");
        continue;
      }
      ReplayEngine.Outcome outcome = engine.process(entry.payment());
      if (outcome instanceof ReplayEngine.Outcome.Decided decided) {
        actual.add(decided.decision());
      } else if (outcome instanceof ReplayEngine.Outcome.Rejected rejected) {
        rejections.add(rejected.reason());
      }
    }

    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "decision " + i);
    }
    assertEquals(expected.size(), actual.size());
    assertEquals(expectedRejections.size(), rejections.size());
    for (int i = 0; i < rejections.size(); i++) {
      if (!rejections.get(i).equals("garbage")) {
        assertEquals(expectedRejections.get(i), rejections.get(i));
      }
    }
    assertTrue(actual.size() > 3_000, "decisions " + actual.size());
    // The same status changes, in the same order, with the same content.
    assertEquals(expectedActions, actions);
    assertTrue(actions.size() > 10, "account actions " + actions.size());
    assertTrue(
        actual.stream()
            .anyMatch(d -> d.getReasons().stream().anyMatch(r -> r.getCode().endsWith("_BANNED"))),
        "the history drives some account to a ban that decides later payments");
    // The memory lives in the merchant's record: with a 2-hour state retention the record of a
    // merchant paid every two days or so is forgotten between its payments.
    if (stateRetention.equals("7d")) {
      assertTrue(
          actual.stream()
              .anyMatch(
                  d ->
                      d.getReasons().stream()
                          .anyMatch(r -> r.getCode().equals("MERCHANT_CRYPTO_HISTORY"))),
          "a merchant's record remembers what an earlier payment to it said about it");
    }
  }

  @Test
  void shouldWriteTheTopologysDecisionsWhenReplayingFiles() throws Exception {
    MixedHistory history =
        MixedHistory.generate(11, 3_000, Duration.ofMinutes(10).toMillis(), true);
    Scorer scorer = Scorer.standard(TestRules.shipped());
    List<ScreeningDecision> expected = new ArrayList<>();
    int deadLetters = 0;
    try (ScreenerDriver driver = new ScreenerDriver(stateDir, scorer, ScreeningEvents.NONE)) {
      history.merchants.forEach(m -> driver.merchant(m));
      history.counterparties.forEach(c -> driver.counterparty(c));
      history.quotes.forEach(q -> driver.quote(q.getPair(), q.getPrice(), q.getEventTime()));
      for (MixedHistory.Entry entry : history.entries) {
        if (entry.isGarbage()) {
          driver.payRaw(null, entry.garbage().getBytes(StandardCharsets.UTF_8), MixedHistory.START);
        } else {
          driver.pay(entry.payment());
        }
      }
      expected.addAll(driver.decisions().stream().map(TestRecord::value).toList());
      deadLetters = driver.deadLetters().size();
    }
    Path in = stateDir.resolve("in");
    HistoryFiles.write(history, in);
    Path out = stateDir.resolve("out");
    Replay.Result result =
        Replay.run(
            new Replay.Options(
                in.resolve("payments.jsonl"),
                in.resolve("merchants.jsonl"),
                in.resolve("counterparties.jsonl"),
                in.resolve("quotes.jsonl"),
                null,
                null,
                settings(),
                scorer,
                null,
                null,
                null,
                out,
                false),
            System.err,
            () -> ScreenerDriver.WALL_CLOCK.toEpochMilli());

    List<ScreeningDecision> actual = new ArrayList<>();
    for (String file : List.of("blocked.jsonl", "flagged.jsonl", "cleared.jsonl")) {
      for (String line : Files.readAllLines(out.resolve(file))) {
        actual.add(AvroJson.fromJson(line, ScreeningDecision.class));
      }
    }
    assertEquals(expected, actual);
    assertEquals(deadLetters, result.deadLetters());
    assertEquals(deadLetters, Files.readAllLines(out.resolve("dead-letter.jsonl")).size());
    assertEquals(history.entries.size(), result.payments());
  }

  static ScreenerSettings settings() {
    return ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
  }
}
