package io.screener.topology;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreenerConfig;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Checks reputation and quote records as they are read. A record that decodes but is unusable
 * (blank id, risk score outside 0-100, negative report count, a price that is not a positive
 * number) fails deserialization, so it takes the same road as an undecodable one: the
 * deserialization handler sends it to the dead-letter topic and the feed goes on. The replay applies
 * the same checks to its feed files.
 */
public final class FeedValidation {
  private FeedValidation() {}

  static Serde<MerchantReputation> merchants(Serde<MerchantReputation> serde) {
    return validated(serde, "MerchantReputation", FeedValidation::problem);
  }

  static Serde<CounterpartyReputation> counterparties(Serde<CounterpartyReputation> serde) {
    return validated(serde, "CounterpartyReputation", FeedValidation::problem);
  }

  static Serde<CryptoQuote> quotes(Serde<CryptoQuote> serde) {
    return validated(serde, "CryptoQuote", FeedValidation::problem);
  }

  /** What makes the record unusable, or null. */
  public static String problem(MerchantReputation m) {
    if (m.getMerchantId().isBlank()) {
      return "merchantId is missing";
    }
    return risk(m.getRiskScore());
  }

  /** What makes the record unusable, or null. */
  public static String problem(CounterpartyReputation c) {
    if (c.getAccountId().isBlank()) {
      return "accountId is missing";
    }
    if (c.getReports() < 0) {
      return "reports must not be negative, was " + c.getReports();
    }
    return risk(c.getRiskScore());
  }

  /** What makes the record unusable, or null. */
  public static String problem(CryptoQuote q) {
    if (q.getPair().isBlank()) {
      return "pair is missing";
    }
    double price = q.getPrice();
    return price > 0 && !Double.isInfinite(price) ? null : "price must be a positive number, was " + price;
  }

  /** Verdicts: a record with no value is unusable too (the topic is not a table). */
  static Serde<ReviewVerdict> verdicts(Serde<ReviewVerdict> serde) {
    Serde<ReviewVerdict> checked = validated(serde, "ReviewVerdict", FeedValidation::problem);
    Deserializer<ReviewVerdict> inner = checked.deserializer();
    Deserializer<ReviewVerdict> present =
        (topic, bytes) -> {
          if (bytes == null) {
            throw new SerializationException("invalid ReviewVerdict: record has no value");
          }
          return inner.deserialize(topic, bytes);
        };
    return Serdes.serdeFrom(checked.serializer(), present);
  }

  /**
   * Rules documents: a document is usable only if it parses into rules (every key present and in
   * range, its lists readable) and names the version its content produces.
   */
  static Serde<RulesUpdate> rules(Serde<ScreenerConfig> serde) {
    Deserializer<ScreenerConfig> inner = serde.deserializer();
    Deserializer<RulesUpdate> parsing =
        (topic, bytes) -> {
          ScreenerConfig doc = inner.deserialize(topic, bytes);
          if (doc == null) {
            return null;
          }
          try {
            return RulesUpdate.of(doc);
          } catch (RuntimeException e) {
            throw new SerializationException("invalid ScreenerConfig " + doc.getVersion() + ": " + e.getMessage(), e);
          }
        };
    Serializer<ScreenerConfig> docs = serde.serializer();
    Serializer<RulesUpdate> writing = (topic, update) -> update == null ? null : docs.serialize(topic, update.document());
    return Serdes.serdeFrom(writing, parsing);
  }

  /** What makes the record unusable, or null. */
  public static String problem(ReviewVerdict v) {
    if (v.getTransactionId().isBlank()) {
      return "transactionId is missing";
    }
    return v.getAnalyst().isBlank() ? "analyst is missing" : null;
  }

  private static String risk(int score) {
    return score >= 0 && score <= 100 ? null : "riskScore must be 0-100, was " + score;
  }

  private static <T> Serde<T> validated(Serde<T> serde, String type, Function<T, String> check) {
    Deserializer<T> inner = serde.deserializer();
    Deserializer<T> checking =
        (topic, bytes) -> {
          T value = inner.deserialize(topic, bytes);
          String problem = value == null ? null : check.apply(value);
          if (problem != null) {
            throw new SerializationException("invalid " + type + ": " + problem);
          }
          return value;
        };
    return Serdes.serdeFrom(serde.serializer(), checking);
  }
}
