package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.screener.avro.CryptoQuote;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PolicyCategory;
import io.screener.avro.Reason;
import io.screener.avro.ScreeningDecision;
import io.screener.serialization.AvroJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * The replay's hot-path JSON: a decoder for {@link PaymentEvent} lines and an encoder for {@link
 * ScreeningDecision} lines, for the two record types a replay handles a million times. The
 * payment's fields come from its schema ({@link PaymentShape}), so a schema change needs no change
 * here. Both are held to {@link AvroJson} (same records, same bytes; see ReplayJsonTest): anything
 * the fast path does not handle exactly as it does (a wrong type, a missing required field, bad
 * JSON, an unknown enum symbol, a null where one is not allowed) is handed to {@link AvroJson}
 * itself, so the result and every error message are its own.
 */
final class ReplayJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ReplayJson() {}

  /** Decodes one line as {@link AvroJson#fromJson} does, with a fast path for payments. */
  static <T extends SpecificRecord> T decode(String json, Class<T> type) {
    if (type == PaymentEvent.class) {
      PaymentEvent payment = payment(json);
      if (payment != null) {
        return type.cast(payment);
      }
    }
    return AvroJson.fromJson(json, type);
  }

  /**
   * Decodes a payment; throws {@link IllegalArgumentException} exactly as {@link
   * AvroJson#fromJson}.
   */
  static PaymentEvent decodePayment(String json) {
    PaymentEvent payment = payment(json);
    return payment != null ? payment : AvroJson.fromJson(json, PaymentEvent.class);
  }

  /**
   * The payment a well-formed line holds, or null for anything else (the slow path decides): each
   * member read by its field's kind in {@link PaymentShape}, unknown members skipped, every
   * required field present.
   */
  private static @Nullable PaymentEvent payment(String json) {
    PaymentEvent payment = new PaymentEvent();
    long seen = 0;
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = in.nextToken()) == JsonToken.FIELD_NAME) {
        PaymentShape.Field field = PaymentShape.field(in.currentName());
        t = in.nextToken();
        if (field == null) {
          if (t == null) {
            return null;
          }
          in.skipChildren();
          continue;
        }
        Object value = value(in, t, field);
        if (value == INVALID) {
          return null;
        }
        payment.put(field.position(), value);
        seen |= 1L << field.position();
      }
      if (t != JsonToken.END_OBJECT || in.nextToken() != null) {
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return (seen & REQUIRED_FIELDS) == REQUIRED_FIELDS ? payment : null;
  }

  /** Marks a member whose value does not fit its field. */
  private static final Object INVALID = new Object();

  /** The fields a payment line must have, as bits by position (the schema has fewer than 64). */
  private static final long REQUIRED_FIELDS = requiredFields();

  private static long requiredFields() {
    if (PaymentShape.FIELDS.size() > 63) {
      throw new IllegalStateException(
          "PaymentEvent has more than 63 fields: widen ReplayJson's field bits");
    }
    long bits = 0;
    for (PaymentShape.Field f : PaymentShape.FIELDS) {
      if (f.required()) {
        bits |= 1L << f.position();
      }
    }
    return bits;
  }

  private static @Nullable Object value(JsonParser in, JsonToken t, PaymentShape.Field field)
      throws IOException {
    switch (field.kind()) {
      case STRING:
        return t == JsonToken.VALUE_STRING ? in.getText() : INVALID;
      case OPTIONAL_STRING:
        return t == JsonToken.VALUE_NULL
            ? null
            : t == JsonToken.VALUE_STRING ? in.getText() : INVALID;
      case LONG:
        return t == JsonToken.VALUE_NUMBER_INT
                && in.getNumberType() != JsonParser.NumberType.BIG_INTEGER
            ? (Object) in.getLongValue()
            : INVALID;
      case TIMESTAMP:
        if (t == JsonToken.VALUE_NUMBER_INT
            && in.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return Instant.ofEpochMilli(in.getLongValue());
        }
        if (t == JsonToken.VALUE_STRING) {
          try {
            return Instant.ofEpochMilli(
                DateTimeFormatter.ISO_INSTANT.parse(in.getText(), Instant::from).toEpochMilli());
          } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
          }
        }
        return INVALID;
      case ENUM:
        if (t == JsonToken.VALUE_STRING) {
          String text = in.getText();
          for (Enum<?> symbol :
              Objects.requireNonNull(field.symbols(), "an enum field's symbols")) {
            if (symbol.name().equals(text)) {
              return symbol;
            }
          }
        }
        return INVALID;
      default:
        throw new IllegalStateException(field.kind().name());
    }
  }

  // ------------------------------------------------------- canonical payment lines

  private static final PaymentShape.Field[] PAYMENT_FIELDS =
      PaymentShape.FIELDS.toArray(new PaymentShape.Field[0]);
  private static final byte[] NULL_BYTES = ascii("null");

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] keys(String... keys) {
    byte[][] bytes = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      bytes[i] = ascii(keys[i]);
    }
    return bytes;
  }

  /**
   * Decodes a payment line that is in its canonical form: exactly the bytes {@link #encodeDecision}
   * writes for a payment (and {@link AvroJson} through a UTF-8 writer), that is every field in
   * schema order, no white space, times and amounts as plain integers, strings without escapes in
   * well-formed UTF-8. Returns null for any other line, which the general decoder ({@link
   * #decodePayment}) then reads; a line both accept decodes to the same payment.
   *
   * <p>Because the form is canonical, a decision can carry the line itself for its payment (see
   * {@link #encodeDecision(ScreeningDecision, byte[], Utf8Buffer)}). The currency, merchant name,
   * MCC and channel, which repeat from payment to payment, come from the reader's {@code strings}
   * when they were seen before.
   */
  static @Nullable PaymentEvent canonicalPayment(byte[] b, int from, int to, Strings strings) {
    Canonical in = new Canonical(b, from, to, strings);
    PaymentEvent payment = new PaymentEvent();
    for (PaymentShape.Field f : PAYMENT_FIELDS) {
      if (!in.key(f.key())) {
        return null;
      }
      Object value;
      switch (f.kind()) {
        case STRING:
          value = f.repeats() ? in.repeated() : in.string();
          break;
        case OPTIONAL_STRING:
          value = f.repeats() ? in.repeatedOrNull() : in.stringOrNull();
          break;
        case LONG:
          value = in.number();
          break;
        case TIMESTAMP:
          value = Instant.ofEpochMilli(in.number());
          break;
        case ENUM:
          int symbol =
              in.symbol(Objects.requireNonNull(f.symbolNames(), "an enum field's symbol names"));
          value =
              symbol < 0
                  ? null
                  : Objects.requireNonNull(f.symbols(), "an enum field's symbols")[symbol];
          break;
        default:
          throw new IllegalStateException(f.kind().name());
      }
      payment.put(f.position(), value);
    }
    return in.end() ? payment : null;
  }

  private static final byte[][] QUOTE_KEYS = keys("{\"pair\":", ",\"price\":", ",\"eventTime\":");

  /**
   * Decodes a quote line in the form the generator and {@link AvroJson} write (fields in schema
   * order, no white space, a non-negative price as a plain decimal without an exponent, the time as
   * a plain integer), or returns null for any other line, which {@link #decode} then reads. Quote
   * files run to tens of thousands of lines: reading them here warms the cursor the payments use
   * instead of compiling the general decoder for a few seconds' use.
   */
  static @Nullable CryptoQuote canonicalQuote(byte[] b, int from, int to) {
    Canonical in = new Canonical(b, from, to, null);
    String pair = in.key(QUOTE_KEYS[0]) ? in.string() : null;
    double price = in.key(QUOTE_KEYS[1]) ? in.decimal() : 0;
    long eventTime = in.key(QUOTE_KEYS[2]) ? in.number() : 0;
    return in.end() ? new CryptoQuote(pair, price, Instant.ofEpochMilli(eventTime)) : null;
  }

  /**
   * A cursor over one line for {@link #canonicalPayment}. The first byte that breaks the form makes
   * it fail, and every read after a failure fails too, so the caller checks once at the end.
   */
  private static final class Canonical {
    private final byte[] b;
    private final int to;
    private final @Nullable Strings strings;
    private int at;
    private boolean failed;

    Canonical(byte[] b, int from, int to, @Nullable Strings strings) {
      this.b = b;
      this.at = from;
      this.to = to;
      this.strings = strings;
    }

    /**
     * Whether the next bytes are {@code key} (a field's name with the comma before it and the
     * colon).
     */
    boolean key(byte[] key) {
      if (!failed && !literal(key)) {
        failed = true;
      }
      return !failed;
    }

    boolean end() {
      if (!failed && at == to - 1 && b[at] == '}') {
        return true;
      }
      failed = true;
      return false;
    }

    private boolean literal(byte[] expected) {
      int n = expected.length;
      if (to - at < n || !Arrays.equals(b, at, at + n, expected, 0, n)) {
        return false;
      }
      at += n;
      return true;
    }

    @Nullable String stringOrNull() {
      if (literal(NULL_BYTES)) {
        return null;
      }
      return string();
    }

    /** A quoted string with no escapes and no control characters, in well-formed UTF-8. */
    @Nullable String string() {
      return string(false);
    }

    /**
     * Likewise, for a field whose values repeat: the same string as last time for the same bytes.
     */
    @Nullable String repeated() {
      return string(true);
    }

    @Nullable String repeatedOrNull() {
      if (literal(NULL_BYTES)) {
        return null;
      }
      return repeated();
    }

    private @Nullable String string(boolean repeats) {
      if (at >= to || b[at] != '"') {
        return fail();
      }
      int start = ++at;
      boolean ascii = true;
      while (at < to) {
        int c = b[at];
        if (c == '"') {
          int end = at++;
          return repeats
              ? Objects.requireNonNull(strings, "the strings of a payment's repeated fields")
                  .of(b, start, end, ascii)
              : Strings.decode(b, start, end, ascii);
        }
        if (c >= 0x20 && c != '\\') {
          at++;
        } else if (c < 0) {
          int next = wellFormedEnd(b, at, to);
          if (next < 0) {
            return fail();
          }
          at = next;
          ascii = false;
        } else {
          return fail();
        }
      }
      return fail();
    }

    /** A long as {@link Long#toString} writes it: no plus sign, no leading zero, no {@code -0}. */
    long number() {
      int start = at;
      boolean negative = at < to && b[at] == '-';
      if (negative) {
        at++;
      }
      int digitsFrom = at;
      long value = 0;
      while (at < to && b[at] >= '0' && b[at] <= '9' && at - digitsFrom < 18) {
        value = value * 10 + (b[at++] - '0');
      }
      int digits = at - digitsFrom;
      boolean canonical =
          digits > 0
              && (at == to || b[at] < '0' || b[at] > '9')
              && (b[digitsFrom] != '0' || (digits == 1 && !negative));
      if (!canonical) {
        at = start;
        fail();
        return 0;
      }
      return negative ? -value : value;
    }

    /**
     * A non-negative JSON number without an exponent ({@code 0}, {@code 7.1872}), parsed as
     * Jackson's {@code getDoubleValue} parses it: both round correctly. Anything else fails, for
     * the general decoder to judge: a sign (JSON's {@code -0} is an integer zero to Jackson, not
     * {@code -0.0}), an exponent, a leading zero, or more than 18 digits before the point.
     */
    double decimal() {
      int start = at;
      while (at < to && b[at] >= '0' && b[at] <= '9') {
        at++;
      }
      int digits = at - start;
      boolean ok = digits > 0 && digits <= 18 && (b[start] != '0' || digits == 1);
      if (ok && at < to && b[at] == '.') {
        int fraction = ++at;
        while (at < to && b[at] >= '0' && b[at] <= '9') {
          at++;
        }
        ok = at > fraction && at - fraction <= 32;
      }
      if (!ok || (at < to && (b[at] == 'e' || b[at] == 'E'))) {
        at = start;
        fail();
        return 0;
      }
      return Double.parseDouble(new String(b, start, at - start, StandardCharsets.ISO_8859_1));
    }

    /** A quoted enum symbol: its index in {@code names}, or -1. */
    int symbol(byte[][] names) {
      if (at >= to || b[at] != '"') {
        fail();
        return -1;
      }
      int start = at + 1;
      int end = start;
      while (end < to && b[end] != '"') {
        end++;
      }
      if (end == to) {
        fail();
        return -1;
      }
      for (int i = 0; i < names.length; i++) {
        byte[] name = names[i];
        if (name.length == end - start && Arrays.equals(b, start, end, name, 0, name.length)) {
          at = end + 1;
          return i;
        }
      }
      fail();
      return -1;
    }

    private @Nullable String fail() {
      failed = true;
      return null;
    }
  }

  /**
   * The strings of fields whose values repeat (currencies, channels, MCCs, merchant names), kept by
   * their bytes in a small direct-mapped cache: a value seen before costs no allocation, and its
   * hash code, once computed, is reused downstream. A slot holds the last value that hashed to it.
   * One per reader; not thread-safe.
   */
  static final class Strings {
    private static final int SLOTS = 1 << 10;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String of(byte[] b, int from, int to, boolean ascii) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + b[i];
      }
      int slot = (h ^ (h >>> 10) ^ (h >>> 20)) & (SLOTS - 1);
      byte[] key = keys[slot];
      if (key != null && Arrays.equals(key, 0, key.length, b, from, to)) {
        return values[slot];
      }
      String value = decode(b, from, to, ascii);
      keys[slot] = Arrays.copyOfRange(b, from, to);
      values[slot] = value;
      return value;
    }

    static String decode(byte[] b, int from, int to, boolean ascii) {
      return new String(
          b, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
  }

  /**
   * Where the UTF-8 sequence that starts at {@code at} (a byte of 0x80 or more) ends, or -1 when it
   * is not well-formed (the Unicode standard's table 3-7: no overlong forms, no surrogates, nothing
   * past U+10FFFF, not cut short). Exactly these sequences decode to characters that encode back to
   * the same bytes.
   */
  static int wellFormedEnd(byte[] b, int at, int to) {
    int lead = b[at] & 0xFF;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        low = 0xA0;
      } else if (lead == 0xED) {
        high = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        low = 0x90;
      } else if (lead == 0xF4) {
        high = 0x8F;
      }
    } else {
      return -1;
    }
    if (to - at < length) {
      return -1;
    }
    int second = b[at + 1] & 0xFF;
    if (second < low || second > high) {
      return -1;
    }
    for (int i = 2; i < length; i++) {
      int next = b[at + i] & 0xFF;
      if (next < 0x80 || next > 0xBF) {
        return -1;
      }
    }
    return at + length;
  }

  // ---------------------------------------------------------------- encoding

  // The fixed parts of a decision line, as bytes.
  private static final byte[] OPEN_TRANSACTION_ID = ascii("{\"transactionId\":");
  private static final byte[] DECISION = ascii(",\"decision\":\"");
  private static final byte[] SCORE = ascii("\",\"score\":");
  private static final byte[] CATEGORY = ascii(",\"category\":");
  private static final byte[] REASONS = ascii(",\"reasons\":[");
  private static final byte[] FIRST_REASON = ascii("{\"code\":");
  private static final byte[] NEXT_REASON = ascii(",{\"code\":");
  private static final byte[] POINTS = ascii(",\"points\":");
  private static final byte[] DETAIL = ascii(",\"detail\":");
  private static final byte[] PAYMENT = ascii("],\"payment\":");
  private static final byte[] CONFIG_VERSION = ascii(",\"configVersion\":");
  private static final byte[] DECIDED_AT = ascii(",\"decidedAt\":");

  /**
   * Appends a decision as one line of UTF-8 JSON (without the newline), byte for byte what {@link
   * AvroJson#write} through a UTF-8 writer gives; throws {@link IllegalArgumentException} as it
   * does for a decision that does not fit the schema.
   */
  static void encodeDecision(ScreeningDecision d, Utf8Buffer out) {
    encodeDecision(d, null, out);
  }

  /**
   * Likewise, with the decision's payment given as its canonical JSON (the line {@link
   * #canonicalPayment} read it from), copied instead of encoded; null to encode it.
   */
  static void encodeDecision(ScreeningDecision d, byte @Nullable [] paymentJson, Utf8Buffer out) {
    if (!encodable(d)) {
      out.appendJsonText(AvroJson.toJson(d));
      return;
    }
    out.raw(OPEN_TRANSACTION_ID);
    out.string(d.getTransactionId());
    out.raw(DECISION);
    out.ascii(d.getDecision().name());
    out.raw(SCORE);
    out.number(d.getScore());
    out.raw(CATEGORY);
    PolicyCategory category = d.getCategory();
    if (category == null) {
      out.raw(NULL_BYTES);
    } else {
      out.ascii('"');
      out.ascii(category.name());
      out.ascii('"');
    }
    out.raw(REASONS);
    List<Reason> reasons = d.getReasons();
    for (int i = 0, n = reasons.size(); i < n; i++) {
      Reason r = reasons.get(i);
      out.raw(i == 0 ? FIRST_REASON : NEXT_REASON);
      out.string(r.getCode());
      out.raw(POINTS);
      out.number(r.getPoints());
      out.raw(DETAIL);
      out.string(r.getDetail());
      out.ascii('}');
    }
    out.raw(PAYMENT);
    if (paymentJson != null) {
      out.raw(paymentJson);
    } else {
      encodePayment(d.getPayment(), out);
    }
    out.raw(CONFIG_VERSION);
    out.string(d.getConfigVersion());
    out.raw(DECIDED_AT);
    out.number(d.getDecidedAt().toEpochMilli());
    out.ascii('}');
  }

  /**
   * A payment in its canonical JSON form: each field of {@link PaymentShape} in the schema's order.
   */
  private static void encodePayment(PaymentEvent p, Utf8Buffer out) {
    for (PaymentShape.Field f : PAYMENT_FIELDS) {
      out.raw(f.key());
      Object value = p.get(f.position());
      switch (f.kind()) {
        case STRING:
          out.string((String) value);
          break;
        case OPTIONAL_STRING:
          out.stringOrNull((String) value);
          break;
        case LONG:
          out.number((Long) value);
          break;
        case TIMESTAMP:
          out.number(((Instant) value).toEpochMilli());
          break;
        case ENUM:
          out.ascii('"');
          out.ascii(((Enum<?>) value).name());
          out.ascii('"');
          break;
        default:
          throw new IllegalStateException(f.kind().name());
      }
    }
    out.ascii('}');
  }

  /** Whether every required value is present (else the slow path names the problem). */
  private static boolean encodable(ScreeningDecision d) {
    if (d.getTransactionId() == null
        || d.getDecision() == null
        || d.getReasons() == null
        || d.getConfigVersion() == null
        || d.getDecidedAt() == null) {
      return false;
    }
    for (Reason r : d.getReasons()) {
      if (r == null || r.getCode() == null || r.getDetail() == null) {
        return false;
      }
    }
    PaymentEvent p = d.getPayment();
    if (p == null) {
      return false;
    }
    for (PaymentShape.Field f : PAYMENT_FIELDS) {
      if (f.required() && p.get(f.position()) == null) {
        return false;
      }
    }
    return true;
  }
}
