package io.screener.topology;

import io.screener.avro.CryptoQuote;
import io.screener.domain.Quote;
import io.screener.screening.QuoteSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotes kept by pair and time, so a payment is priced at the quote in force at its own event time
 * (a replay of last month is priced at last month's rate, not today's). In the service the table is
 * a global store: every instance holds all quotes, and the updater also runs when the store is
 * restored. The offline replay keeps the same table in memory ({@link #inMemory()}), with the same
 * update and lookup rules.
 *
 * <p>Store key: the pair in UTF-8, a 0 byte, then the quote's event time as 8 big-endian bytes, so
 * keys of one pair sort by time and the quote in force is the last key at or before the payment.
 * Times before the epoch are kept as 0.
 */
public final class QuoteHistory {
  private static final Logger LOG = LoggerFactory.getLogger(QuoteHistory.class);

  private QuoteHistory() {}

  /** Where quotes are kept: prices by pair and time (epoch milliseconds, never negative). */
  public interface Table {
    void put(String pair, long time, double price);

    /** Deletes the pair's quotes at or before {@code time}. */
    void deleteThrough(String pair, long time);

    /** The pair's latest quote with a time in {@code [from, to]}, or null. */
    @Nullable Quote latest(String pair, String base, String currency, long from, long to);
  }

  static Bytes key(String pair, long time) {
    byte[] name = pair.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(name.length + 9)
            .put(name)
            .put((byte) 0)
            .putLong(Math.max(0, time))
            .array());
  }

  static String normalizePair(String pair) {
    return pair.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * Adds a quote to the table and drops the pair's quotes older than the retention before it.
   * Unusable quotes (no price, no pair) are logged and ignored.
   */
  public static void record(Table table, @Nullable CryptoQuote quote, long retentionMillis) {
    if (quote == null) {
      return;
    }
    double price = quote.getPrice();
    if (!(price > 0) || Double.isInfinite(price) || quote.getPair().isBlank()) {
      LOG.warn("ignored unusable quote for pair '{}': price {}", quote.getPair(), price);
      return;
    }
    String pair = normalizePair(quote.getPair());
    long time = quote.getEventTime().toEpochMilli();
    table.put(pair, Math.max(0, time), price);
    table.deleteThrough(pair, Math.max(0, time - retentionMillis - 1));
  }

  /**
   * Looks quotes up in a table, at most {@code lookbackMillis} back. Keep the look-back short (the
   * model's {@code quote.max-age}): Kafka's in-memory store copies a range's keys to iterate it, so
   * a look-back over the whole retention made every lookup cost every quote kept.
   */
  public static QuoteSource lookup(Table table, long lookbackMillis) {
    return (base, currency, time) ->
        table.latest(
            Quote.pair(base, currency),
            base,
            currency,
            Math.max(0, time - lookbackMillis),
            Math.max(0, time));
  }

  /** A table in plain memory, for the offline replay. Not thread-safe. */
  public static Table inMemory() {
    return new MemoryTable();
  }

  /** Keeps the global store up to date from the quotes topic; drops quotes past the retention. */
  static final class Updater implements Processor<String, CryptoQuote, Void, Void> {
    private final long retentionMillis;
    private Table table;

    Updater(long retentionMillis) {
      this.retentionMillis = retentionMillis;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      table = new StoreTable(context.getStateStore(ScreenerTopology.QUOTE_STORE));
    }

    @Override
    public void process(Record<String, CryptoQuote> record) {
      record(table, record.value(), retentionMillis);
    }
  }

  /** Finds the quote in force at a time in the global store. */
  static final class Lookup implements QuoteSource {
    private final QuoteSource source;

    Lookup(KeyValueStore<Bytes, Double> store, long lookbackMillis) {
      this.source = lookup(new StoreTable(store), lookbackMillis);
    }

    @Override
    public @Nullable Quote at(String base, String currency, long time) {
      return source.at(base, currency, time);
    }
  }

  /** The table in the global key-value store. */
  private static final class StoreTable implements Table {
    private final KeyValueStore<Bytes, Double> store;

    StoreTable(KeyValueStore<Bytes, Double> store) {
      this.store = store;
    }

    @Override
    public void put(String pair, long time, double price) {
      store.put(key(pair, time), price);
    }

    @Override
    public void deleteThrough(String pair, long time) {
      List<Bytes> expired = new ArrayList<>();
      try (KeyValueIterator<Bytes, Double> old = store.range(key(pair, 0), key(pair, time))) {
        old.forEachRemaining(entry -> expired.add(entry.key));
      }
      expired.forEach(store::delete);
    }

    @Override
    public @Nullable Quote latest(String pair, String base, String currency, long from, long to) {
      try (KeyValueIterator<Bytes, Double> candidates =
          store.reverseRange(key(pair, from), key(pair, to))) {
        if (!candidates.hasNext()) {
          return null;
        }
        KeyValue<Bytes, Double> latest = candidates.next();
        byte[] key = latest.key.get();
        long quoteTime = ByteBuffer.wrap(key, key.length - 8, 8).getLong();
        return new Quote(base, currency, latest.value, quoteTime);
      }
    }
  }

  private static final class MemoryTable implements Table {
    private final Map<String, NavigableMap<Long, Double>> pairs = new HashMap<>();

    @Override
    public void put(String pair, long time, double price) {
      pairs.computeIfAbsent(pair, p -> new TreeMap<>()).put(time, price);
    }

    @Override
    public void deleteThrough(String pair, long time) {
      NavigableMap<Long, Double> quotes = pairs.get(pair);
      if (quotes != null) {
        quotes.headMap(time, true).clear();
      }
    }

    @Override
    public @Nullable Quote latest(String pair, String base, String currency, long from, long to) {
      NavigableMap<Long, Double> quotes = pairs.get(pair);
      if (quotes == null) {
        return null;
      }
      Map.Entry<Long, Double> latest = quotes.floorEntry(to);
      if (latest == null || latest.getKey() < from) {
        return null;
      }
      return new Quote(base, currency, latest.getValue(), latest.getKey());
    }
  }
}
