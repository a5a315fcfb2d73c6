package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screener.avro.AccountAction;
import io.screener.avro.AccountStatus;
import io.screener.avro.ActionTrigger;
import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.fixtures.Payments;
import io.screener.fixtures.TestRules;
import io.screener.serialization.AvroJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --verdicts}: the same ladder as the service, written to account-actions.jsonl. */
class ReplayEnforcementTest {
  private static final long WALL_CLOCK = Payments.T0.plus(Duration.ofDays(60)).toEpochMilli();

  @TempDir Path dir;

  private Path history() throws IOException {
    List<String> payments = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      PaymentEvent p =
          Payments.transfer("buyer-" + i, "dealer-1", 300_000)
              .id("tx-" + i)
              .at(Payments.T0.plusSeconds(3600L * i))
              .build();
      payments.add(AvroJson.toJson(p));
    }
    payments.add(
        AvroJson.toJson(
            Payments.transfer("buyer-9", "dealer-2", 300_000)
                .id("tx-flag")
                .at(Payments.T0.plusSeconds(20_000))
                .build()));
    payments.add(
        AvroJson.toJson(
            Payments.grocery().id("tx-late").at(Payments.T0.plus(Duration.ofDays(20))).build()));
    Files.write(dir.resolve("payments.jsonl"), payments);
    Files.writeString(
        dir.resolve("counterparties.jsonl"),
        "{\"accountId\":\"dealer-1\",\"category\":\"CONFIRMED_OTC_DEALER\",\"riskScore\":90,\"reports\":3,\"updatedAt\":0}\n"
            + "{\"accountId\":\"dealer-2\",\"category\":\"SUSPECTED_OTC_DEALER\",\"riskScore\":60,\"reports\":1,\"updatedAt\":0}\n");
    Files.writeString(
        dir.resolve("verdicts.jsonl"),
        // Out of time order on purpose: the replay applies them by decidedAt.
        "{\"transactionId\":\"tx-3\",\"verdict\":\"FALSE_POSITIVE\",\"analyst\":\"a1\",\"note\":null,\"decidedAt\":\"2026-03-03T00:00:00Z\"}\n"
            + "{\"transactionId\":\"tx-flag\",\"verdict\":\"CONFIRMED_CRYPTO\",\"analyst\":\"a2\",\"note\":\"seller chat\",\"decidedAt\":\"2026-03-02T12:00:00Z\"}\n"
            + "{\"transactionId\":\"tx-nobody\",\"verdict\":\"CONFIRMED_CRYPTO\",\"analyst\":\"a2\",\"note\":null,\"decidedAt\":\"2026-03-02T13:00:00Z\"}\n"
            + "{\"transactionId\":\"\",\"verdict\":\"CONFIRMED_CRYPTO\",\"analyst\":\"a2\",\"note\":null,\"decidedAt\":\"2026-03-02T13:00:00Z\"}\n"
            // Dated years ahead of the clock: refused, so it cannot move dealer-2's ladder clock.
            + "{\"transactionId\":\"tx-flag\",\"verdict\":\"CONFIRMED_CRYPTO\",\"analyst\":\"a3\",\"note\":null,\"decidedAt\":\"2031-01-01T00:00:00Z\"}\n");
    return dir;
  }

  private Path replay(Path out) throws IOException {
    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
    Replay.run(
        new Replay.Options(
            dir.resolve("payments.jsonl"),
            null,
            dir.resolve("counterparties.jsonl"),
            null,
            null,
            dir.resolve("verdicts.jsonl"),
            settings,
            Scorer.standard(TestRules.shipped()),
            Path.of("config", "rules.properties"),
            null,
            null,
            out,
            false),
        new PrintStream(OutputStream.nullOutputStream()),
        () -> WALL_CLOCK);
    return out;
  }

  @Test
  void shouldWriteEveryStatusChangeAndTheSameOnEveryRun() throws IOException {
    history();
    Path out = replay(dir.resolve("out"));
    List<AccountAction> actions = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("account-actions.jsonl"))) {
      actions.add(AvroJson.fromJson(line, AccountAction.class));
    }
    List<String> moves =
        actions.stream()
            .map(
                a ->
                    a.getAccountId()
                        + " "
                        + a.getPreviousStatus()
                        + "->"
                        + a.getStatus()
                        + " "
                        + a.getTrigger())
            .toList();
    assertEquals(
        List.of(
            "dealer-1 ACTIVE->WARNED BLOCKED_PAYMENT",
            "dealer-1 WARNED->RESTRICTED BLOCKED_PAYMENT",
            "dealer-1 RESTRICTED->BANNED BLOCKED_PAYMENT",
            "dealer-2 ACTIVE->WARNED CONFIRMED_VERDICT",
            "dealer-1 BANNED->RESTRICTED FALSE_POSITIVE_VERDICT",
            "dealer-2 WARNED->ACTIVE DEADLINE_PASSED"),
        moves);
    assertEquals(AccountStatus.RESTRICTED, actions.get(4).getStatus());
    assertEquals(List.of("tx-1", "tx-2"), actions.get(4).getTransactionIds());
    assertEquals(ActionTrigger.DEADLINE_PASSED, actions.get(5).getTrigger());

    List<String> dead = Files.readAllLines(out.resolve("dead-letter.jsonl"));
    assertEquals(3, dead.size(), String.join("\n", dead));
    JsonNode blank = new ObjectMapper().readTree(dead.get(0));
    assertEquals("verdicts.jsonl", blank.get("file").asText());
    assertEquals(4, blank.get("line").asInt());
    assertEquals("transactionId is missing", blank.get("error").asText());
    JsonNode unknown = new ObjectMapper().readTree(dead.get(1));
    assertEquals(3, unknown.get("line").asInt());
    assertEquals(
        "transactionId tx-nobody names no flagged or blocked payment within review.retention",
        unknown.get("error").asText());
    JsonNode ahead = new ObjectMapper().readTree(dead.get(2));
    assertEquals(5, ahead.get("line").asInt());
    assertEquals(
        "decidedAt 2031-01-01T00:00:00Z is more than PT5M ahead of now",
        ahead.get("error").asText());

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(4, summary.get("enforcement").get("verdicts").asInt());
    assertEquals(2, summary.get("enforcement").get("deadLetteredVerdicts").asInt());
    assertEquals(6, summary.get("enforcement").get("accountActions").asInt());

    Path again = replay(dir.resolve("again"));
    assertEquals(
        Files.readAllLines(out.resolve("account-actions.jsonl")),
        Files.readAllLines(again.resolve("account-actions.jsonl")),
        "the same history gives the same actions");
  }

  /** As {@code EnforcementTest.shouldForgetFlaggedPaymentsAfterTheReviewRetention}, offline. */
  @Test
  void shouldForgetFlaggedPaymentsAfterTheReviewRetention() {
    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
    ReplayFeeds feeds = new ReplayFeeds(settings.quoteRetention());
    for (String dealer : List.of("dealer-h", "dealer-i")) {
      feeds.counterparty(
          new CounterpartyReputation(
              dealer, CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1, Instant.EPOCH));
    }
    ReplayEngine engine =
        new ReplayEngine(settings, Scorer.standard(TestRules.shipped()), feeds, () -> WALL_CLOCK);
    Instant judged = Payments.T0.plus(Duration.ofDays(31)).plusSeconds(60);
    List<String> dead = new ArrayList<>();
    List<AccountAction> actions = new ArrayList<>();
    engine.verdicts(
        List.of(
            new ReviewVerdict("tx-old", VerdictKind.CONFIRMED_CRYPTO, "a1", null, judged),
            new ReviewVerdict("tx-mid", VerdictKind.CONFIRMED_CRYPTO, "a1", null, judged)),
        new ReplayEngine.EnforcementSink() {
          @Override
          public void action(AccountAction action) {
            actions.add(action);
          }

          @Override
          public void verdictDeadLettered(ReviewVerdict verdict, String reason) {
            dead.add(verdict.getTransactionId() + ": " + reason);
          }
        });
    engine.process(transfer("buyer-1", "dealer-h", "tx-old", Duration.ZERO));
    engine.process(transfer("buyer-2", "dealer-i", "tx-tick-1", Duration.ofHours(2)));
    engine.process(transfer("buyer-3", "dealer-i", "tx-mid", Duration.ofDays(10)));
    // Past the 30 days for tx-old, not for tx-mid.
    engine.process(transfer("buyer-4", "dealer-i", "tx-tick-2", Duration.ofDays(31)));
    engine.finish();

    assertEquals(
        List.of(
            "tx-old: transactionId tx-old names no flagged or blocked payment within review.retention"),
        dead);
    assertEquals(List.of("dealer-i"), actions.stream().map(AccountAction::getAccountId).toList());
  }

  private static PaymentEvent transfer(String payer, String payee, String id, Duration after) {
    return Payments.transfer(payer, payee, 300_000).id(id).at(Payments.T0.plus(after)).build();
  }
}
