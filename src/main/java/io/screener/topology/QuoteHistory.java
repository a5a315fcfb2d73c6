package io.screener.topology;

import io.screener.avro.CryptoQuote;
import io.screener.domain.Quote;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotes kept by pair and time, so a payment is priced at the quote in force at its own event time
 * (a replay of last month is priced at last month's rate, not today's). A global store: every
 * instance holds all quotes, and the updater also runs when the store is restored.
 *
 * <p>Key: the pair in UTF-8, a 0 byte, then the quote's event time as 8 big-endian bytes, so keys
 * of one pair sort by time and the quote in force is the last key at or before the payment.
 */
final class QuoteHistory {
  private static final Logger LOG = LoggerFactory.getLogger(QuoteHistory.class);

  private QuoteHistory() {}

  static Bytes key(String pair, long time) {
    byte[] name = pair.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(name.length + 9).put(name).put((byte) 0).putLong(Math.max(0, time)).array());
  }

  static String normalizePair(String pair) {
    return pair.trim().toUpperCase(Locale.ROOT);
  }

  /** Keeps the global store up to date from the quotes topic; drops quotes past the retention. */
  static final class Updater implements Processor<String, CryptoQuote, Void, Void> {
    private final long retentionMillis;
    private KeyValueStore<Bytes, Double> store;

    Updater(long retentionMillis) {
      this.retentionMillis = retentionMillis;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(ScreenerTopology.QUOTE_STORE);
    }

    @Override
    public void process(Record<String, CryptoQuote> record) {
      CryptoQuote quote = record.value();
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
      store.put(key(pair, time), price);
      List<Bytes> expired = new ArrayList<>();
      try (KeyValueIterator<Bytes, Double> old =
          store.range(key(pair, 0), key(pair, time - retentionMillis - 1))) {
        old.forEachRemaining(entry -> expired.add(entry.key));
      }
      expired.forEach(store::delete);
    }
  }

  /** Finds the quote in force at a time. */
  static final class Lookup {
    private final KeyValueStore<Bytes, Double> store;
    private final long lookbackMillis;

    Lookup(KeyValueStore<Bytes, Double> store, long lookbackMillis) {
      this.store = store;
      this.lookbackMillis = lookbackMillis;
    }

    /** The latest quote of base/currency at or before {@code time}, or null if none is recent. */
    Quote at(String base, String currency, long time) {
      String pair = Quote.pair(base, currency);
      try (KeyValueIterator<Bytes, Double> candidates =
          store.reverseRange(key(pair, time - lookbackMillis), key(pair, time))) {
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
}
