package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.AccountAction;
import io.screener.avro.AccountStatus;
import io.screener.avro.ActionTrigger;
import io.screener.avro.CryptoQuote;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import io.screener.config.ScreenerSettings;
import io.screener.domain.enforcement.AccountFunction;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.fixtures.Payments;
import io.screener.screening.EnforcementMapping;
import io.screener.screening.PaymentValidation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every input's bounds, past and future, and the rule for values this build does not know: the
 * checks the service and the replay apply at the edge.
 */
class InputBoundsTest {
  private static final long NOW = Instant.parse("2026-12-05T12:00:00Z").toEpochMilli();
  private static final ScreenerSettings SETTINGS =
      ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
  private final PaymentValidation payments = new PaymentValidation(SETTINGS.validation());
  private final FeedValidation feeds = new FeedValidation(payments, () -> NOW);

  @Test
  void shouldRefuseAPaymentDatedBeyondTheSkewOrAboveTheAmountBound() {
    Instant twoHoursAhead = Instant.ofEpochMilli(NOW).plusSeconds(7_200);
    assertEquals(
        "eventTime " + twoHoursAhead + " is more than PT5M ahead of now",
        payments.problem(Payments.grocery().at(twoHoursAhead).build(), NOW));
    assertNull(
        payments.problem(
            Payments.grocery().at(Instant.ofEpochMilli(NOW).plusSeconds(240)).build(), NOW));
    assertEquals(
        "amountMinor 9223372036854775807 is above validation.max-amount-minor (100000000000)",
        payments.problem(
            Payments.grocery().amount(Long.MAX_VALUE).at(Instant.ofEpochMilli(NOW)).build(), NOW));
  }

  @Test
  void shouldRefuseAVerdictDatedBefore2009OrAhead() {
    ReviewCase kept =
        new ReviewCase("tx-1", "payee", "payer", true, List.of("FAN_IN"), NOW - 1_000, null);
    Instant y1969 = Instant.parse("1969-07-20T20:17:00Z");
    assertEquals(
        "decidedAt 1969-07-20T20:17:00Z is before 2009-01-03T00:00:00Z",
        payments.problem(
            new ReviewVerdict("tx-1", VerdictKind.CONFIRMED_CRYPTO, "ana", null, y1969),
            kept,
            NOW));
    assertNull(
        payments.problem(
            new ReviewVerdict(
                "tx-1", VerdictKind.FALSE_POSITIVE, "ana", null, Instant.ofEpochMilli(NOW)),
            kept,
            NOW));
  }

  @Test
  void shouldRefuseQuotesAtTheEndOfTimeAndOverlongNames() {
    Instant endOfTime = Instant.ofEpochMilli(Long.MAX_VALUE);
    String problem = feeds.problem(new CryptoQuote("USDT/CNY", 7.18, endOfTime));
    assertEquals("eventTime " + endOfTime + " is more than PT5M ahead of now", problem);
    assertTrue(endOfTime.toString().startsWith("+292278994-"), endOfTime::toString);
    assertEquals(
        "pair is longer than 32 characters",
        feeds.problem(new CryptoQuote("USDT/" + "X".repeat(40), 7.18, Instant.ofEpochMilli(NOW))));
    assertNull(feeds.problem(new CryptoQuote("USDT/CNY", 7.18, Instant.ofEpochMilli(NOW))));
  }

  @Test
  void shouldBoundVerdictTextAndActionTimes() {
    assertEquals(
        "note is longer than 1024 characters (2000)",
        feeds.problem(
            new ReviewVerdict(
                "tx-1",
                VerdictKind.CONFIRMED_CRYPTO,
                "ana",
                "n".repeat(2000),
                Instant.ofEpochMilli(NOW))));
    assertEquals(
        "analyst is longer than 128 characters",
        feeds.problem(
            new ReviewVerdict(
                "tx-1",
                VerdictKind.CONFIRMED_CRYPTO,
                "a".repeat(200),
                null,
                Instant.ofEpochMilli(NOW))));
    assertTrue(
        feeds
            .problem(action("acct-1", List.of("RECEIVE_P2P"), Instant.EPOCH))
            .startsWith("decidedAt 1970-01-01T00:00:00Z is before"));
    assertNull(
        feeds.problem(
            action("acct-1", List.of("RECEIVE_P2P", "TELEPORT"), Instant.ofEpochMilli(NOW))));
  }

  @Test
  void shouldLetARestrictedFunctionThisBuildDoesNotKnowBarNothing() {
    var standing =
        EnforcementMapping.standing(
            action("acct-1", List.of("TELEPORT", "RECEIVE_P2P"), Instant.ofEpochMilli(NOW)));

    assertEquals(Set.of(AccountFunction.RECEIVE_P2P), standing.restricted());
  }

  private static AccountAction action(String account, List<String> functions, Instant at) {
    return AccountAction.newBuilder()
        .setAccountId(account)
        .setStatus(AccountStatus.RESTRICTED)
        .setPreviousStatus(AccountStatus.WARNED)
        .setTrigger(ActionTrigger.DEADLINE_PASSED)
        .setStrikePoints(4)
        .setReasonCodes(List.of("FAN_IN"))
        .setTransactionIds(List.of("tx-1"))
        .setRestrictedFunctions(functions)
        .setDeadline(null)
        .setDecidedAt(at)
        .setConfigVersion("v")
        .build();
  }
}
