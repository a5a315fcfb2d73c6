package io.screener.domain.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.LotPrice;
import io.screener.domain.Quote;
import io.screener.domain.ScoringRules.BehaviourRules;
import io.screener.fixtures.TestRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountActivityTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final BehaviourRules RULES = BehaviourRules.window(6 * HOUR, 8, 30 * MINUTE);
  private static final long T0 = 1_770_000_000_000L;
  private static final Quote QUOTE = new Quote("USDT", "CNY", 7.18, T0);

  private static long payer(int n) {
    return Keys.hash("payer-" + n);
  }

  @Test
  void shouldCountDistinctPayersAndInflowWithinTheWindow() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0, payer(1), 100, 0, LotPrice.NONE, true, RULES);
    a.recordInflow(T0 + MINUTE, payer(2), 200, 0, LotPrice.NONE, true, RULES);
    a.recordInflow(T0 + 2 * MINUTE, payer(1), 300, 0, LotPrice.NONE, false, RULES);

    BehaviourFeatures f =
        a.recordInflow(T0 + 3 * MINUTE, payer(3), 400, 0, LotPrice.NONE, true, RULES);

    assertEquals(
        new BehaviourFeatures(
            6 * HOUR, 3, 4, 1_000, 0, 0, true, 0, -1, LotPrice.NONE, 0, LotPrice.NONE, 0, 0),
        f);
  }

  @Test
  void shouldForgetInflowsOlderThanTheWindow() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0, payer(1), 100, 0, LotPrice.NONE, true, RULES);

    BehaviourFeatures f =
        a.recordInflow(T0 + 6 * HOUR, payer(2), 200, 0, LotPrice.NONE, true, RULES);

    assertEquals(1, f.distinctPayers());
    assertEquals(200, f.inflowMinor());
    assertEquals(1, a.inflowCount());
  }

  @Test
  void shouldCountOtherPayersWhoPaidTheSameAmount() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0, payer(1), 718_000, 0, LotPrice.NONE, true, RULES);
    a.recordInflow(T0 + MINUTE, payer(2), 718_000, 0, LotPrice.NONE, true, RULES);
    a.recordInflow(T0 + 2 * MINUTE, payer(3), 5_000, 0, LotPrice.NONE, true, RULES);

    BehaviourFeatures f =
        a.recordInflow(T0 + 3 * MINUTE, payer(4), 718_000, 0, LotPrice.NONE, true, RULES);

    assertEquals(2, f.sameAmountPayers());
  }

  @Test
  void shouldCountPayersSharingThisPaymentsDevice() {
    AccountActivity a = new AccountActivity();
    long device = Keys.hash("phone-1");
    a.recordInflow(T0, payer(1), 100, device, LotPrice.NONE, true, RULES);
    a.recordInflow(T0 + MINUTE, payer(2), 100, device, LotPrice.NONE, true, RULES);
    a.recordInflow(T0 + MINUTE, payer(3), 100, Keys.hash("phone-2"), LotPrice.NONE, true, RULES);

    BehaviourFeatures f =
        a.recordInflow(T0 + 2 * MINUTE, payer(4), 100, device, LotPrice.NONE, true, RULES);

    assertEquals(3, f.devicePayers());
  }

  @Test
  void shouldCountQuickTurnoverWhenMoneyMovesOnSoonAfterArriving() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0, payer(1), 100_000, 0, LotPrice.NONE, true, RULES);
    a.recordOutflow(T0 + 5 * MINUTE, RULES);
    a.recordInflow(T0 + HOUR, payer(2), 100_000, 0, LotPrice.NONE, true, RULES);
    a.recordOutflow(T0 + 3 * HOUR, RULES);

    BehaviourFeatures f =
        a.recordInflow(T0 + 4 * HOUR, payer(3), 100_000, 0, LotPrice.NONE, true, RULES);

    assertEquals(1, f.quickTurnovers());
    assertEquals(
        5 * MINUTE,
        f.lastTurnoverMillis(),
        "the last quick one: money sent two hours on changed nothing");
    assertEquals(false, a.quickTurnover(T0 + 4 * HOUR + 31 * MINUTE, RULES));
    assertTrue(a.quickTurnover(T0 + 4 * HOUR + 30 * MINUTE, RULES));
  }

  @Test
  void shouldIgnoreOutflowWithNoEarlierInflow() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0 + HOUR, payer(1), 100, 0, LotPrice.NONE, true, RULES);
    a.recordOutflow(T0, RULES);

    assertEquals(0, a.turnoverCount());
    assertEquals(-1, a.lastTurnoverMillis());
  }

  @Test
  void shouldKeepAtMostTheConfiguredNumberOfInflows() {
    AccountActivity a = new AccountActivity();
    BehaviourFeatures f = null;
    for (int i = 0; i < 50; i++) {
      f = a.recordInflow(T0 + i * MINUTE, payer(i), 100, 0, LotPrice.NONE, true, RULES);
    }

    assertEquals(8, a.inflowCount());
    assertEquals(8, f.distinctPayers());
  }

  @Test
  void shouldPlaceLateInflowsInEventTimeOrder() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0 + 2 * MINUTE, payer(1), 100, 0, LotPrice.NONE, true, RULES);
    a.recordInflow(T0, payer(2), 200, 0, LotPrice.NONE, true, RULES);

    BehaviourFeatures late =
        a.recordInflow(T0 + MINUTE, payer(3), 300, 0, LotPrice.NONE, true, RULES);

    assertEquals(T0, a.inflowTime(0));
    assertEquals(T0 + MINUTE, a.inflowTime(1));
    assertEquals(T0 + 2 * MINUTE, a.inflowTime(2));
    // A late payment sees only what happened up to its own event time.
    assertEquals(2, late.inflowCount());
    assertEquals(500, late.inflowMinor());
  }

  /** 1,000 USDT at the quote 7.18 plus {@code premiumBp} basis points. */
  private static long lot(int premiumBp) {
    long amount = Math.round(1000 * 7.18 * (1 + premiumBp / 10_000.0) * 100);
    return LotPrice.of(amount, QUOTE, T0, TestRules.shipped().quotes());
  }

  @Test
  void shouldFindOnePricePaidBySeveralPayers() {
    AccountActivity a = new AccountActivity();
    a.recordInflow(T0, payer(1), 722_668, 0, lot(65), true, RULES);
    a.recordInflow(T0 + MINUTE, payer(1), 722_668, 0, lot(65), false, RULES);
    a.recordInflow(T0 + 2 * MINUTE, payer(2), 722_668, 0, lot(65), true, RULES);
    a.recordInflow(T0 + 3 * MINUTE, payer(3), 733_000, 0, lot(209), true, RULES);

    BehaviourFeatures atPrice =
        a.recordInflow(T0 + 4 * MINUTE, payer(4), 722_668, 0, lot(65), true, RULES);
    assertEquals(2, atPrice.dealerPricePayers(), "payer 1 counted once");
    assertTrue(atPrice.atDealerPrice());

    BehaviourFeatures offPrice =
        a.recordInflow(T0 + 5 * MINUTE, payer(5), 480_000, 0, LotPrice.NONE, true, RULES);
    assertEquals(3, offPrice.dealerPricePayers(), "payers 1, 2 and 4 share the price");
    assertEquals(65 * 100, LotPrice.premiumPpm(offPrice.dealerLot()), 5);
    assertTrue(!offPrice.atDealerPrice());

    BehaviourFeatures alone =
        new AccountActivity().recordInflow(T0, payer(1), 722_668, 0, lot(65), true, RULES);
    assertEquals(0, alone.dealerPricePayers());
  }

  @Test
  void shouldKeepTheNewestInflowsWhenTheRulesLowerTheBound() {
    AccountActivity a = new AccountActivity();
    for (int i = 0; i < 8; i++) {
      a.recordInflow(T0 + i * MINUTE, payer(i), 100, 0, LotPrice.NONE, true, RULES);
    }
    BehaviourRules two = BehaviourRules.window(6 * HOUR, 2, 30 * MINUTE);

    BehaviourFeatures f =
        a.recordInflow(T0 + 9 * MINUTE, payer(9), 100, 0, LotPrice.NONE, true, two);

    assertEquals(2, a.inflowCount());
    assertEquals(
        List.of(T0 + 7 * MINUTE, T0 + 9 * MINUTE), List.of(a.inflowTime(0), a.inflowTime(1)));
    assertEquals(2, f.distinctPayers());
    a.recordInflow(T0 + 10 * MINUTE, payer(10), 100, 0, LotPrice.NONE, true, RULES);
    assertEquals(3, a.inflowCount(), "and grows again when the bound is raised");
  }

  @Test
  void shouldDecodeFormatOneAsInflowsWithNoLot() {
    // Format 1, as the previous release wrote it: last seen 9000, last turnover after 120 s, two
    // inflows (1000: payer 11, 7,180.00 CNY, device 21; 2000: payer 12, 50.00 CNY) and one
    // turnover.
    byte[] v1 =
        HexFormat.of()
            .parseHex(
                "010000000000002328000000000001d4c0000000020000000100000000000003e8000000000000000b00000000000af4b0"
                    + "000000000000001500000000000007d0000000000000000c000000000000138800000000000000000000000000"
                    + "0005dc");

    AccountActivity a = AccountActivityCodec.decode(v1);

    assertEquals(9000, a.lastSeen());
    assertEquals(120_000, a.lastTurnoverMillis());
    assertEquals(2, a.inflowCount());
    assertEquals(
        List.of(1000L, 11L, 718_000L, 21L, LotPrice.NONE),
        List.of(a.inflowTime(0), a.payerKey(0), a.amount(0), a.deviceKey(0), a.lot(0)));
    assertEquals(
        List.of(2000L, 12L, 5_000L, 0L, LotPrice.NONE),
        List.of(a.inflowTime(1), a.payerKey(1), a.amount(1), a.deviceKey(1), a.lot(1)));
    assertEquals(1, a.turnoverCount());
    assertEquals(1500, a.turnoverTime(0));
  }

  @Test
  void shouldRoundTripThroughItsBinaryForm() {
    AccountActivity a = new AccountActivity();
    for (int i = 0; i < 6; i++) {
      a.recordInflow(
          T0 + i * MINUTE,
          payer(i % 3),
          100L * i,
          Keys.hash("d" + i),
          i % 2 == 0 ? lot(i) : LotPrice.NONE,
          i < 3,
          RULES);
      a.recordOutflow(T0 + i * MINUTE + 1_000, RULES);
    }

    AccountActivity copy = AccountActivityCodec.decode(AccountActivityCodec.encode(a));

    assertEquals(
        a.recordInflow(T0 + 10 * MINUTE, payer(9), 700, Keys.hash("d1"), lot(0), true, RULES),
        copy.recordInflow(T0 + 10 * MINUTE, payer(9), 700, Keys.hash("d1"), lot(0), true, RULES));
    assertEquals(AccountActivityCodec.encode(a).length, AccountActivityCodec.encode(copy).length);
    assertEquals(
        java.util.Arrays.toString(AccountActivityCodec.encode(a)),
        java.util.Arrays.toString(AccountActivityCodec.encode(copy)));
  }

  @Test
  void shouldRememberItsLatestLegsAndPushOutTheOldestStillWithinTheRetention() {
    AccountActivity a = new AccountActivity();
    int max = AccountActivity.MAX_LEGS;
    for (int i = 0; i < max; i++) {
      assertEquals(false, a.rememberDelivery(i + 1, T0 + i, T0), "room for leg " + i);
    }
    assertEquals(AccountActivity.NEVER, a.lastSpilled());

    long later = T0 + max + 100;
    assertTrue(a.rememberDelivery(1_000, later, T0), "one more pushes the oldest out");
    assertEquals(1, a.spilledLegKey());
    assertEquals(T0, a.spilledLegTime());
    assertEquals(T0, a.lastSpilled());
    assertEquals(false, a.delivered(1, T0));
    assertTrue(a.delivered(2, T0) && a.delivered(1_000, T0));
    assertEquals(later, a.lastActive());

    // Legs before the cutoff are forgotten, not pushed out: there is room again.
    assertEquals(false, a.rememberDelivery(2_000, later + 100, T0 + 50));
    assertEquals(false, a.delivered(2, Long.MIN_VALUE), "forgotten");
    assertTrue(a.delivered(52, T0 + 50));
    assertEquals(T0, a.lastSpilled());
  }

  @Test
  void shouldForgetThePayerWhoseLastPaymentIsOldestWhenItsPayersAreFull() {
    AccountActivity a = new AccountActivity();
    for (int i = 0; i < AccountActivity.MAX_PAYERS; i++) {
      a.rememberPayer(payer(i), T0 + i * MINUTE, Long.MIN_VALUE);
    }
    // Payer 0 pays again: now the least recent is payer 1.
    a.rememberPayer(payer(0), T0 + HOUR, Long.MIN_VALUE);
    a.rememberPayer(payer(1_000), T0 + 2 * HOUR, Long.MIN_VALUE);

    assertTrue(a.paidBy(payer(0), Long.MIN_VALUE));
    assertEquals(
        false, a.paidBy(payer(1), Long.MIN_VALUE), "forgotten: a new pair again if it pays");
    assertTrue(a.paidBy(payer(2), Long.MIN_VALUE));
    assertTrue(a.paidBy(payer(1_000), Long.MIN_VALUE));
    assertEquals(false, a.paidBy(payer(2), T0 + 3 * MINUTE), "idle since before the cutoff");
    // A late payment does not move a payer back in time.
    a.rememberPayer(payer(0), T0, Long.MIN_VALUE);
    assertEquals(true, a.paidBy(payer(0), T0 + HOUR));
  }

  @Test
  void shouldNeverHashToZeroSoZeroCanMeanAbsent() {
    assertEquals(0, Keys.hash(null));
    for (int i = 0; i < 10_000; i++) {
      org.junit.jupiter.api.Assertions.assertNotEquals(0, Keys.hash("id-" + i));
    }
  }

  private record Inflow(long time, long payer, long amount, long device) {}

  /**
   * The window's features as their definitions read, over the inflows the account keeps: distinct
   * payers; other payers who paid this amount; payers who used this device.
   */
  private static int[] expected(
      List<Inflow> kept, long time, long payer, long amount, long device) {
    long from = time - RULES.windowMillis();
    Set<Long> payers = new HashSet<>();
    Set<Long> sameAmount = new HashSet<>();
    Set<Long> sameDevice = new HashSet<>();
    int count = 0;
    for (Inflow in : kept) {
      if (in.time() <= from || in.time() > time) {
        continue;
      }
      count++;
      payers.add(in.payer());
      if (in.payer() != payer && in.amount() == amount) {
        sameAmount.add(in.payer());
      }
      if (device != 0 && in.device() == device) {
        sameDevice.add(in.payer());
      }
    }
    return new int[] {payers.size(), count, sameAmount.size(), sameDevice.size()};
  }

  @Test
  void shouldCountPayersAmountsAndDevicesAsTheirDefinitionsRead() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      AccountActivity a = new AccountActivity();
      long time = T0;
      for (int k = 0; k < 60; k++) {
        time +=
            random.nextInt(3) == 0
                ? random.nextInt((int) HOUR)
                : random.nextInt((int) (5 * MINUTE));
        // Now and then a late one, an hour or two back.
        long at = random.nextInt(10) == 0 ? time - random.nextInt((int) (2 * HOUR)) : time;
        long payer = payer(random.nextInt(6));
        long amount = 100L * (1 + random.nextInt(3));
        long device = random.nextInt(4) == 0 ? 0 : Keys.hash("phone-" + random.nextInt(3));
        BehaviourFeatures f =
            a.recordInflow(at, payer, amount, device, LotPrice.NONE, false, RULES);
        List<Inflow> kept = new ArrayList<>();
        for (int i = 0; i < a.inflowCount(); i++) {
          kept.add(new Inflow(a.inflowTime(i), a.payerKey(i), a.amount(i), a.deviceKey(i)));
        }
        int[] want = expected(kept, at, payer, amount, device);
        String where = "round " + round + ", inflow " + k;
        assertEquals(want[0], f.distinctPayers(), where);
        assertEquals(want[1], f.inflowCount(), where);
        assertEquals(want[2], f.sameAmountPayers(), where);
        assertEquals(want[3], f.devicePayers(), where);
      }
    }
  }
}
