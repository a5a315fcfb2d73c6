package io.screener.console;

import static io.screener.console.Cases.T0;
import static io.screener.console.Cases.action;
import static io.screener.console.Cases.decision;
import static io.screener.console.Cases.flag;
import static io.screener.console.Cases.shadowDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.AccountStatus;
import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.Decision;
import io.screener.avro.PolicyCategory;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import io.screener.console.Pages.AccountPage;
import io.screener.console.Pages.Frame;
import io.screener.console.Pages.QueueEntry;
import io.screener.console.Pages.ShadowCount;
import io.screener.console.Pages.ShadowMove;
import io.screener.console.Pages.ShadowPage;
import io.screener.console.Pages.VerdictState;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.Strike;
import io.screener.domain.enforcement.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleStateTest {
  private static final Frame FRAME = new Frame(null, "t", "up to date");
  private final ConsoleState state = new ConsoleState(10, 100);

  private List<String> ids(QueueQuery query) {
    return state.queue(query, FRAME).entries().stream().map(QueueEntry::transactionId).toList();
  }

  @Test
  void shouldListNewestFirstOrHighestScoreFirst() {
    state.decision(flag("a", 45, "p1", "d1", 1));
    state.decision(flag("b", 70, "p2", "d1", 2));
    state.decision(flag("c", 55, "p3", "d2", 3));

    assertEquals(List.of("c", "b", "a"), ids(QueueQuery.ALL));
    assertEquals(List.of("b", "c", "a"), ids(QueueQuery.of(null, null, null, "score", null)));
  }

  @Test
  void shouldFilterByDecisionCategoryReasonAndOpenCases() {
    state.decision(flag("a", 45, "p1", "d1", 1));
    state.decision(
        decision(
            "b",
            Decision.BLOCK,
            90,
            PolicyCategory.NFT_SECONDARY_TRADING,
            "p2",
            "nft",
            2,
            "MERCHANT_NFT_PLATFORM",
            "MEMO_NFT_TERM"));
    state.decision(flag("c", 55, "p3", "d2", 3));
    state.verdict(verdict("c", VerdictKind.FALSE_POSITIVE, 10));

    assertEquals(List.of("b"), ids(QueueQuery.of("block", null, null, null, null)));
    assertEquals(List.of("c", "a"), ids(QueueQuery.of("FLAG", null, null, null, null)));
    assertEquals(List.of("b"), ids(QueueQuery.of(null, "NFT_SECONDARY_TRADING", null, null, null)));
    assertEquals(List.of("b"), ids(QueueQuery.of(null, null, "MEMO_NFT_TERM", null, null)));
    assertEquals(List.of("b", "a"), ids(QueueQuery.of(null, null, null, null, "on")));
    var page = state.queue(QueueQuery.ALL, FRAME);
    assertEquals(List.of("NFT_SECONDARY_TRADING", "VIRTUAL_CURRENCY_EXCHANGE"), page.categories());
    assertTrue(page.reasonCodes().contains("PAYEE_SUSPECTED_OTC_DEALER"));
  }

  @Test
  void shouldIgnoreClearedDecisionsAndKeepOnlyTheNewest() {
    state.decision(
        decision("ok", Decision.CLEAR, 0, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE, "p", "q", 0));
    for (int i = 0; i < 15; i++) {
      state.decision(flag("tx-" + i, 50, "p", "d", i));
    }

    var page = state.queue(QueueQuery.ALL, FRAME);
    assertEquals(10, page.kept());
    assertEquals("tx-14", page.entries().get(0).transactionId());
    assertFalse(state.knows("tx-4"), "the oldest beyond the queue size are dropped");
    assertFalse(state.knows("ok"));
  }

  @Test
  void shouldTellAVerdictSentFromOneTheLedgerAppliedOrTheScreenerRejected() {
    state.decision(flag("a", 50, "p", "d", 1));
    assertEquals(VerdictState.NONE, state.payment("a").verdict().state());

    ReviewVerdict confirmed = verdict("a", VerdictKind.CONFIRMED_CRYPTO, 100);
    state.verdict(confirmed);
    assertEquals(VerdictState.SENT, state.payment("a").verdict().state());
    assertEquals("ana", state.payment("a").verdict().analyst());

    state.ledger("a", reviewCase("a", Verdict.CONFIRMED_CRYPTO));
    assertEquals(VerdictState.APPLIED, state.payment("a").verdict().state());

    // An analyst corrects it: sent again until the ledger shows the new one.
    state.verdict(verdict("a", VerdictKind.FALSE_POSITIVE, 200));
    assertEquals(VerdictState.SENT, state.payment("a").verdict().state());
    state.rejected(verdict("a", VerdictKind.FALSE_POSITIVE, 200), "names no flagged payment");
    var view = state.payment("a").verdict();
    assertEquals(VerdictState.REJECTED, view.state());
    assertEquals("names no flagged payment", view.problem());
  }

  @Test
  void shouldKeepTheLaterOfTwoVerdicts() {
    state.decision(flag("a", 50, "p", "d", 1));
    state.verdict(verdict("a", VerdictKind.FALSE_POSITIVE, 200));
    state.verdict(verdict("a", VerdictKind.CONFIRMED_CRYPTO, 100));

    assertEquals(VerdictKind.FALSE_POSITIVE, state.latestVerdict("a").getVerdict());
  }

  @Test
  void shouldShowAnAccountsLadderStrikesHistoryAndPayments() {
    state.decision(flag("a", 50, "buyer", "dealer", 1));
    state.decision(flag("b", 60, "dealer", "other", 2));
    state.decision(flag("c", 60, "x", "y", 3));
    state.action("dealer", action("dealer", AccountStatus.ACTIVE, AccountStatus.WARNED, 1, "a"));
    long deadline = T0.plusSeconds(14 * 86_400).toEpochMilli();
    state.ladder(
        "dealer",
        new EnforcementState(
            io.screener.domain.enforcement.AccountStatus.WARNED,
            T0.plusSeconds(3_600).toEpochMilli(),
            deadline,
            0,
            T0.plusSeconds(3_600).toEpochMilli(),
            List.of(
                new Strike("a", T0.toEpochMilli(), 1, List.of("PAYEE_SUSPECTED_OTC_DEALER"), true),
                new Strike("gone", T0.toEpochMilli(), 2, List.of("MEMO_CRYPTO_TERM"), false)),
            null));
    state.reputation(
        "dealer",
        CounterpartyReputation.newBuilder()
            .setAccountId("dealer")
            .setCategory(CounterpartyCategory.SUSPECTED_OTC_DEALER)
            .setRiskScore(80)
            .setReports(2)
            .setUpdatedAt(T0)
            .build());

    AccountPage page = state.account("dealer", FRAME);

    assertEquals("WARNED", page.standing().status());
    assertEquals(3, page.standing().strikePoints());
    assertEquals(1, page.banWorthyPoints());
    assertEquals("2026-03-16 02:00:00 UTC", page.standing().deadline());
    assertEquals("SUSPECTED_OTC_DEALER, risk 80, 2 reports", page.standing().reputation());
    assertEquals(
        List.of("a", "gone"), page.strikes().stream().map(s -> s.transactionId()).toList());
    assertTrue(page.strikes().get(0).known());
    assertFalse(page.strikes().get(1).known(), "a strike whose payment the console does not keep");
    assertEquals(1, page.history().size());
    assertEquals("WARNED", page.history().get(0).to());
    assertEquals(List.of("b", "a"), page.payments().stream().map(e -> e.transactionId()).toList());
    assertEquals("WARNED", state.payment("a").payee().status(), "the queue shows the ladder too");
  }

  @Test
  void shouldShowTheLatestActionWithoutALadderRecordAndActiveAfterATombstone() {
    state.action("d", action("d", AccountStatus.WARNED, AccountStatus.RESTRICTED, 4, "a", "b"));
    assertEquals("RESTRICTED", state.account("d", FRAME).standing().status());
    assertEquals(4, state.account("d", FRAME).standing().strikePoints());
    assertFalse(state.account("d", FRAME).ledger());

    state.action("d", null);
    AccountPage forgotten = state.account("d", FRAME);
    assertEquals("ACTIVE", forgotten.standing().status());
    assertEquals(1, forgotten.history().size(), "the history stays");
    assertNull(forgotten.standing().reputation());
  }

  @Test
  void shouldFormatAmountsAndTimes() {
    assertEquals("7,234.50 CNY", ConsoleState.amount(723_450, "CNY"));
    assertEquals("0.05 USD", ConsoleState.amount(5, "USD"));
    assertEquals("2026-03-02 02:00:00 UTC", ConsoleState.time(T0));
  }

  private static ReviewVerdict verdict(String id, VerdictKind kind, int second) {
    return new ReviewVerdict(id, kind, "ana", "checked", T0.plusSeconds(second));
  }

  private static ReviewCase reviewCase(String id, Verdict verdict) {
    return new ReviewCase(id, "d", "p", false, List.of("X"), T0.toEpochMilli(), verdict);
  }

  @Test
  void shouldCountTheShadowsMovesByVersionAndPairAndKeepTheLatest() {
    state.shadowDiff(shadowDiff("a", Decision.CLEAR, 30, Decision.FLAG, "v2", 1));
    state.shadowDiff(shadowDiff("b", Decision.CLEAR, 35, Decision.FLAG, "v2", 2));
    state.shadowDiff(shadowDiff("c", Decision.FLAG, 45, Decision.BLOCK, "v2", 3));
    state.shadowDiff(shadowDiff("d", Decision.CLEAR, 28, Decision.FLAG, "v3", 4));

    ShadowPage page = state.shadow(FRAME);

    assertEquals(
        List.of(
            new ShadowCount("v2", "v1", "CLEAR", "FLAG", 2),
            new ShadowCount("v2", "v1", "FLAG", "BLOCK", 1),
            new ShadowCount("v3", "v1", "CLEAR", "FLAG", 1)),
        page.counts());
    assertEquals(4, page.moved());
    assertEquals(
        List.of("d", "c", "b", "a"),
        page.latest().stream().map(ShadowMove::transactionId).toList());
    ShadowMove first = page.latest().get(0);
    assertEquals("CLEAR", first.live());
    assertEquals("FLAG", first.shadow());
    assertEquals("v3", first.shadowVersion());
    assertEquals("payee-d", first.payment().payeeId());
    assertEquals("Payee is a suspected OTC crypto dealer", first.shadowReasons().get(0).words());
  }

  @Test
  void shouldKeepOnlyTheLatestShadowMoves() {
    for (int i = 0; i < ConsoleState.SHADOW_LATEST + 5; i++) {
      state.shadowDiff(shadowDiff("m" + i, Decision.CLEAR, 30, Decision.FLAG, "v2", i));
    }

    ShadowPage page = state.shadow(FRAME);

    assertEquals(ConsoleState.SHADOW_LATEST, page.latest().size());
    assertEquals("m" + (ConsoleState.SHADOW_LATEST + 4), page.latest().get(0).transactionId());
    assertEquals(ConsoleState.SHADOW_LATEST + 5, page.moved(), "every move counted");
  }
}
