package io.screener.console;

import static io.screener.console.Cases.T0;
import static io.screener.console.Cases.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictWriterTest {
  private final ConsoleState state = new ConsoleState(10, 100);
  private final List<ReviewVerdict> sent = new ArrayList<>();
  private final VerdictWriter writer =
      new VerdictWriter(
          state, sent::add, Clock.fixed(T0.plusSeconds(60).plusNanos(123_456), ZoneOffset.UTC));

  @Test
  void shouldWriteAVerdictOnceHoweverOftenItIsSent() throws Exception {
    state.decision(flag("a", 50, "p", "d", 1));

    VerdictWriter.Outcome first = writer.write("a", VerdictKind.CONFIRMED_CRYPTO, "ana", " seen ");
    VerdictWriter.Outcome again = writer.write("a", VerdictKind.CONFIRMED_CRYPTO, "ana", "again");

    assertTrue(first.written());
    assertFalse(again.written());
    assertEquals(1, sent.size());
    ReviewVerdict verdict = sent.get(0);
    assertEquals("a", verdict.getTransactionId());
    assertEquals("ana", verdict.getAnalyst());
    assertEquals("seen", verdict.getNote());
    assertEquals(T0.plusSeconds(60), verdict.getDecidedAt(), "to the millisecond, as on the wire");
    assertEquals(verdict, again.verdict(), "the standing verdict is shown");
  }

  @Test
  void shouldNotRewriteAVerdictThatCameFromTheTopic() throws Exception {
    state.decision(flag("a", 50, "p", "d", 1));
    state.verdict(new ReviewVerdict("a", VerdictKind.FALSE_POSITIVE, "bo", null, T0));

    assertFalse(writer.write("a", VerdictKind.FALSE_POSITIVE, "ana", null).written());
    assertTrue(sent.isEmpty());
  }

  @Test
  void shouldWriteACorrection() throws Exception {
    state.decision(flag("a", 50, "p", "d", 1));
    writer.write("a", VerdictKind.CONFIRMED_CRYPTO, "ana", "");
    VerdictWriter.Outcome corrected = writer.write("a", VerdictKind.FALSE_POSITIVE, "ana", "");

    assertTrue(corrected.written());
    assertEquals(2, sent.size());
    assertNull(sent.get(1).getNote(), "a blank note is no note");
    assertEquals(VerdictKind.FALSE_POSITIVE, state.latestVerdict("a").getVerdict());
  }

  @Test
  void shouldRecordNothingWhenTheWriteFailsSoARetryWrites() throws Exception {
    state.decision(flag("a", 50, "p", "d", 1));
    VerdictWriter failing =
        new VerdictWriter(
            state,
            v -> {
              throw new IOException("broker unreachable");
            },
            Clock.systemUTC());

    VerdictWriter.NotWritten e =
        assertThrows(
            VerdictWriter.NotWritten.class,
            () -> failing.write("a", VerdictKind.CONFIRMED_CRYPTO, "ana", null));
    assertTrue(e.getMessage().contains("broker unreachable"), e.getMessage());
    assertNull(state.latestVerdict("a"));
    assertTrue(writer.write("a", VerdictKind.CONFIRMED_CRYPTO, "ana", null).written());
  }

  @Test
  void shouldRefuseAPaymentTheConsoleDoesNotKeep() {
    assertThrows(
        VerdictWriter.NotWritten.class,
        () -> writer.write("unknown", VerdictKind.CONFIRMED_CRYPTO, "ana", null));
    assertTrue(sent.isEmpty());
  }
}
