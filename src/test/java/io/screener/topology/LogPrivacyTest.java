package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerDriver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs carry no memo text and no account or transaction ids, for good and rejected payments alike.
 */
class LogPrivacyTest {
  @TempDir Path stateDir;

  @Test
  void shouldKeepMemosAndAccountIdsOutOfTheLogs() {
    String memo = "SECRET-MEMO-7781";
    String payer = "acct-private-payer-4410";
    String payee = "acct-private-payee-9023";
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ScreenerDriver screener = new ScreenerDriver(stateDir)) {
      screener.pay(Payments.transfer(payer, payee, 718_000).memo(memo).id("tx-private-1").build());
      screener.pay(Payments.transfer(payer, payee, -5).memo(memo).id("tx-private-2").build());
      screener.pay(
          Payments.transfer(payer, payee, 100)
              .memo(memo)
              .currency("XQQ")
              .id("tx-private-3")
              .build());
      screener.pay(
          Payments.transfer(payer, payee, 100)
              .memo(memo + "x".repeat(2_000))
              .id("tx-private-4")
              .build());

      assertEquals(1, screener.decisions().size());
      assertEquals(3, screener.deadLetters().size());
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(
        logs.contains("dead-lettered payment record"), "the dead letters were logged: " + logs);
    for (String secret : new String[] {memo, payer, payee, "tx-private"}) {
      assertFalse(logs.contains(secret), () -> secret + " leaked into the logs:\n" + logs);
    }
  }
}
