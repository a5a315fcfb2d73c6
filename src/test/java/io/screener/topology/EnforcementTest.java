package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.AccountAction;
import io.screener.avro.AccountStatus;
import io.screener.avro.ActionTrigger;
import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.Decision;
import io.screener.avro.MerchantCategory;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.VerdictKind;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.fixtures.ScreenerDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enforcement ladder, analysts' verdicts and licensed partners through the real topology. */
class EnforcementTest {
  private static final Instant T0 = Payments.T0;
  private static final Duration RECTIFY = Duration.ofDays(14);

  @TempDir Path state;
  private ScreenerDriver screener;

  @BeforeEach
  void start() {
    screener = new ScreenerDriver(state);
    // Histories here span months of event time; the wall clock must be past them.
    screener.advanceWallClock(Duration.ofDays(150));
  }

  @AfterEach
  void stop() {
    screener.close();
  }

  private ScreeningDecision pay(Payments payment) {
    screener.pay(payment.build());
    List<TestRecord<String, ScreeningDecision>> decisions = screener.decisions();
    assertEquals(1, decisions.size(), "one decision per payment");
    return decisions.get(0).value();
  }

  private static Payments transfer(String payer, String payee, Instant at) {
    return Payments.transfer(payer, payee, 300_000).at(at);
  }

  /**
   * A suspected dealer paid once at T0, the payment confirmed ten minutes later: the dealer is
   * WARNED.
   */
  private void warnAfterOneConfirmedPayment(String dealer, String transactionId) {
    screener.counterparty(dealer, CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    pay(transfer("buyer-1", dealer, T0).id(transactionId));
    screener.verdict(transactionId, VerdictKind.CONFIRMED_CRYPTO, T0.plusSeconds(600));
    assertEquals(AccountStatus.WARNED, single(screener.actions()).getStatus());
  }

  /** An unrelated payment that moves stream time (and so the ladder's sweep) to {@code at}. */
  private void tick(Instant at) {
    pay(Payments.grocery().payer("shopper-" + at.toEpochMilli()).at(at));
  }

  @Test
  void shouldWalkADealerUpTheLadderToABanThatBlocksEverything() {
    screener.counterparty("dealer-a", CounterpartyCategory.CONFIRMED_OTC_DEALER, 90, 3);

    ScreeningDecision first = pay(transfer("buyer-1", "dealer-a", T0).id("tx-a1"));
    assertEquals(Decision.BLOCK, first.getDecision());
    List<AccountAction> warned = screener.actions();
    assertEquals(1, warned.size());
    AccountAction w = warned.get(0);
    assertEquals("dealer-a", w.getAccountId());
    assertEquals(AccountStatus.ACTIVE, w.getPreviousStatus());
    assertEquals(AccountStatus.WARNED, w.getStatus());
    assertEquals(ActionTrigger.BLOCKED_PAYMENT, w.getTrigger());
    assertEquals(2, w.getStrikePoints());
    assertEquals(List.of("tx-a1"), w.getTransactionIds());
    assertEquals(List.of("PAYEE_CONFIRMED_OTC_DEALER"), w.getReasonCodes().subList(0, 1));
    assertEquals(T0, w.getDecidedAt());
    assertEquals(T0.plus(RECTIFY), w.getDeadline());
    assertEquals(first.getConfigVersion(), w.getConfigVersion());

    pay(transfer("buyer-2", "dealer-a", T0.plusSeconds(3600)).id("tx-a2"));
    AccountAction restricted = single(screener.actions());
    assertEquals(AccountStatus.WARNED, restricted.getPreviousStatus());
    assertEquals(AccountStatus.RESTRICTED, restricted.getStatus());
    assertEquals(4, restricted.getStrikePoints());
    assertEquals(
        List.of("RECEIVE_P2P", "SEND_P2P", "RECEIVE_MERCHANT_PAYMENTS", "WITHDRAW"),
        restricted.getRestrictedFunctions());
    assertNull(restricted.getDeadline());

    pay(transfer("buyer-3", "dealer-a", T0.plusSeconds(7200)).id("tx-a3"));
    AccountAction banned = single(screener.actions());
    assertEquals(AccountStatus.BANNED, banned.getStatus());
    assertEquals(List.of("tx-a1", "tx-a2", "tx-a3"), banned.getTransactionIds());

    // The dealer paying an ordinary person: nothing suspicious but the ban.
    ScreeningDecision payout =
        pay(Payments.transfer("dealer-a", "friend-1", 10_000).at(T0.plusSeconds(10_800)));
    assertEquals(Decision.BLOCK, payout.getDecision());
    assertEquals("PAYER_BANNED", payout.getReasons().get(0).getCode());
    assertEquals("payer account is banned", payout.getReasons().get(0).getDetail());

    // A ban is permanent: months of quiet do not lift it. The payee of the blocked payout is
    // innocent: the block rests on the payer's ban alone, so it takes no strike.
    tick(T0.plus(Duration.ofDays(120)));
    assertTrue(screener.actions().isEmpty(), "a ban does not decay, and the payee took no strike");
    ScreeningDecision later =
        pay(Payments.transfer("dealer-a", "friend-2", 10_000).at(T0.plus(Duration.ofDays(120))));
    assertEquals(Decision.BLOCK, later.getDecision());
  }

  @Test
  void shouldRestrictAnAccountThatTookStrikesWhileWarnedAndLiftItWhenTheyExpire() {
    screener.counterparty("dealer-b", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    assertEquals(Decision.FLAG, pay(transfer("buyer-1", "dealer-b", T0).id("tx-b1")).getDecision());
    assertEquals(
        Decision.FLAG,
        pay(transfer("buyer-2", "dealer-b", T0.plus(Duration.ofDays(1))).id("tx-b2"))
            .getDecision());
    assertTrue(screener.actions().isEmpty(), "a flag alone takes no strike");

    Instant confirmed = T0.plus(Duration.ofHours(2));
    screener.verdict("tx-b1", VerdictKind.CONFIRMED_CRYPTO, confirmed);
    AccountAction warned = single(screener.actions());
    assertEquals(AccountStatus.WARNED, warned.getStatus());
    assertEquals(ActionTrigger.CONFIRMED_VERDICT, warned.getTrigger());
    assertEquals(confirmed.plus(RECTIFY), warned.getDeadline());

    screener.verdict(
        "tx-b2", VerdictKind.CONFIRMED_CRYPTO, T0.plus(Duration.ofDays(1)).plusSeconds(3600));
    assertTrue(screener.actions().isEmpty(), "a second strike below restrict-at keeps the warning");

    tick(T0.plus(Duration.ofDays(15)));
    AccountAction restricted = single(screener.actions());
    assertEquals(AccountStatus.RESTRICTED, restricted.getStatus());
    assertEquals(ActionTrigger.DEADLINE_PASSED, restricted.getTrigger());
    assertEquals(
        confirmed.plus(RECTIFY), restricted.getDecidedAt(), "takes effect at the deadline itself");

    // Restricted from receiving transfers, not from paying merchants.
    ScreeningDecision toDealer = pay(transfer("buyer-3", "dealer-b", T0.plus(Duration.ofDays(16))));
    assertEquals(Decision.BLOCK, toDealer.getDecision());
    assertTrue(
        toDealer.getReasons().stream()
            .anyMatch(
                r ->
                    r.getCode().equals("PAYEE_RESTRICTED")
                        && r.getDetail().equals("payee account is restricted from RECEIVE_P2P")));
    ScreeningDecision shopping =
        pay(Payments.grocery().payer("dealer-b").at(T0.plus(Duration.ofDays(16)).plusSeconds(60)));
    assertEquals(Decision.CLEAR, shopping.getDecision());
    assertTrue(screener.actions().isEmpty(), "the blocked payment's strike keeps it RESTRICTED");

    // Strikes live 90 days; the last was taken on day 16.
    tick(T0.plus(Duration.ofDays(100)));
    assertTrue(screener.actions().isEmpty(), "one strike is still live");
    tick(T0.plus(Duration.ofDays(107)));
    List<TestRecord<String, AccountAction>> records = screener.actionRecords();
    assertEquals(2, records.size(), records.toString());
    AccountAction lifted = records.get(0).value();
    // With no strikes left and no reputation feedback to keep, the ladder forgets it at once.
    assertEquals("dealer-b", records.get(1).key());
    assertNull(records.get(1).value(), "a tombstone after the last action");
    assertEquals(AccountStatus.ACTIVE, lifted.getStatus());
    assertEquals(ActionTrigger.STRIKES_EXPIRED, lifted.getTrigger());
    assertEquals(0, lifted.getStrikePoints());
    ScreeningDecision afterwards =
        pay(transfer("buyer-4", "dealer-b", T0.plus(Duration.ofDays(107)).plusSeconds(60)));
    assertTrue(
        afterwards.getReasons().stream().noneMatch(r -> r.getCode().equals("PAYEE_RESTRICTED")));
  }

  @Test
  void shouldReturnAWarnedAccountThatRectifiedToActiveAtItsDeadline() {
    warnAfterOneConfirmedPayment("dealer-c", "tx-c1");

    tick(T0.plus(Duration.ofDays(13)));
    assertTrue(screener.actions().isEmpty(), "not before the deadline");
    tick(T0.plus(Duration.ofDays(15)));
    AccountAction rectified = single(screener.actions());
    assertEquals(AccountStatus.WARNED, rectified.getPreviousStatus());
    assertEquals(AccountStatus.ACTIVE, rectified.getStatus());
    assertEquals(ActionTrigger.DEADLINE_PASSED, rectified.getTrigger());
    assertEquals(T0.plusSeconds(600).plus(RECTIFY), rectified.getDecidedAt());

    // Its strike expires at 90 days. With nothing left on record the ladder forgets the account and
    // writes a tombstone, which deletes it from the account-status store (and, by compaction, from
    // the topic) instead of keeping every account ever moved.
    KeyValueStore<String, AccountAction> statuses =
        screener.driver().getKeyValueStore(ScreenerTopology.ACCOUNT_STATUS_STORE);
    assertEquals(AccountStatus.ACTIVE, statuses.get("dealer-c").getStatus());
    tick(T0.plus(Duration.ofDays(89)));
    assertTrue(screener.actionRecords().isEmpty(), "the strike is still live");
    tick(T0.plus(Duration.ofDays(91)));
    TestRecord<String, AccountAction> forgotten = single(screener.actionRecords());
    assertEquals("dealer-c", forgotten.key());
    assertNull(forgotten.value());
    assertNull(statuses.get("dealer-c"));
  }

  /**
   * The sweep reads only the accounts its index lists as due, by times the ladder in force
   * reckoned: a rules version with a shorter strike lifetime must reach the accounts already on the
   * ladder, whose indexed times were reckoned by the old one.
   */
  @Test
  void shouldApplyANewStrikeLifetimeToAccountsAlreadyOnTheLadder() {
    warnAfterOneConfirmedPayment("dealer-e", "tx-e1");
    tick(T0.plus(Duration.ofDays(15)));
    assertEquals(AccountStatus.ACTIVE, single(screener.actions()).getStatus());

    screener.config(
        RulesDocuments.edited(
            "short-strikes", "enforcement.strike-lifetime=90d", "enforcement.strike-lifetime=20d"));
    tick(T0.plus(Duration.ofDays(19)));
    assertTrue(screener.actionRecords().isEmpty(), "the strike lives 20 days now: still live");
    tick(T0.plus(Duration.ofDays(21)));
    TestRecord<String, AccountAction> forgotten = single(screener.actionRecords());
    assertEquals("dealer-e", forgotten.key());
    assertNull(forgotten.value(), "its strike expired at 20 days: nothing left on record");
  }

  @Test
  void shouldFeedVerdictsBackIntoStrikesAndReputationBothWays() {
    warnAfterOneConfirmedPayment("dealer-d", "tx-d1");
    CounterpartyReputation raised = single(screener.reputationFeedback());
    assertEquals(CounterpartyCategory.SUSPECTED_OTC_DEALER, raised.getCategory());
    assertEquals(80, raised.getRiskScore());
    assertEquals(2, raised.getReports());

    // The same verdict again changes nothing.
    screener.verdict("tx-d1", VerdictKind.CONFIRMED_CRYPTO, T0.plusSeconds(700));
    assertTrue(screener.actions().isEmpty());
    assertTrue(screener.reputationFeedback().isEmpty());

    screener.verdict("tx-d1", VerdictKind.FALSE_POSITIVE, T0.plusSeconds(900));
    AccountAction cleared = single(screener.actions());
    assertEquals(AccountStatus.ACTIVE, cleared.getStatus());
    assertEquals(ActionTrigger.FALSE_POSITIVE_VERDICT, cleared.getTrigger());
    assertEquals(0, cleared.getStrikePoints());
    CounterpartyReputation lowered = single(screener.reputationFeedback());
    assertEquals(
        60, lowered.getRiskScore(), "lowered from the raised entry, not the stale feed one");
    assertEquals(2, lowered.getReports());

    // A blocked payment found wrong: its strike goes and the account is re-graded.
    screener.counterparty("dealer-e", CounterpartyCategory.CONFIRMED_OTC_DEALER, 90, 2);
    pay(transfer("buyer-2", "dealer-e", T0.plusSeconds(1000)).id("tx-e1"));
    assertEquals(AccountStatus.WARNED, single(screener.actions()).getStatus());
    screener.verdict("tx-e1", VerdictKind.FALSE_POSITIVE, T0.plusSeconds(2000));
    assertEquals(AccountStatus.ACTIVE, single(screener.actions()).getStatus());
    assertEquals(70, single(screener.reputationFeedback()).getRiskScore());
  }

  @Test
  void shouldDeadLetterAVerdictForAPaymentItDoesNotKnow() {
    pay(Payments.grocery().id("tx-cleared").at(T0));
    screener.verdict("tx-unknown", VerdictKind.CONFIRMED_CRYPTO, T0.plusSeconds(60));
    screener.verdict("tx-cleared", VerdictKind.FALSE_POSITIVE, T0.plusSeconds(60));

    List<TestRecord<byte[], byte[]>> dead = screener.deadLetters();
    assertEquals(2, dead.size());
    assertEquals("tx-unknown", new String(dead.get(0).key(), StandardCharsets.UTF_8));
    assertEquals(
        "transactionId tx-unknown names no flagged or blocked payment within review.retention",
        header(dead.get(0), DeadLetters.ERROR));
    assertEquals("VALIDATE", header(dead.get(0), DeadLetters.STAGE));
    assertTrue(screener.actions().isEmpty());
    assertTrue(screener.reputationFeedback().isEmpty());
  }

  @Test
  void shouldForgetFlaggedPaymentsAfterTheReviewRetention() {
    screener.counterparty("dealer-h", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    screener.counterparty("dealer-i", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    // Only flagged and blocked payments reach the review ledger, so they move its clock here.
    assertEquals(
        Decision.FLAG, pay(transfer("buyer-1", "dealer-h", T0).id("tx-old")).getDecision());
    // The first sweep (an hour later) scans the store and builds its expiry index.
    pay(transfer("buyer-2", "dealer-i", T0.plus(Duration.ofHours(2))).id("tx-tick-1"));
    pay(transfer("buyer-3", "dealer-i", T0.plus(Duration.ofDays(10))).id("tx-mid"));
    // This sweep goes through the index: tx-old is past the 30 days, tx-mid is not.
    pay(transfer("buyer-4", "dealer-i", T0.plus(Duration.ofDays(31))).id("tx-tick-2"));

    screener.verdict("tx-old", VerdictKind.CONFIRMED_CRYPTO, T0.plus(Duration.ofDays(31)));
    assertEquals(
        "transactionId tx-old names no flagged or blocked payment within review.retention",
        header(single(screener.deadLetters()), DeadLetters.ERROR));
    assertTrue(screener.actions().isEmpty());

    screener.verdict("tx-mid", VerdictKind.CONFIRMED_CRYPTO, T0.plus(Duration.ofDays(31)));
    assertTrue(screener.deadLetters().isEmpty());
    assertEquals("dealer-i", single(screener.actions()).getAccountId());
  }

  @Test
  void shouldDeadLetterAVerdictDatedAheadOfTheClock() {
    screener.counterparty("dealer-g", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    pay(transfer("buyer-1", "dealer-g", T0).id("tx-g1"));
    // The wall clock stands at WALL_CLOCK + 150 days (see start()); max-future-skew is a day.
    Instant tooLate = ScreenerDriver.WALL_CLOCK.plus(Duration.ofDays(151)).plusSeconds(1);
    screener.verdict("tx-g1", VerdictKind.CONFIRMED_CRYPTO, tooLate);

    TestRecord<byte[], byte[]> dead = single(screener.deadLetters());
    assertEquals(
        "decidedAt " + tooLate + " is more than PT5M ahead of now",
        header(dead, DeadLetters.ERROR));
    assertEquals("VALIDATE", header(dead, DeadLetters.STAGE));
    assertTrue(screener.actions().isEmpty(), "the refused verdict strikes nobody");

    // The payment stays under review: the same verdict with a usable date is applied.
    screener.verdict("tx-g1", VerdictKind.CONFIRMED_CRYPTO, T0.plusSeconds(60));
    assertEquals(AccountStatus.WARNED, single(screener.actions()).getStatus());
    assertTrue(screener.deadLetters().isEmpty());
  }

  @Test
  void shouldNeverStrikeOrBlockLicensedPartners() {
    screener.counterparty("partner-p", CounterpartyCategory.LICENSED_PARTNER, 0, 0);
    screener.merchant("partner-m", MerchantCategory.LICENSED_PARTNER, 0);
    ScreeningDecision toPartner = pay(transfer("buyer-1", "partner-p", T0).memo("买USDT"));
    assertEquals(Decision.CLEAR, toPartner.getDecision());
    assertEquals(
        "LICENSED_PARTNER",
        toPartner.getReasons().get(toPartner.getReasons().size() - 1).getCode());

    // Flagged before it was approved as a partner; the verdict comes after.
    screener.counterparty("dealer-f", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 1);
    pay(transfer("buyer-2", "dealer-f", T0.plusSeconds(60)).id("tx-f1"));
    screener.counterparty("dealer-f", CounterpartyCategory.LICENSED_PARTNER, 0, 0);
    screener.verdict("tx-f1", VerdictKind.CONFIRMED_CRYPTO, T0.plusSeconds(120));
    assertTrue(screener.actions().isEmpty(), "a partner takes no strike");
    assertTrue(screener.reputationFeedback().isEmpty(), "nor reputation feedback");

    // Banned as a dealer, then approved: its payments are cleared, with the reason shown.
    screener.counterparty("dealer-g", CounterpartyCategory.CONFIRMED_OTC_DEALER, 90, 3);
    for (int i = 0; i < 3; i++) {
      pay(transfer("buyer-g" + i, "dealer-g", T0.plusSeconds(200 + i)));
    }
    assertEquals(AccountStatus.BANNED, screener.actions().get(2).getStatus());
    screener.counterparty("dealer-g", CounterpartyCategory.LICENSED_PARTNER, 0, 0);
    ScreeningDecision approved = pay(transfer("buyer-g9", "dealer-g", T0.plusSeconds(300)));
    assertEquals(Decision.CLEAR, approved.getDecision());
    assertEquals(0, approved.getScore());
    assertTrue(approved.getReasons().stream().anyMatch(r -> r.getCode().equals("PAYEE_BANNED")));
    assertTrue(
        approved.getReasons().stream().anyMatch(r -> r.getCode().equals("LICENSED_PARTNER")));
    assertTrue(screener.actions().isEmpty(), "a cleared payment takes no strike");
  }

  private static <T> T single(List<T> values) {
    assertEquals(1, values.size(), () -> "expected one record, got " + values);
    return values.get(0);
  }

  private static String header(TestRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
