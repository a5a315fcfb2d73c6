package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreenerConfig;
import io.screener.screening.PaymentValidation;
import io.screener.screening.RulesUpdate;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Checks every record the screener reads besides payments (reputation, quotes, verdicts, account
 * actions, rules documents) as it is decoded, in one place. A record that decodes but is unusable
 * (a blank or over-long id or text, a risk score outside 0-100, a negative report count, a price
 * that is not a positive number, a time more than {@code validation.max-future-skew} ahead of now
 * or, for quotes and account actions, before {@code validation.earliest-event-time}; a reputation
 * entry's {@code updatedAt} may be 0, "unknown") fails deserialization, so it takes the same road
 * as an undecodable one: the deserialization handler sends it to the dead-letter topic with the
 * reason and the feed goes on. The replay applies the same checks to its feed files.
 */
public final class FeedValidation {
  /** Longest currency pair name ("USDT/CNY" is 8). */
  static final int MAX_PAIR_CHARS = 32;

  private final PaymentValidation bounds;
  private final LongSupplier clock;

  /**
   * @param bounds the time and length limits of {@code validation.*}
   * @param clock now, for the future bound
   */
  public FeedValidation(PaymentValidation bounds, LongSupplier clock) {
    this.bounds = bounds;
    this.clock = clock;
  }

  Serde<MerchantReputation> merchants(Serde<MerchantReputation> serde) {
    return validated(serde, "MerchantReputation", this::problem);
  }

  Serde<CounterpartyReputation> counterparties(Serde<CounterpartyReputation> serde) {
    return validated(serde, "CounterpartyReputation", this::problem);
  }

  Serde<CryptoQuote> quotes(Serde<CryptoQuote> serde) {
    return validated(serde, "CryptoQuote", this::problem);
  }

  Serde<AccountAction> actions(Serde<AccountAction> serde) {
    return validated(serde, "AccountAction", this::problem);
  }

  /** What makes the record unusable, or null. */
  public @Nullable String problem(MerchantReputation m) {
    String problem = id("merchantId", m.getMerchantId());
    if (problem == null) {
      problem = bounds.shortText("source", m.getSource());
    }
    if (problem == null) {
      problem = bounds.ahead("updatedAt", m.getUpdatedAt(), clock.getAsLong());
    }
    return problem != null ? problem : risk(m.getRiskScore());
  }

  /** What makes the record unusable, or null. */
  public @Nullable String problem(CounterpartyReputation c) {
    String problem = id("accountId", c.getAccountId());
    if (problem != null) {
      return problem;
    }
    if (c.getReports() < 0) {
      return "reports must not be negative, was " + c.getReports();
    }
    problem = bounds.ahead("updatedAt", c.getUpdatedAt(), clock.getAsLong());
    return problem != null ? problem : risk(c.getRiskScore());
  }

  /**
   * What makes the record unusable, or null. A quote dated ahead would stand for every later
   * payment's price and, as the newest of its pair, make the expiry drop the pair's whole history.
   */
  public @Nullable String problem(CryptoQuote q) {
    if (q.getPair().isBlank()) {
      return "pair is missing";
    }
    if (q.getPair().length() > MAX_PAIR_CHARS) {
      return "pair is longer than " + MAX_PAIR_CHARS + " characters";
    }
    double price = q.getPrice();
    if (!(price > 0) || Double.isInfinite(price)) {
      return "price must be a positive number, was " + price;
    }
    return bounds.time("eventTime", q.getEventTime(), clock.getAsLong());
  }

  /**
   * What makes an account action unusable, or null. A restricted function this build does not know
   * (a newer build's, during a rolling upgrade) is not a problem: it bars nothing here.
   */
  public @Nullable String problem(AccountAction a) {
    String problem = id("accountId", a.getAccountId());
    if (problem == null) {
      problem = bounds.time("decidedAt", a.getDecidedAt(), clock.getAsLong());
    }
    if (problem == null && a.getRestrictedFunctions().size() > 64) {
      problem = "restrictedFunctions lists " + a.getRestrictedFunctions().size() + " functions";
    }
    return problem;
  }

  /** Verdicts: a record with no value is unusable too (the topic is not a table). */
  Serde<ReviewVerdict> verdicts(Serde<ReviewVerdict> serde) {
    Serde<ReviewVerdict> checked = validated(serde, "ReviewVerdict", this::problem);
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
  Serde<RulesUpdate> rules(Serde<ScreenerConfig> serde) {
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
            throw new SerializationException(
                "invalid ScreenerConfig " + doc.getVersion() + ": " + e.getMessage(), e);
          }
        };
    Serializer<ScreenerConfig> docs = serde.serializer();
    Serializer<RulesUpdate> writing =
        (topic, update) -> update == null ? null : docs.serialize(topic, update.document());
    return Serdes.serdeFrom(writing, parsing);
  }

  /** What makes the record unusable, or null (its time is checked where it meets its payment). */
  public @Nullable String problem(ReviewVerdict v) {
    String problem = id("transactionId", v.getTransactionId());
    if (problem == null) {
      problem = id("analyst", v.getAnalyst());
    }
    if (problem == null) {
      problem = bounds.longText("note", v.getNote());
    }
    return problem;
  }

  private @Nullable String id(String field, String value) {
    return value.isBlank() ? field + " is missing" : bounds.shortText(field, value);
  }

  private static @Nullable String risk(int score) {
    return score >= 0 && score <= 100 ? null : "riskScore must be 0-100, was " + score;
  }

  private static <T> Serde<T> validated(
      Serde<T> serde, String type, Function<T, @Nullable String> check) {
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
