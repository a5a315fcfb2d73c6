package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay's hand-written payment decoder and decision encoder, held to {@link AvroJson}. */
class ReplayJsonTest {
  private static final String[] PIECES = {
    "a", "Z", "0", " ", "/", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001", "\u001f", "\u007f",
    "é", "数字", "USDT", "盒马鲜生(徐家汇店)", "\u2028", "\uD83D\uDE00", "'", "{", "}", "[", ":", ","
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
        random.nextBoolean() ? null : PolicyCategory.values()[random.nextInt(PolicyCategory.values().length)],
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
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":\"2026-01-05T00:00:01.553Z\""));
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":\"2026-01-05T08:00:01+08:00\""));
      assertSameDecode(json.replaceFirst("\\{", "{\"extra\":{\"a\":[1,{\"b\":null}]},\"crypto\":true,"));
      assertSameDecode(json.replaceFirst(",\"memo\":(null|\"([^\"\\\\]|\\\\.)*\")", ""));
      assertSameDecode(json.replace("\"currency\"", "\"x\":1,\"currency\""));
      assertSameDecode("{\"transactionId\":\"dup\"," + json.substring(1));
      // And what it must reject, with AvroJson's own message.
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":1.5"));
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":\"yesterday\""));
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":null"));
      assertSameDecode(json.replaceFirst("\"eventTime\":(-?\\d+)", "\"eventTime\":99999999999999999999"));
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
          "", " ", "null", "[]", "42", "\"s\"", "{}", "{", "{\"transactionId\":}", "{\"transactionId\":\"t\"",
          "{\"memo\":\"\\ud800\"}", "{\"transactionId\":\"\\u0000\\\"\\\\\\/\\b\\f\\n\\r\\t\\uD83D\\uDE00\"}"
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

  /** Decision lines as the replay wrote them before: AvroJson through a Jackson generator on a UTF-8 writer. */
  private static byte[] viaJackson(List<ScreeningDecision> decisions) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out =
        JsonFactory.builder().build().createGenerator(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
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
        assertArrayEquals(AvroJson.toJson(d).getBytes(StandardCharsets.UTF_8), one.toByteArray(), d.toString());
        ReplayJson.encodeDecision(d, mine);
        mine.ascii('\n');
      }
      assertArrayEquals(viaJackson(decisions), mine.toByteArray());
    }
  }

  @Test
  void rejectsAnUnfitDecisionAsAvroJson() {
    Random random = new Random(3);
    ScreeningDecision d = decision(random);
    d.setConfigVersion(null);
    IllegalArgumentException expected = assertThrows(IllegalArgumentException.class, () -> AvroJson.toJson(d));
    IllegalArgumentException actual =
        assertThrows(IllegalArgumentException.class, () -> ReplayJson.encodeDecision(d, new Utf8Buffer(16)));
    assertEquals(expected.getMessage(), actual.getMessage());

    ScreeningDecision e = decision(random);
    e.getPayment().setPayerId(null);
    assertEquals(
        assertThrows(IllegalArgumentException.class, () -> AvroJson.toJson(e)).getMessage(),
        assertThrows(IllegalArgumentException.class, () -> ReplayJson.encodeDecision(e, new Utf8Buffer(16)))
            .getMessage());
  }
}
