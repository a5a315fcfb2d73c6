package io.screener.domain.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.CounterpartyCategory;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ladder as plain values: no Kafka, no driver. */
class EnforcementLadderTest {
  private static final long DAY = 86_400_000L;
  private static final EnforcementRules RULES =
      new EnforcementRules(
          2,
          1,
          false,
          90 * DAY,
          1,
          4,
          6,
          14 * DAY,
          Set.of(AccountFunction.RECEIVE_P2P),
          20,
          3,
          Set.of("PAYEE_MULE"),
          true);
  private final EnforcementLadder ladder = new EnforcementLadder(RULES);

  /** A strike someone confirmed: it counts towards a ban. */
  private static Strike strike(String id, int points) {
    return new Strike(id, 0, points, List.of("PAYEE_MULE"), true);
  }

  /** A strike on automatic evidence alone. */
  private static Strike unconfirmed(String id, int points) {
    return new Strike(id, 0, points, List.of("DESCRIPTOR_EXCHANGE"), false);
  }

  private static AccountEvent blocked(String id, long at, String... codes) {
    return new AccountEvent("acct", id, AccountEvent.Kind.BLOCKED, true, true, List.of(codes), at);
  }

  private EnforcementState struck(EnforcementState s, String id, int points, long at) {
    return ladder.strike(s, strike(id, points), ActionTrigger.BLOCKED_PAYMENT, at).state();
  }

  @Test
  void shouldTakeAPaymentsStrikeOnlyOnce() {
    EnforcementState once = struck(EnforcementState.NEW, "tx-1", 2, 0);
    EnforcementLadder.Step again =
        ladder.strike(once, strike("tx-1", 2), ActionTrigger.BLOCKED_PAYMENT, 10);
    assertEquals(2, again.state().points());
    assertTrue(again.changes().isEmpty());
  }

  @Test
  void shouldKeepAtMostMaxStrikesDroppingTheOldest() {
    EnforcementState s = EnforcementState.NEW;
    for (int i = 0; i < 5; i++) {
      s = struck(s, "tx-" + i, 1, i);
    }
    assertEquals(
        List.of("tx-2", "tx-3", "tx-4"), s.strikes().stream().map(Strike::transactionId).toList());
  }

  @Test
  void shouldGoBackToActiveAtTheDeadlineWhenTheWarningsStrikesExpiredBeforeIt() {
    EnforcementRules shortLived =
        new EnforcementRules(
            2,
            1,
            false,
            5 * DAY,
            1,
            4,
            6,
            14 * DAY,
            Set.of(AccountFunction.RECEIVE_P2P),
            20,
            32,
            Set.of(),
            true);
    EnforcementLadder quick = new EnforcementLadder(shortLived);
    EnforcementState s =
        quick
            .strike(EnforcementState.NEW, strike("tx-1", 1), ActionTrigger.BLOCKED_PAYMENT, 0)
            .state();
    s = quick.strike(s, strike("tx-2", 1), ActionTrigger.BLOCKED_PAYMENT, DAY).state();
    EnforcementLadder.Step step = quick.advance(s, 20 * DAY);
    assertEquals(1, step.changes().size(), "one move, not restricted and lifted at once");
    assertEquals(AccountStatus.ACTIVE, step.changes().get(0).to());
    assertEquals(14 * DAY, step.changes().get(0).at());
  }

  @Test
  void shouldLiftABanOnlyByWithdrawingStrikes() {
    EnforcementState s = EnforcementState.NEW;
    for (int i = 0; i < 3; i++) {
      s = struck(s, "tx-" + i, 2, i);
    }
    assertEquals(AccountStatus.BANNED, s.status());
    assertTrue(ladder.advance(s, 1000 * DAY).changes().isEmpty(), "expiries do not lift a ban");
    EnforcementLadder.Step corrected = ladder.withdraw(s, "tx-2", 10);
    assertEquals(AccountStatus.RESTRICTED, corrected.state().status());
    assertEquals(ActionTrigger.FALSE_POSITIVE_VERDICT, corrected.changes().get(0).trigger());
    assertTrue(ladder.withdraw(corrected.state(), "tx-unknown", 11).changes().isEmpty());
  }

  @Test
  void shouldNeverBanOnStrikesNoOneConfirmed() {
    EnforcementState s = EnforcementState.NEW;
    for (int i = 0; i < 3; i++) {
      s = ladder.strike(s, unconfirmed("tx-" + i, 2), ActionTrigger.BLOCKED_PAYMENT, i).state();
    }
    assertEquals(6, s.points());
    assertEquals(0, s.banWorthyPoints());
    assertEquals(AccountStatus.RESTRICTED, s.status(), "restricted at most");

    EnforcementState confirmed =
        ladder.strike(s, strike("tx-9", 2), ActionTrigger.CONFIRMED_VERDICT, 10).state();
    assertEquals(AccountStatus.RESTRICTED, confirmed.status(), "2 confirmed points of 6 needed");
  }

  @Test
  void shouldOnlyWarnOnUnconfirmedStrikesWhenTheRulesBarRestricting() {
    EnforcementRules warnOnly =
        new EnforcementRules(
            2,
            1,
            false,
            90 * DAY,
            1,
            4,
            6,
            14 * DAY,
            Set.of(AccountFunction.RECEIVE_P2P),
            20,
            32,
            Set.of(),
            false);
    EnforcementLadder l = new EnforcementLadder(warnOnly);
    EnforcementState s = EnforcementState.NEW;
    for (int i = 0; i < 4; i++) {
      s = l.strike(s, unconfirmed("tx-" + i, 2), ActionTrigger.BLOCKED_PAYMENT, i * DAY).state();
    }
    assertEquals(AccountStatus.WARNED, s.status());

    EnforcementLadder.Step deadline = l.advance(s, 15 * DAY);
    assertEquals(List.of(), deadline.changes(), "not rectified, but not restricted either");
    assertEquals(AccountStatus.WARNED, deadline.state().status());
    assertEquals(28 * DAY, deadline.state().deadline(), "a new deadline from the old one");
  }

  @Test
  void shouldStrikeTowardsABanOnlyForBanEvidenceOrAConfirmation() {
    EnforcementState s = EnforcementState.NEW;
    s = ladder.apply(s, blocked("tx-1", 0, "DESCRIPTOR_EXCHANGE"), Registration.NONE, null).state();
    s =
        ladder
            .apply(s, blocked("tx-2", 1, "PAYEE_MULE", "FAN_IN"), Registration.NONE, null)
            .state();
    assertEquals(List.of(false, true), s.strikes().stream().map(Strike::banWorthy).toList());

    EnforcementState merchant =
        ladder
            .apply(
                EnforcementState.NEW,
                blocked("tx-3", 0, "PAYEE_MULE"),
                Registration.ORDINARY_MERCHANT,
                null)
            .state();
    assertEquals(
        false,
        merchant.strikes().get(0).banWorthy(),
        "a registered ordinary merchant is not banned by blocks");

    AccountEvent confirmed =
        new AccountEvent(
            "acct",
            "tx-4",
            AccountEvent.Kind.CONFIRMED,
            true,
            false,
            List.of("MEMO_CRYPTO_TERM"),
            5);
    EnforcementState verdict =
        ladder.apply(merchant, confirmed, Registration.ORDINARY_MERCHANT, null).state();
    assertEquals(true, verdict.strikes().get(1).banWorthy(), "an analyst's confirmation counts");

    assertEquals(
        List.of(),
        ladder
            .apply(
                EnforcementState.NEW,
                blocked("tx-5", 0, "PAYEE_MULE"),
                Registration.LICENSED_PARTNER,
                null)
            .state()
            .strikes(),
        "licensed partners take no strikes");
  }

  @Test
  void shouldReadStateOfFormatOneJudgingItsStrikesByTheirReasons() {
    // Format 1, as the previous release wrote it: RESTRICTED since 1000, clock 5000, one strike for
    // MERCHANT_EXCHANGE (a reputation category) and one for DESCRIPTOR_EXCHANGE + MCC_CRYPTO.
    byte[] v1 =
        HexFormat.of()
            .parseHex(
                "010200000000000003e8ffffffffffffffff00000000000000000000138800000002000474782d3100000000000000640000"
                    + "0002000100114d45524348414e545f45584348414e4745000474782d3200000000000000c800000002000200134445"
                    + "5343524950544f525f45584348414e4745000a4d43435f43525950544f00");

    EnforcementState s = EnforcementCodec.decodeState(v1);

    assertEquals(AccountStatus.RESTRICTED, s.status());
    assertEquals(1000, s.since());
    assertEquals(5000, s.clock());
    assertEquals(
        List.of(
            new Strike("tx-1", 100, 2, List.of("MERCHANT_EXCHANGE"), true),
            new Strike("tx-2", 200, 2, List.of("DESCRIPTOR_EXCHANGE", "MCC_CRYPTO"), false)),
        s.strikes());
    assertNull(s.published());
    assertEquals(
        s, EnforcementCodec.decodeState(EnforcementCodec.encode(s)), "written back as format 2");
  }

  @Test
  void shouldKeepStrikesAndDeadlinesOfRulesAsLongAsTimeItself() {
    EnforcementRules forever =
        new EnforcementRules(
            2,
            1,
            false,
            Long.MAX_VALUE,
            1,
            4,
            6,
            Long.MAX_VALUE,
            Set.of(AccountFunction.RECEIVE_P2P),
            20,
            32,
            Set.of(),
            true);
    EnforcementLadder l = new EnforcementLadder(forever);
    EnforcementState s =
        l.strike(EnforcementState.NEW, strike("tx-1", 2), ActionTrigger.BLOCKED_PAYMENT, 1_000)
            .state();

    assertEquals(AccountStatus.WARNED, s.status());
    assertEquals(Long.MAX_VALUE, s.deadline(), "no overflow into the past");
    assertEquals(Long.MAX_VALUE, l.nextDue(s));
    assertEquals(
        1, l.advance(s, 1_000_000_000_000L).state().strikes().size(), "the strike lives on");
  }

  @Test
  void shouldNeverMoveBackwardsInTime() {
    EnforcementState s = struck(EnforcementState.NEW, "tx-1", 2, 10 * DAY);
    EnforcementLadder.Step late =
        ladder.strike(s, strike("tx-2", 1), ActionTrigger.CONFIRMED_VERDICT, DAY);
    assertEquals(
        10 * DAY,
        late.state().strikes().get(1).time(),
        "a late event takes effect at the account's clock");
  }

  @Test
  void shouldBaseFeedbackOnTheNewerOfFeedAndLastWritten() {
    Reputation feed = new Reputation(CounterpartyCategory.ORDINARY, 10, 0, 100);
    Reputation written = new Reputation(CounterpartyCategory.ORDINARY, 30, 1, 200);
    assertEquals(50, ladder.feedback(feed, written, true, 300).riskScore());
    Reputation newerFeed = new Reputation(CounterpartyCategory.MULE, 70, 4, 250);
    Reputation raised = ladder.feedback(newerFeed, written, true, 300);
    assertEquals(CounterpartyCategory.MULE, raised.category());
    assertEquals(90, raised.riskScore());
    assertEquals(5, raised.reports());
    assertEquals(
        100,
        ladder
            .feedback(new Reputation(CounterpartyCategory.MULE, 95, 4, 1), null, true, 2)
            .riskScore());
    assertNull(ladder.feedback(null, null, false, 300), "nothing to lower");
    assertEquals(20, ladder.feedback(null, null, true, 300).riskScore());
  }

  @Test
  void shouldRoundTripStateThroughItsBinaryForm() {
    EnforcementState s =
        struck(EnforcementState.NEW, "tx-1", 2, 5)
            .withPublished(new Reputation(CounterpartyCategory.SUSPECTED_OTC_DEALER, 80, 2, 7));
    assertEquals(s, EnforcementCodec.decodeState(EnforcementCodec.encode(s)));
    ReviewCase c =
        new ReviewCase(
            "tx-9", "payee", "payer", true, List.of("A", "B"), 42, Verdict.FALSE_POSITIVE);
    assertEquals(c, EnforcementCodec.decodeCase(EnforcementCodec.encode(c)));
  }

  @Test
  void shouldForgetAnIdleAccountOnlyOnceTheReputationItWroteIsOld() {
    EnforcementState written =
        EnforcementState.NEW.withPublished(
            new Reputation(CounterpartyCategory.ORDINARY, 20, 1, 10 * DAY));
    assertEquals(
        written, ladder.sweep(written, 10 * DAY + 1, DAY).state(), "kept while the feed may lag");
    assertTrue(ladder.sweep(written, 12 * DAY, DAY).forget(), "forgotten after");
    EnforcementState warned = struck(EnforcementState.NEW, "tx-1", 2, 0);
    assertSame(warned, ladder.sweep(warned, DAY, DAY).state(), "nothing due: the same state");
    EnforcementLadder.Step rectified = ladder.sweep(warned, 15 * DAY, DAY);
    assertEquals(AccountStatus.ACTIVE, rectified.changes().get(0).to());
    assertEquals(1, rectified.state().strikes().size(), "rectified, but its strike is still live");
  }

  /**
   * The service's sweep reads only the accounts whose {@code sweepDue} has come: that is sound only
   * if a sweep before it never does anything, and a sweep at it does something (or it would read
   * the account for nothing at every sweep). Checked on states the ladder itself builds from random
   * strikes, withdrawals, sweeps and reputation feedback.
   */
  @Test
  void shouldDoNothingToAnAccountBeforeItsSweepDueAndSomethingAtIt() {
    long memory = 3_600_000L;
    Random rng = new Random(7);
    int checkedDue = 0;
    for (int run = 0; run < 300; run++) {
      EnforcementState s = EnforcementState.NEW;
      long now = 0;
      for (int step = 0; step < 12; step++) {
        now += rng.nextInt(40) * DAY / 4;
        String tx = "tx-" + rng.nextInt(6);
        s =
            switch (rng.nextInt(5)) {
              case 0, 1 ->
                  ladder
                      .strike(
                          s,
                          rng.nextBoolean() ? strike(tx, 1 + rng.nextInt(2)) : unconfirmed(tx, 1),
                          ActionTrigger.BLOCKED_PAYMENT,
                          now)
                      .state();
              case 2 -> ladder.withdraw(s, tx, now).state();
              case 3 ->
                  s.withPublished(
                      new Reputation(CounterpartyCategory.ORDINARY, 20, 1, now - rng.nextInt(3)));
              default -> ladder.sweep(s, now, memory).state();
            };
        if (s.forgettable()) {
          continue; // the service deletes such an entry as it writes it
        }
        long due = ladder.sweepDue(s, memory);
        assertTrue(due > Long.MIN_VALUE, () -> "a kept entry is due at once: " + due);
        for (long before : new long[] {due - 1, due - 1 - rng.nextInt(30) * DAY / 8, now}) {
          if (before < due) {
            EnforcementLadder.Step early = ladder.sweep(s, before, memory);
            EnforcementState at = s;
            assertSame(s, early.state(), () -> "changed before its due time " + due + ": " + at);
            assertTrue(early.changes().isEmpty());
            assertFalse(early.forget());
          }
        }
        if (due != Long.MAX_VALUE) {
          EnforcementLadder.Step onTime = ladder.sweep(s, due, memory);
          if (!onTime.forget()) {
            assertNotSame(s, onTime.state(), "nothing happened at its due time");
          }
          checkedDue++;
        }
      }
    }
    assertTrue(checkedDue > 1_000, "states with something due: " + checkedDue);
  }
}
