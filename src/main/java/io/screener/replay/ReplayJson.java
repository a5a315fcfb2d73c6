package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.PolicyCategory;
import io.screener.avro.Reason;
import io.screener.avro.ScreeningDecision;
import io.screener.serialization.AvroJson;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The replay's hot-path JSON: a decoder for {@link PaymentEvent} lines and an encoder for {@link
 * ScreeningDecision} lines, written by hand for the two record types a replay handles a million
 * times. Both are held to {@link AvroJson} (same records, same bytes; see ReplayJsonTest): anything
 * the fast path does not handle exactly as it does (a wrong type, a missing required field, bad
 * JSON, an unknown enum symbol, a null where one is not allowed) is handed to {@link AvroJson}
 * itself, so the result and every error message are its own.
 */
final class ReplayJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Map<String, PaymentType> PAYMENT_TYPES = new HashMap<>();
  private static final Map<String, PayeeType> PAYEE_TYPES = new HashMap<>();

  static {
    for (PaymentType t : PaymentType.values()) {
      PAYMENT_TYPES.put(t.name(), t);
    }
    for (PayeeType t : PayeeType.values()) {
      PAYEE_TYPES.put(t.name(), t);
    }
  }

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

  /** Decodes a payment; throws {@link IllegalArgumentException} exactly as {@link AvroJson#fromJson}. */
  static PaymentEvent decodePayment(String json) {
    PaymentEvent payment = payment(json);
    return payment != null ? payment : AvroJson.fromJson(json, PaymentEvent.class);
  }

  /** The payment a well-formed line holds, or null for anything else (the slow path decides). */
  private static PaymentEvent payment(String json) {
    String transactionId = null;
    long eventTime = 0;
    boolean hasEventTime = false;
    PaymentType type = null;
    String payerId = null;
    String payeeId = null;
    PayeeType payeeType = null;
    long amountMinor = 0;
    boolean hasAmount = false;
    String currency = null;
    String merchantName = null;
    String mcc = null;
    String memo = null;
    String channel = null;
    String deviceId = null;
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = in.nextToken()) == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        t = in.nextToken();
        switch (name) {
          case "transactionId":
            if (t != JsonToken.VALUE_STRING) {
              return null;
            }
            transactionId = in.getText();
            break;
          case "eventTime":
            if (t == JsonToken.VALUE_NUMBER_INT && in.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
              eventTime = in.getLongValue();
            } else if (t == JsonToken.VALUE_STRING) {
              try {
                eventTime = DateTimeFormatter.ISO_INSTANT.parse(in.getText(), Instant::from).toEpochMilli();
              } catch (DateTimeException | ArithmeticException e) {
                return null;
              }
            } else {
              return null;
            }
            hasEventTime = true;
            break;
          case "type":
            if (t != JsonToken.VALUE_STRING || (type = PAYMENT_TYPES.get(in.getText())) == null) {
              return null;
            }
            break;
          case "payerId":
            if (t != JsonToken.VALUE_STRING) {
              return null;
            }
            payerId = in.getText();
            break;
          case "payeeId":
            if (t != JsonToken.VALUE_STRING) {
              return null;
            }
            payeeId = in.getText();
            break;
          case "payeeType":
            if (t != JsonToken.VALUE_STRING || (payeeType = PAYEE_TYPES.get(in.getText())) == null) {
              return null;
            }
            break;
          case "amountMinor":
            if (t != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              return null;
            }
            amountMinor = in.getLongValue();
            hasAmount = true;
            break;
          case "currency":
            if (t != JsonToken.VALUE_STRING) {
              return null;
            }
            currency = in.getText();
            break;
          case "merchantName":
            if (!optional(t)) {
              return null;
            }
            merchantName = t == JsonToken.VALUE_NULL ? null : in.getText();
            break;
          case "mcc":
            if (!optional(t)) {
              return null;
            }
            mcc = t == JsonToken.VALUE_NULL ? null : in.getText();
            break;
          case "memo":
            if (!optional(t)) {
              return null;
            }
            memo = t == JsonToken.VALUE_NULL ? null : in.getText();
            break;
          case "channel":
            if (!optional(t)) {
              return null;
            }
            channel = t == JsonToken.VALUE_NULL ? null : in.getText();
            break;
          case "deviceId":
            if (!optional(t)) {
              return null;
            }
            deviceId = t == JsonToken.VALUE_NULL ? null : in.getText();
            break;
          default:
            if (t == null) {
              return null;
            }
            in.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || in.nextToken() != null) {
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (transactionId == null
        || !hasEventTime
        || type == null
        || payerId == null
        || payeeId == null
        || payeeType == null
        || !hasAmount
        || currency == null) {
      return null;
    }
    return new PaymentEvent(
        transactionId,
        Instant.ofEpochMilli(eventTime),
        type,
        payerId,
        payeeId,
        payeeType,
        amountMinor,
        currency,
        merchantName,
        mcc,
        memo,
        channel,
        deviceId);
  }

  private static boolean optional(JsonToken t) {
    return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Appends a decision as one line of UTF-8 JSON (without the newline), byte for byte what {@link
   * AvroJson#write} through a UTF-8 writer gives; throws {@link IllegalArgumentException} as it does
   * for a decision that does not fit the schema.
   */
  static void encodeDecision(ScreeningDecision d, Utf8Buffer out) {
    if (!encodable(d)) {
      out.appendJsonText(AvroJson.toJson(d));
      return;
    }
    out.ascii("{\"transactionId\":");
    out.string(d.getTransactionId());
    out.ascii(",\"decision\":\"");
    out.ascii(d.getDecision().name());
    out.ascii("\",\"score\":");
    out.number(d.getScore());
    out.ascii(",\"category\":");
    PolicyCategory category = d.getCategory();
    if (category == null) {
      out.ascii("null");
    } else {
      out.ascii('"');
      out.ascii(category.name());
      out.ascii('"');
    }
    out.ascii(",\"reasons\":[");
    List<Reason> reasons = d.getReasons();
    for (int i = 0, n = reasons.size(); i < n; i++) {
      Reason r = reasons.get(i);
      out.ascii(i == 0 ? "{\"code\":" : ",{\"code\":");
      out.string(r.getCode());
      out.ascii(",\"points\":");
      out.number(r.getPoints());
      out.ascii(",\"detail\":");
      out.string(r.getDetail());
      out.ascii('}');
    }
    PaymentEvent p = d.getPayment();
    out.ascii("],\"payment\":{\"transactionId\":");
    out.string(p.getTransactionId());
    out.ascii(",\"eventTime\":");
    out.number(p.getEventTime().toEpochMilli());
    out.ascii(",\"type\":\"");
    out.ascii(p.getType().name());
    out.ascii("\",\"payerId\":");
    out.string(p.getPayerId());
    out.ascii(",\"payeeId\":");
    out.string(p.getPayeeId());
    out.ascii(",\"payeeType\":\"");
    out.ascii(p.getPayeeType().name());
    out.ascii("\",\"amountMinor\":");
    out.number(p.getAmountMinor());
    out.ascii(",\"currency\":");
    out.string(p.getCurrency());
    out.ascii(",\"merchantName\":");
    out.stringOrNull(p.getMerchantName());
    out.ascii(",\"mcc\":");
    out.stringOrNull(p.getMcc());
    out.ascii(",\"memo\":");
    out.stringOrNull(p.getMemo());
    out.ascii(",\"channel\":");
    out.stringOrNull(p.getChannel());
    out.ascii(",\"deviceId\":");
    out.stringOrNull(p.getDeviceId());
    out.ascii("},\"configVersion\":");
    out.string(d.getConfigVersion());
    out.ascii(",\"decidedAt\":");
    out.number(d.getDecidedAt().toEpochMilli());
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
    return p != null
        && p.getTransactionId() != null
        && p.getEventTime() != null
        && p.getType() != null
        && p.getPayerId() != null
        && p.getPayeeId() != null
        && p.getPayeeType() != null
        && p.getCurrency() != null;
  }
}
