package io.screener.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.screener.domain.enforcement.AccountStatus;
import io.screener.domain.enforcement.EnforcementCodec;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.Reputation;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.Strike;
import io.screener.domain.enforcement.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StateBytes} writes what {@code DataOutputStream} writes (the formats were first written
 * through it), and reads back what it wrote; a value cut short or damaged is refused.
 */
class StateBytesTest {
  /** Characters of every width modified UTF-8 has, U+0000 and surrogates included. */
  private static final char[] ALPHABET = {
    'a', 'Z', '0', '-', '_', ':', 0x7F, 0x00, 0x80, 0xE9, 0x7FF, 0x800, 0x4E2D, 0x5E01, 0xFFFF,
    0xD83D, 0xDE00, 0xDFFF
  };

  @Test
  void shouldWriteStringsAndNumbersAsDataOutputStreamDoes() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      List<String> strings = new ArrayList<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        strings.add(randomString(random, random.nextInt(round % 3 == 0 ? 3 : 40)));
      }
      long number = random.nextLong() >> random.nextInt(64);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(expected);
      int bound = 1 + 2 + 4 + 8;
      data.writeBoolean(number % 2 == 0);
      data.writeShort((int) number);
      data.writeInt((int) number);
      data.writeLong(number);
      for (String s : strings) {
        data.writeUTF(s);
        bound += StateBytes.utfBound(s);
      }
      data.flush();

      StateBytes.Writer out = StateBytes.Writer.of(bound);
      out.putBoolean(number % 2 == 0);
      out.putShort((int) number);
      out.putInt((int) number);
      out.putLong(number);
      strings.forEach(out::putUtf);
      byte[] written = out.bytes();
      assertArrayEquals(expected.toByteArray(), written, () -> strings.toString());

      StateBytes.Reader in = new StateBytes.Reader(written, 0);
      assertEquals(number % 2 == 0, in.getBoolean());
      assertEquals((short) number, in.getShort());
      assertEquals((int) number, in.getInt());
      assertEquals(number, in.getLong());
      for (String s : strings) {
        assertEquals(s, in.getUtf());
      }
      assertEquals(0, in.remaining());
    }
  }

  @Test
  void shouldRefuseAStringOverSixtyFourKilobytesAsDataOutputStreamDoes() {
    String tooLong = "中".repeat(21_846); // 65,538 bytes
    StateBytes.Writer out = StateBytes.Writer.of(StateBytes.utfBound(tooLong));
    UncheckedIOException refused =
        assertThrows(UncheckedIOException.class, () -> out.putUtf(tooLong));
    assertInstanceOf(UTFDataFormatException.class, refused.getCause());
    assertThrows(
        UTFDataFormatException.class,
        () -> new DataOutputStream(new ByteArrayOutputStream()).writeUTF(tooLong));
  }

  @Test
  void shouldRefuseMalformedOrCutStrings() {
    // A length past the end; a lone continuation byte; a three-byte lead cut after one byte.
    for (String hex : List.of("0005616263", "000180", "0002e4b8", "00")) {
      StateBytes.Reader in = new StateBytes.Reader(java.util.HexFormat.of().parseHex(hex), 0);
      assertThrows(IndexOutOfBoundsException.class, in::getUtf, hex);
    }
  }

  /**
   * Every prefix of a value, and every value with one byte changed, reads or is refused as such.
   */
  @Test
  void shouldRefuseEveryCutEnforcementValueAsUnreadableState() {
    EnforcementState state =
        new EnforcementState(
            AccountStatus.RESTRICTED,
            1_700_000_000_000L,
            1_700_100_000_000L,
            2,
            1_700_000_500_000L,
            List.of(
                new Strike("tx-1", 1_700_000_000_000L, 2, List.of("MERCHANT_EXCHANGE"), true),
                new Strike("tx-交易-2", 1_700_000_100_000L, 1, List.of("FAN_IN", "NIGHT"), false)),
            new Reputation(CounterpartyCategory.values()[1], 70, 3, 1_700_000_400_000L));
    ReviewCase review =
        new ReviewCase(
            "tx-3",
            "payee-1",
            "payer-1",
            true,
            List.of("USDT_AMOUNT"),
            1_700_000_000_000L,
            Verdict.values()[0]);
    byte[] stateBytes = EnforcementCodec.encode(state);
    byte[] reviewBytes = EnforcementCodec.encode(review);
    assertEquals(state, EnforcementCodec.decodeState(stateBytes));
    assertEquals(review, EnforcementCodec.decodeCase(reviewBytes));
    for (int length = 0; length < stateBytes.length; length++) {
      byte[] cut = Arrays.copyOf(stateBytes, length);
      assertThrows(UnreadableStateException.class, () -> EnforcementCodec.decodeState(cut));
    }
    for (int length = 0; length < reviewBytes.length; length++) {
      byte[] cut = Arrays.copyOf(reviewBytes, length);
      assertThrows(UnreadableStateException.class, () -> EnforcementCodec.decodeCase(cut));
    }
    Random random = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      byte[] damaged = stateBytes.clone();
      damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      try {
        EnforcementCodec.decodeState(damaged);
      } catch (UnreadableStateException e) {
        // Refused as unreadable state: anything else thrown fails the test.
      }
    }
  }

  private static String randomString(Random random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(
          random.nextInt(3) == 0
              ? ALPHABET[random.nextInt(ALPHABET.length)]
              : (char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
