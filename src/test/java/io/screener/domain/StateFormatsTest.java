package io.screener.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.AccountActivityCodec;
import io.screener.domain.behaviour.Keys;
import io.screener.domain.enforcement.AccountStatus;
import io.screener.domain.enforcement.EnforcementCodec;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.Reputation;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.Strike;
import io.screener.fixtures.TestRules;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of every state format a release wrote, decoded by this build: a deployment's state
 * stores and changelogs hold them. The bytes were written by the builds named (the released ones by
 * running that release's encoder), so a change that cannot read them fails here.
 */
class StateFormatsTest {
  private static final long T0 = 1_767_571_200_000L;
  private static final ScoringRules.BehaviourRules RULES = TestRules.shipped().behaviour();

  /** What the release of 2026-12-05 (account-activity format 2) wrote for {@link #history}. */
  private static final String ACCOUNT_FORMAT_2 =
      "020000019b8b75ecc0000000000000ea6000000002000000010000019b8b7418004e6eac0b61f19f2400000000000b06ec"
          + "8596fc76092a2e9600000000000000000000019b8b7502604e6eaf0b61f1a43d00000000000186a000000000000000"
          + "00000000003b9aca000000019b8b75ecc0";

  /**
   * What the build of 2026-12-07 (format 3) wrote for the same history delivered as legs "tx-1",
   * "tx-2" (received) and "tx-3" (sent), the payees' first payer "payer-1" remembered.
   */
  private static final String ACCOUNT_FORMAT_3 =
      "030000019b8b75ecc0c0a907040280d30e4e6eac0b61f19f24d89b588596fc76092a2e9600c0a9074e6eaf0b61f1a43d"
          + "c09a0c000000000000000080a8d6b90700800000000000000006b10682ef818d766f80d30eb10683ef818d7822c0a907"
          + "6452b378061f28e100024e6eac0b61f19f2480d30e";

  /**
   * What this build (format 4) writes for that history when the account is a merchant whose second
   * payment carried 45 points of evidence about the merchant itself.
   */
  private static final String ACCOUNT_FORMAT_4 =
      "040000019b8b75ecc0c0a907040280d30e4e6eac0b61f19f24d89b588596fc76092a2e9600c0a9074e6eaf0b61f1a43d"
          + "c09a0c000000000000000080a8d6b90700800000000000000006b10682ef818d766f80d30eb10683ef818d7822c0a907"
          + "6452b378061f28e100024e6eac0b61f19f2480d30e5ac0a907";

  /**
   * An account's history: two inflows a minute apart, the second a USDT lot, and money sent on a
   * minute later.
   */
  private static AccountActivity history(boolean withLegs) {
    AccountActivity a = new AccountActivity();
    if (withLegs) {
      a.rememberDelivery(Keys.receivedLeg("tx-1"), T0, Long.MIN_VALUE);
      a.rememberPayer(Keys.hash("payer-1"), T0, Long.MIN_VALUE);
    }
    a.recordInflow(
        T0, Keys.hash("payer-1"), 722_668, Keys.hash("dev-1"), LotPrice.NONE, true, RULES);
    if (withLegs) {
      a.rememberDelivery(Keys.receivedLeg("tx-2"), T0 + 60_000, Long.MIN_VALUE);
    }
    a.recordInflow(T0 + 60_000, Keys.hash("payer-2"), 100_000, 0, 1_000_000_000L, true, RULES);
    if (withLegs) {
      a.rememberDelivery(Keys.sentLeg("tx-3"), T0 + 120_000, Long.MIN_VALUE);
    }
    a.recordOutflow(T0 + 120_000, RULES);
    return a;
  }

  @Test
  void shouldReadAccountActivityOfFormatTwoAsRecordsThatRememberNoLegsOrPayers() {
    AccountActivity released =
        AccountActivityCodec.decode(HexFormat.of().parseHex(ACCOUNT_FORMAT_2));
    AccountActivity fresh = history(false);

    assertEquals(T0 + 120_000, released.lastSeen());
    assertFalse(released.delivered(Keys.receivedLeg("tx-1"), Long.MIN_VALUE));
    assertFalse(released.paidBy(Keys.hash("payer-1"), Long.MIN_VALUE));
    assertEquals(AccountActivity.NEVER, released.lastSpilled());
    assertEquals(
        fresh.recordInflow(
            T0 + 180_000, Keys.hash("payer-3"), 100_000, 0, 1_000_000_000L, true, RULES),
        released.recordInflow(
            T0 + 180_000, Keys.hash("payer-3"), 100_000, 0, 1_000_000_000L, true, RULES),
        "the same features as the history it was written from");
    assertEquals(
        AccountActivityCodec.FORMAT,
        AccountActivityCodec.encode(released)[0],
        "written back as this build's format");
  }

  @Test
  void shouldReadAccountActivityOfFormatThreeAsRecordsWithNoMerchantEvidence() {
    AccountActivity a = AccountActivityCodec.decode(HexFormat.of().parseHex(ACCOUNT_FORMAT_3));

    assertTrue(a.delivered(Keys.receivedLeg("tx-2"), T0));
    assertTrue(a.paidBy(Keys.hash("payer-1"), T0));
    assertEquals(0, a.merchantEvidencePoints());
    assertEquals(AccountActivity.NEVER, a.merchantEvidenceAt());
    // Written back as format 4: the same fields, and no merchant evidence (a zero at the end).
    assertEquals(
        "04" + ACCOUNT_FORMAT_3.substring(2) + "00",
        HexFormat.of().formatHex(AccountActivityCodec.encode(a)));
  }

  @Test
  void shouldReadAccountActivityOfFormatFourAsThisBuildWritesIt() {
    byte[] golden = HexFormat.of().parseHex(ACCOUNT_FORMAT_4);
    AccountActivity written = history(true);
    assertTrue(written.rememberMerchantEvidence(T0 + 60_000, 45));
    assertEquals(ACCOUNT_FORMAT_4, HexFormat.of().formatHex(AccountActivityCodec.encode(written)));

    AccountActivity a = AccountActivityCodec.decode(golden);

    assertEquals(45, a.merchantEvidencePoints());
    assertEquals(T0 + 60_000, a.merchantEvidenceAt());

    assertTrue(a.delivered(Keys.receivedLeg("tx-1"), T0));
    assertTrue(a.delivered(Keys.receivedLeg("tx-2"), T0));
    assertTrue(a.delivered(Keys.sentLeg("tx-3"), T0));
    assertFalse(a.delivered(Keys.receivedLeg("tx-3"), T0), "the two legs of one payment are apart");
    assertFalse(a.delivered(Keys.receivedLeg("tx-1"), T0 + 1), "a leg before the cutoff is absent");
    assertTrue(a.paidBy(Keys.hash("payer-1"), T0));
    assertFalse(a.paidBy(Keys.hash("payer-2"), T0), "only payers remembered are known");
    assertEquals(T0 + 120_000, a.lastActive());
    assertTrue(Arrays.equals(golden, AccountActivityCodec.encode(a)));
  }

  @Test
  void shouldRefuseAnAccountActivityFormatItDoesNotKnowOrAValueCutShort() {
    byte[] future = HexFormat.of().parseHex(ACCOUNT_FORMAT_4);
    future[0] = 5;
    UnreadableStateException unknown =
        assertThrows(UnreadableStateException.class, () -> AccountActivityCodec.decode(future));
    assertTrue(
        unknown.getMessage().contains("format 5 (this build reads 1 to 4)"), unknown.getMessage());
    byte[] longer = Arrays.copyOf(HexFormat.of().parseHex(ACCOUNT_FORMAT_4), 120);
    assertThrows(
        UnreadableStateException.class,
        () -> AccountActivityCodec.decode(longer),
        "bytes past the merchant evidence");
    byte[] format3AsFour = HexFormat.of().parseHex(ACCOUNT_FORMAT_3);
    format3AsFour[0] = 4;
    assertThrows(
        UnreadableStateException.class,
        () -> AccountActivityCodec.decode(format3AsFour),
        "a format-4 value without its merchant evidence is cut short");

    byte[] cut = Arrays.copyOf(HexFormat.of().parseHex(ACCOUNT_FORMAT_3), 60);
    assertThrows(UnreadableStateException.class, () -> AccountActivityCodec.decode(cut));
    byte[] huge = HexFormat.of().parseHex(ACCOUNT_FORMAT_2);
    huge[17] = 0x7f;
    assertThrows(
        UnreadableStateException.class,
        () -> AccountActivityCodec.decode(huge),
        "a count past the value's end");
    assertThrows(UnreadableStateException.class, () -> AccountActivityCodec.decode(new byte[0]));
  }

  /**
   * What the release of 2026-12-05 (enforcement format 2) wrote: a warned account with two strikes
   * and a published reputation.
   */
  @Test
  void shouldReadEnforcementStateOfFormatTwo() {
    byte[] released =
        HexFormat.of()
            .parseHex(
                "020100000000000003e80000000005265fe800000001000000000000138800000002000474782d3100000000000000"
                    + "6400000002000100114d45524348414e545f45584348414e474501000474782d3200000000000000c80000000100"
                    + "01001344455343524950544f525f45584348414e474500010100000050000000030000000000000fa0");

    EnforcementState s = EnforcementCodec.decodeState(released);

    assertEquals(
        new EnforcementState(
            AccountStatus.WARNED,
            1000,
            86_401_000,
            1,
            5000,
            List.of(
                new Strike("tx-1", 100, 2, List.of("MERCHANT_EXCHANGE"), true),
                new Strike("tx-2", 200, 1, List.of("DESCRIPTOR_EXCHANGE"), false)),
            new Reputation(CounterpartyCategory.SUSPECTED_OTC_DEALER, 80, 3, 4000)),
        s);
    assertTrue(
        Arrays.equals(released, EnforcementCodec.encode(s)), "this build writes format 2 alike");
  }

  @Test
  void shouldReadAReviewCaseOfFormatTwo() {
    byte[] released =
        HexFormat.of()
            .parseHex(
                "02000474782d39000770617965652d31000770617965722d31010002001344455343524950544f525f45584348414e"
                    + "4745000a4d43435f43525950544f0000000000001b58ff");

    ReviewCase c = EnforcementCodec.decodeCase(released);

    assertEquals(
        new ReviewCase(
            "tx-9",
            "payee-1",
            "payer-1",
            true,
            List.of("DESCRIPTOR_EXCHANGE", "MCC_CRYPTO"),
            7000,
            null),
        c);
    assertTrue(Arrays.equals(released, EnforcementCodec.encode(c)));
  }

  @Test
  void shouldRefuseAnEnforcementFormatItDoesNotKnow() {
    byte[] future = HexFormat.of().parseHex("03000474782d39");
    UnreadableStateException e =
        assertThrows(UnreadableStateException.class, () -> EnforcementCodec.decodeCase(future));
    assertTrue(e.getMessage().contains("format 3 (this build reads 1 to 2)"), e.getMessage());
    assertThrows(
        UnreadableStateException.class,
        () -> EnforcementCodec.decodeCase(HexFormat.of().parseHex("02000474")));
  }
}
