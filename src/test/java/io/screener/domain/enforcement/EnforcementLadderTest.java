package io.screener.domain.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.CounterpartyCategory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ladder as plain values: no Kafka, no driver. */
class EnforcementLadderTest {
  private static final long DAY = 86_400_000L;
  private static final EnforcementRules RULES =
      new EnforcementRules(2, 1, false, 90 * DAY, 1, 4, 6, 14 * DAY, Set.of(AccountFunction.RECEIVE_P2P), 20, 3);
  private final EnforcementLadder ladder = new EnforcementLadder(RULES);

  private static Strike strike(String id, int points) {
    return new Strike(id, 0, points, List.of("PAYEE_MULE"));
  }

  private EnforcementState struck(EnforcementState s, String id, int points, long at) {
    return ladder.strike(s, strike(id, points), ActionTrigger.BLOCKED_PAYMENT, at).state();
  }

  @Test
  void shouldTakeAPaymentsStrikeOnlyOnce() {
    EnforcementState once = struck(EnforcementState.NEW, "tx-1", 2, 0);
    EnforcementLadder.Step again = ladder.strike(once, strike("tx-1", 2), ActionTrigger.BLOCKED_PAYMENT, 10);
    assertEquals(2, again.state().points());
    assertTrue(again.changes().isEmpty());
  }

  @Test
  void shouldKeepAtMostMaxStrikesDroppingTheOldest() {
    EnforcementState s = EnforcementState.NEW;
    for (int i = 0; i < 5; i++) {
      s = struck(s, "tx-" + i, 1, i);
    }
    assertEquals(List.of("tx-2", "tx-3", "tx-4"), s.strikes().stream().map(Strike::transactionId).toList());
  }

  @Test
  void shouldGoBackToActiveAtTheDeadlineWhenTheWarningsStrikesExpiredBeforeIt() {
    EnforcementRules shortLived =
        new EnforcementRules(2, 1, false, 5 * DAY, 1, 4, 6, 14 * DAY, Set.of(AccountFunction.RECEIVE_P2P), 20, 32);
    EnforcementLadder quick = new EnforcementLadder(shortLived);
    EnforcementState s = quick.strike(EnforcementState.NEW, strike("tx-1", 1), ActionTrigger.BLOCKED_PAYMENT, 0).state();
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
  void shouldNeverMoveBackwardsInTime() {
    EnforcementState s = struck(EnforcementState.NEW, "tx-1", 2, 10 * DAY);
    EnforcementLadder.Step late = ladder.strike(s, strike("tx-2", 1), ActionTrigger.CONFIRMED_VERDICT, DAY);
    assertEquals(10 * DAY, late.state().strikes().get(1).time(), "a late event takes effect at the account's clock");
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
    assertEquals(100, ladder.feedback(new Reputation(CounterpartyCategory.MULE, 95, 4, 1), null, true, 2).riskScore());
    assertNull(ladder.feedback(null, null, false, 300), "nothing to lower");
    assertEquals(20, ladder.feedback(null, null, true, 300).riskScore());
  }

  @Test
  void shouldRoundTripStateThroughItsBinaryForm() {
    EnforcementState s = struck(EnforcementState.NEW, "tx-1", 2, 5)
        .withPublished(new Reputation(CounterpartyCategory.SUSPECTED_OTC_DEALER, 80, 2, 7));
    assertEquals(s, EnforcementCodec.decodeState(EnforcementCodec.encode(s)));
    ReviewCase c = new ReviewCase("tx-9", "payee", "payer", true, List.of("A", "B"), 42, Verdict.FALSE_POSITIVE);
    assertEquals(c, EnforcementCodec.decodeCase(EnforcementCodec.encode(c)));
  }

  @Test
  void shouldForgetAnIdleAccountOnlyOnceTheReputationItWroteIsOld() {
    EnforcementState written =
        EnforcementState.NEW.withPublished(new Reputation(CounterpartyCategory.ORDINARY, 20, 1, 10 * DAY));
    assertEquals(written, ladder.sweep(written, 10 * DAY + 1, DAY).state(), "kept while the feed may lag");
    assertNull(ladder.sweep(written, 12 * DAY, DAY).state(), "forgotten after");
    EnforcementState warned = struck(EnforcementState.NEW, "tx-1", 2, 0);
    assertTrue(ladder.sweep(warned, DAY, DAY).state() == warned, "nothing due: the same state");
    EnforcementLadder.Step rectified = ladder.sweep(warned, 15 * DAY, DAY);
    assertEquals(AccountStatus.ACTIVE, rectified.changes().get(0).to());
    assertEquals(1, rectified.state().strikes().size(), "rectified, but its strike is still live");
  }
}
