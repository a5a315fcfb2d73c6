package io.screener.topology;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

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
