package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.screener.avro.CryptoQuote;
import io.screener.avro.Decision;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.PolicyCategory;
import io.screener.avro.Reason;
import io.screener.avro.ScreeningDecision;
import io.screener.serialization.AvroJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay's hand-written payment decoder and decision encoder, held to {@link AvroJson}. */
class ReplayJsonTest {
  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    " ",
    "/",
    "\"",
    "\\",
    "\n",
    "\r",
    "\t",
    "\b",
    "\f",
    "\u0000",
    "\u0001",
    "\u001f",
    "\u007f",
    "é",
    "数字",
    "USDT",
    "盒马鲜生(徐家汇店)",
    "\u2028",
    "\uD83D\uDE00",
    "'",
    "{",
    "}",
    "[",
    ":",
    ","
  };

  private static String text(Random random, boolean loneSurrogates) {
    int n = random.nextInt(12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    if (loneSurrogates && random.nextInt(10) == 0) {
      s.insert(random.nextInt(s.length() + 1), random.nextBoolean() ? '\uD800' : '\uDC00');
    }
    return s.toString();
  }

  private static String optional(Random random, boolean loneSurrogates) {
    return random.nextInt(3) == 0 ? null : text(random, loneSurrogates);
  }

  private static PaymentEvent payment(Random random, boolean loneSurrogates) {
    return new PaymentEvent(
        text(random, loneSurrogates),
        Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L),
        PaymentType.values()[random.nextInt(PaymentType.values().length)],
        text(random, loneSurrogates),
        text(random, loneSurrogates),
        PayeeType.values()[random.nextInt(PayeeType.values().length)],
        random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100_000),
        random.nextBoolean() ? "CNY" : text(random, loneSurrogates),
        optional(random, loneSurrogates),
        optional(random, loneSurrogates),
        optional(random, loneSurrogates),
        optional(random, loneSurrogates),
        optional(random, loneSurrogates));
  }

  private static ScreeningDecision decision(Random random) {
    List<Reason> reasons = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      reasons.add(new Reason(text(random, true), random.nextInt(201) - 100, text(random, true)));
    }
    return new ScreeningDecision(
        text(random, true),
        Decision.values()[random.nextInt(3)],
        random.nextBoolean() ? random.nextInt(101) : random.nextInt(),
        random.nextBoolean()
            ? null
            : PolicyCategory.values()[random.nextInt(PolicyCategory.values().length)],
        reasons,
        payment(random, true),
        text(random, true),
        Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L));
  }

  private static void assertSameDecode(String json) {
    PaymentEvent expected;
    try {
      expected = AvroJson.fromJson(json, PaymentEvent.class);
    } catch (IllegalArgumentException e) {
      IllegalArgumentException actual =
          assertThrows(IllegalArgumentException.class, () -> ReplayJson.decodePayment(json), json);
      assertEquals(e.getMessage(), actual.getMessage(), json);
      return;
    }
    assertEquals(expected, ReplayJson.decodePayment(json), json);
    assertEquals(expected, ReplayJson.decode(json, PaymentEvent.class), json);
  }

  @Test
  void decodesGeneratedPaymentsAsAvroJson() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      PaymentEvent payment = payment(random, false);
      String json = AvroJson.toJson(payment);
      assertEquals(payment, ReplayJson.decodePayment(json));
      assertSameDecode(json);
    }
  }

  @Test
  void decodesEveryVariantAsAvroJson() {
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      String json = AvroJson.toJson(payment(random, false));
      // Other spellings of the same record.
      assertSameDecode(json.replace(",\"", " ,\n\t\"").replace("\":", "\" : "));
      assertSameDecode(
          json.replaceFirst(
              "\"eventTime\":(-?\\d+)", "\"eventTime\":\"2026-01-05T00:00:01.553Z\""));
      assertSameDecode(
          json.replaceFirst(
              "\"eventTime\":(-?\\d+)", "\"eventTime\":\"2026-01-05T08:00:01+08:00\""));
      assertSameDecode(
          json.replaceFirst("\\{", "{\"extra\":{\"a\":[1,{\"b\":null}]},\"crypto\":true,"));
      assertSameDecode(json.replaceFirst(",\"memo\":(null|\"([^\"\\\\]|\\\\.)*\")", ""));
      assertSameDecode(json.replace("\"currency\"", "\"x\":1,\"currency\""));
      assertSameDecode("{\"transactionId\":\"dup\"," + json.substring(1));
      // And what it must reject, with AvroJson's own message.
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":1.5"));
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":\"yesterday\""));
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":null"));
      assertSameDecode(
          json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":99999999999999999999"));
      assertSameDecode(json.replaceFirst("\"type\":\"\\w+\"", "\"type\":\"BOGUS\""));
      assertSameDecode(json.replaceFirst("\"payeeType\":\"\\w+\"", "\"payeeType\":7"));
      assertSameDecode(json.replaceFirst("\"amountMinor\":(-?\\d+)", "\"amountMinor\":\"12\""));
      assertSameDecode(json.replaceFirst("\"amountMinor\":(-?\\d+)", "\"amountMinor\":12.0"));
      assertSameDecode(json.replaceFirst(",\"currency\":\"([^\"\\\\]|\\\\.)*\"", ""));
      assertSameDecode(json.replaceFirst("\"mcc\":(null|\"([^\"\\\\]|\\\\.)*\")", "\"mcc\":[1]"));
      assertSameDecode(json.replaceFirst("\"payerId\":", "\"payerId\":null,\"y\":"));
      assertSameDecode(json + " trailing");
      assertSameDecode(json + " {}");
      assertSameDecode(json.substring(0, random.nextInt(json.length())));
    }
    for (String odd :
        new String[] {
          "",
          " ",
          "null",
          "[]",
          "42",
          "\"s\"",
          "{}",
          "{",
          "{\"transactionId\":}",
          "{\"transactionId\":\"t\"",
          "{\"memo\":\"\\ud800\"}",
          "{\"transactionId\":\"\\u0000\\\"\\\\\\/\\b\\f\\n\\r\\t\\uD83D\\uDE00\"}"
        }) {
      assertSameDecode(odd);
    }
  }

  @Test
  void decodesUnicodeAndEscapes() {
    String json =
        "{\"transactionId\":\"t\\u00e9\\uD83D\\uDE00\",\"eventTime\":\"2024-05-01T08:00:00.123Z\",\"type\":\"P2P_TRANSFER\","
            + "\"payerId\":\"p\",\"payeeId\":\"q\",\"payeeType\":\"PERSONAL\",\"amountMinor\":1,\"currency\":\"CNY\","
            + "\"memo\":\"USDT 换汇 \\\"q\\\" \\\\ \\n\\t \\ud800 lone\"}";
    PaymentEvent p = ReplayJson.decodePayment(json);
    assertEquals("té\uD83D\uDE00", p.getTransactionId());
    assertEquals("USDT 换汇 \"q\" \\ \n\t \uD800 lone", p.getMemo());
    assertEquals(null, p.getMerchantName());
    assertEquals(Instant.parse("2024-05-01T08:00:00.123Z"), p.getEventTime());
    assertSameDecode(json);
  }

  /**
   * Decision lines as the replay wrote them before: AvroJson through a Jackson generator on a UTF-8
   * writer.
   */
  private static byte[] viaJackson(List<ScreeningDecision> decisions) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out =
        JsonFactory.builder()
            .build()
            .createGenerator(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
      out.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
      for (ScreeningDecision d : decisions) {
        AvroJson.write(d, out);
      }
      out.writeRaw('\n');
    }
    return bytes.toByteArray();
  }

  @Test
  void encodesDecisionsByteForByteAsAvroJson() throws IOException {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      List<ScreeningDecision> decisions = new ArrayList<>();
      Utf8Buffer mine = new Utf8Buffer(16);
      for (int i = 0; i < 100; i++) {
        ScreeningDecision d = decision(random);
        decisions.add(d);
        Utf8Buffer one = new Utf8Buffer(16);
        ReplayJson.encodeDecision(d, one);
        assertArrayEquals(
            AvroJson.toJson(d).getBytes(StandardCharsets.UTF_8), one.toByteArray(), d.toString());
        ReplayJson.encodeDecision(d, mine);
        mine.ascii('\n');
      }
      assertArrayEquals(viaJackson(decisions), mine.toByteArray());
    }
  }

  /**
   * What {@link ReplayJson#canonicalPayment} says of a line (read from the middle of a larger
   * buffer), checked: a payment only for a line that is exactly that payment's {@link AvroJson}
   * bytes, which AvroJson reads back as the same payment.
   */
  private static final ReplayJson.Strings STRINGS = new ReplayJson.Strings();

  private static PaymentEvent canonical(byte[] line) {
    byte[] buffer = new byte[line.length + 6];
    Arrays.fill(buffer, (byte) '}');
    System.arraycopy(line, 0, buffer, 3, line.length);
    // One cache for every line, as a reader has: repeated values come from it, others replace them.
    PaymentEvent p = ReplayJson.canonicalPayment(buffer, 3, 3 + line.length, STRINGS);
    if (p != null) {
      String text = new String(line, StandardCharsets.UTF_8);
      assertArrayEquals(AvroJson.toJson(p).getBytes(StandardCharsets.UTF_8), line, text);
      assertEquals(AvroJson.fromJson(text, PaymentEvent.class), p, text);
    }
    return p;
  }

  private static String clean(String s) {
    return s == null ? null : s.replaceAll("[\\x00-\\x1f\"\\\\]", "");
  }

  /** The payment with every character its JSON would escape taken out of its strings. */
  private static PaymentEvent withoutEscapes(PaymentEvent p) {
    return new PaymentEvent(
        clean(p.getTransactionId()),
        p.getEventTime(),
        p.getType(),
        clean(p.getPayerId()),
        clean(p.getPayeeId()),
        p.getPayeeType(),
        p.getAmountMinor(),
        clean(p.getCurrency()),
        clean(p.getMerchantName()),
        clean(p.getMcc()),
        clean(p.getMemo()),
        clean(p.getChannel()),
        clean(p.getDeviceId()));
  }

  @Test
  void readsCanonicalLinesAsAvroJsonAndCopiesThem() {
    Random random = new Random(13);
    int canonical = 0;
    for (int i = 0; i < 20_000; i++) {
      ScreeningDecision d = decision(random);
      PaymentEvent payment = payment(random, false);
      if (random.nextInt(4) > 0) {
        payment = withoutEscapes(payment);
        payment.setAmountMinor(random.nextLong() % 1_000_000_000_000_000_000L);
      }
      d.setPayment(payment);
      String json = AvroJson.toJson(payment);
      byte[] line = json.getBytes(StandardCharsets.UTF_8);
      // Canonical unless a string needed an escape or a number has more than 18 digits.
      boolean expected =
          !json.contains("\\")
              && Math.abs(payment.getAmountMinor()) < 1_000_000_000_000_000_000L
              && payment.getAmountMinor() != Long.MIN_VALUE;
      PaymentEvent read = canonical(line);
      assertEquals(expected, read != null, json);
      if (read != null) {
        canonical++;
        assertEquals(payment, read);
        Utf8Buffer encoded = new Utf8Buffer(16);
        ReplayJson.encodeDecision(d, encoded);
        Utf8Buffer copied = new Utf8Buffer(16);
        ReplayJson.encodeDecision(d, line, copied);
        assertArrayEquals(encoded.toByteArray(), copied.toByteArray(), json);
      }
    }
    assertTrue(canonical > 10_000, "canonical lines: " + canonical);
  }

  @Test
  void shouldWriteNumbersAsLongToStringDoes() {
    Random random = new Random(31);
    List<Long> values =
        new ArrayList<>(
            List.of(
                0L,
                9L,
                10L,
                -1L,
                -10L,
                99L,
                100L,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Long.MIN_VALUE + 1));
    for (int i = 0; i < 10_000; i++) {
      values.add(random.nextLong() >> random.nextInt(64));
    }
    for (long v : values) {
      Utf8Buffer out = new Utf8Buffer(1);
      out.number(v);
      assertEquals(Long.toString(v), new String(out.toByteArray(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void shouldShareARepeatedValuesStringAndReadEveryOtherAfresh() {
    String template =
        "{\"transactionId\":\"t\",\"eventTime\":5,\"type\":\"P2P_TRANSFER\",\"payerId\":\"p\",\"payeeId\":\"q\","
            + "\"payeeType\":\"PERSONAL\",\"amountMinor\":1,\"currency\":\"CNY\",\"merchantName\":\"NAME\",\"mcc\":null,"
            + "\"memo\":null,\"channel\":\"app\",\"deviceId\":null}";
    ReplayJson.Strings strings = new ReplayJson.Strings();
    byte[] first = template.replace("NAME", "盒马鲜生").getBytes(StandardCharsets.UTF_8);
    byte[] second = template.replace("NAME", "盒马鲜生").getBytes(StandardCharsets.UTF_8);
    byte[] other = template.replace("NAME", "盒马鲜").getBytes(StandardCharsets.UTF_8);
    PaymentEvent a = ReplayJson.canonicalPayment(first, 0, first.length, strings);
    PaymentEvent b = ReplayJson.canonicalPayment(second, 0, second.length, strings);
    PaymentEvent c = ReplayJson.canonicalPayment(other, 0, other.length, strings);
    assertSame(a.getMerchantName(), b.getMerchantName());
    assertSame(a.getCurrency(), c.getCurrency());
    assertEquals("盒马鲜生", b.getMerchantName());
    assertEquals("盒马鲜", c.getMerchantName());
  }

  @Test
  void readsOnlyCanonicalNumbers() {
    String template =
        AvroJson.toJson(
                new PaymentEvent(
                    "t",
                    Instant.ofEpochMilli(5),
                    PaymentType.P2P_TRANSFER,
                    "p",
                    "q",
                    PayeeType.PERSONAL,
                    0L,
                    "CNY",
                    null,
                    null,
                    "数字 \uD83D\uDE00",
                    null,
                    null))
            .replace("\"amountMinor\":0", "\"amountMinor\":AMOUNT");
    String[] canonicalNumbers = {"0", "7", "-7", "10", "999999999999999999", "-999999999999999999"};
    for (String n : canonicalNumbers) {
      PaymentEvent p = canonical(template.replace("AMOUNT", n).getBytes(StandardCharsets.UTF_8));
      assertEquals(Long.parseLong(n), p.getAmountMinor(), n);
    }
    String[] others = {
      "-0",
      "00",
      "01",
      "-01",
      "1000000000000000000",
      "9223372036854775807",
      "-9223372036854775808",
      "9223372036854775808",
      "1e3",
      "1.0",
      "+1",
      "-",
      "",
      " 1",
      "\"1\"",
      "null"
    };
    for (String n : others) {
      assertNull(canonical(template.replace("AMOUNT", n).getBytes(StandardCharsets.UTF_8)), n);
    }
  }

  /**
   * What {@link ReplayJson#canonicalQuote} says of a line (from the middle of a larger buffer),
   * checked: a quote only where {@link AvroJson} reads the same quote.
   */
  private static CryptoQuote canonicalQuote(String text) {
    byte[] line = text.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[line.length + 6];
    Arrays.fill(buffer, (byte) '9');
    System.arraycopy(line, 0, buffer, 3, line.length);
    CryptoQuote q = ReplayJson.canonicalQuote(buffer, 3, 3 + line.length);
    if (q != null) {
      assertEquals(AvroJson.fromJson(text, CryptoQuote.class), q, text);
    }
    return q;
  }

  @Test
  void shouldReadQuotesAsAvroJsonDoes() {
    Random random = new Random(23);
    int fast = 0;
    for (int i = 0; i < 20_000; i++) {
      double price =
          switch (random.nextInt(4)) {
            case 0 -> Math.round(random.nextDouble() * 1e8) / 100.0;
            case 1 -> Math.round(random.nextDouble() * 1e6) / 1e4;
            case 2 -> random.nextInt(1_000);
            default -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 10);
          };
      CryptoQuote quote =
          new CryptoQuote(
              random.nextBoolean() ? "USDT/CNY" : "币/CNY",
              price,
              Instant.ofEpochMilli(random.nextLong() >>> 20));
      if (canonicalQuote(AvroJson.toJson(quote)) != null) {
        fast++;
      }
    }
    assertTrue(fast > 10_000, "fast: " + fast);
  }

  @Test
  void shouldLeaveAnyOtherPriceToTheGeneralDecoder() {
    String template = "{\"pair\":\"USDT/CNY\",\"price\":PRICE,\"eventTime\":1767567600000}";
    String[] read = {
      "7",
      "0",
      "7.1872",
      "7.10",
      "0.5",
      "616838.32",
      "123456789012345678.5",
      "1.00000000000000000000000000000001"
    };
    for (String price : read) {
      CryptoQuote q = canonicalQuote(template.replace("PRICE", price));
      assertEquals(Double.parseDouble(price), q.getPrice(), price);
    }
    String[] others = {
      "-7.5",
      "-0",
      "-0.0",
      "07",
      "00.5",
      "1e3",
      "1.5E-3",
      "1.",
      ".5",
      "+1",
      "",
      "\"7\"",
      "null",
      "1234567890123456789",
      "1." + "0".repeat(40),
      "NaN",
      "7 "
    };
    for (String price : others) {
      assertNull(canonicalQuote(template.replace("PRICE", price)), price);
    }
    assertNull(canonicalQuote("{\"pair\":\"USDT/CNY\",\"eventTime\":1767567600000,\"price\":7}"));
    assertNull(
        canonicalQuote("{\"pair\":\"USDT/CNY\",\"price\":7,\"eventTime\":1767567600000,\"x\":1}"));
  }

  @Test
  void aMutatedQuoteIsReadOnlyAsAvroJsonReadsIt() {
    Random random = new Random(29);
    for (int i = 0; i < 30_000; i++) {
      byte[] line =
          AvroJson.toJson(
                  new CryptoQuote(
                      "USDT/CNY",
                      Math.round(random.nextDouble() * 1e6) / 1e4,
                      Instant.ofEpochMilli(random.nextInt())))
              .getBytes(StandardCharsets.UTF_8);
      int at = random.nextInt(line.length);
      line[at] = MUTATIONS[random.nextInt(MUTATIONS.length)];
      String text = new String(line, StandardCharsets.UTF_8);
      byte[] buffer = Arrays.copyOf(line, line.length);
      CryptoQuote q = ReplayJson.canonicalQuote(buffer, 0, buffer.length);
      if (q != null) {
        assertEquals(AvroJson.fromJson(text, CryptoQuote.class), q, text);
      }
    }
  }

  private static final byte[] MUTATIONS = {
    '"',
    '\\',
    ',',
    ':',
    '{',
    '}',
    ' ',
    '0',
    '9',
    '-',
    'a',
    'n',
    0x00,
    0x1f,
    0x7f,
    (byte) 0x80,
    (byte) 0xbf,
    (byte) 0xc0,
    (byte) 0xc1,
    (byte) 0xc2,
    (byte) 0xe0,
    (byte) 0xed,
    (byte) 0xef,
    (byte) 0xf0,
    (byte) 0xf4,
    (byte) 0xf5,
    (byte) 0xff
  };

  @Test
  void aMutatedLineIsCanonicalOnlyIfItIsExactlyAPaymentsJson() {
    Random random = new Random(17);
    for (int i = 0; i < 50_000; i++) {
      byte[] line = AvroJson.toJson(payment(random, false)).getBytes(StandardCharsets.UTF_8);
      for (int m = 1 + random.nextInt(2); m > 0 && line.length > 0; m--) {
        int at = random.nextInt(line.length);
        byte b = MUTATIONS[random.nextInt(MUTATIONS.length)];
        line =
            switch (random.nextInt(4)) {
              case 0 -> {
                byte[] shorter = new byte[line.length - 1];
                System.arraycopy(line, 0, shorter, 0, at);
                System.arraycopy(line, at + 1, shorter, at, line.length - at - 1);
                yield shorter;
              }
              case 1 -> {
                byte[] longer = new byte[line.length + 1];
                System.arraycopy(line, 0, longer, 0, at);
                longer[at] = b;
                System.arraycopy(line, at, longer, at + 1, line.length - at);
                yield longer;
              }
              case 2 -> {
                line[at] = b;
                yield line;
              }
              default -> Arrays.copyOf(line, at);
            };
      }
      canonical(line);
    }
  }

  /** Whether {@code b[0..n)} is one character in well-formed UTF-8, by the JDK's strict decoder. */
  private static boolean oneCharacter(byte[] b, int n) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, 0, n))
              .toString();
      return s.codePointCount(0, s.length()) == 1;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void wellFormedUtf8AsTheJdkDecodesIt() {
    Random random = new Random(19);
    byte[] b = new byte[4];
    for (int i = 0; i < 300_000; i++) {
      b[0] = (byte) (0x80 + random.nextInt(0x80));
      for (int k = 1; k < 4; k++) {
        // Mostly continuation bytes, so that long sequences come up.
        b[k] = (byte) (random.nextInt(4) > 0 ? 0x80 + random.nextInt(0x40) : random.nextInt(256));
      }
      int to = 1 + random.nextInt(4);
      int expected = -1;
      for (int n = 2; n <= to; n++) {
        if (oneCharacter(b, n)) {
          expected = n;
          break;
        }
      }
      assertEquals(
          expected, ReplayJson.wellFormedEnd(b, 0, to), Arrays.toString(Arrays.copyOf(b, to)));
    }
  }

  @Test
  void rejectsAnUnfitDecisionAsAvroJson() {
    Random random = new Random(3);
    ScreeningDecision d = decision(random);
    d.setConfigVersion(null);
    IllegalArgumentException expected =
        assertThrows(IllegalArgumentException.class, () -> AvroJson.toJson(d));
    IllegalArgumentException actual =
        assertThrows(
            IllegalArgumentException.class, () -> ReplayJson.encodeDecision(d, new Utf8Buffer(16)));
    assertEquals(expected.getMessage(), actual.getMessage());

    ScreeningDecision e = decision(random);
    e.getPayment().setPayerId(null);
    assertEquals(
        assertThrows(IllegalArgumentException.class, () -> AvroJson.toJson(e)).getMessage(),
        assertThrows(
                IllegalArgumentException.class,
                () -> ReplayJson.encodeDecision(e, new Utf8Buffer(16)))
            .getMessage());
  }
}
