package io.screener.topology;

import io.screener.avro.CryptoQuote;
import io.screener.domain.Quote;
import io.screener.screening.QuoteSource;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotes kept by pair and time, so a payment is priced at the quote in force at its own event time
 * (a replay of last month is priced at last month's rate, not today's): the latest quote of the
 * pair at or before the payment, within the look-back. Times before the epoch are kept as 0.
 *
 * <p>In the service the table is a global store of its own kind ({@link Store}): every instance
 * holds all quotes in memory, sorted by pair and time, the global thread adds them ({@link
 * Updater}, which also runs when the store is rebuilt at start-up) and the stream threads look them
 * up at the same time without a copy or a decode. The offline replay keeps the same table ({@link
 * #inMemory()}), with the same update and lookup rules.
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
   * Looks quotes up in a table, at most {@code lookbackMillis} back (the model's {@code
   * quote.max-age}).
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

  /** A table in memory, for the offline replay: the one the global store holds. */
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
      Store store = context.getStateStore(ScreenerTopology.QUOTE_STORE);
      table = store.table;
    }

    @Override
    public void process(Record<String, CryptoQuote> record) {
      record(table, record.value(), retentionMillis);
    }
  }

  /** Finds the quote in force at a time in the global store. */
  static final class Lookup implements QuoteSource {
    private final QuoteSource source;

    Lookup(Store store, long lookbackMillis) {
      this.source = lookup(store.table, lookbackMillis);
    }

    @Override
    public @Nullable Quote at(String base, String currency, long time) {
      return source.at(base, currency, time);
    }
  }

  /**
   * The global store: a {@link MemoryTable} the global thread writes and the stream threads read at
   * once. It has no changelog and nothing on disk: Kafka Streams rebuilds it at every start by
   * running the quotes topic through the {@link Updater} (a global store with its own processor is
   * restored by reprocessing), so the restore callback it registers is never the way in.
   */
  static final class Store implements StateStore {
    private final String name;
    private final MemoryTable table = new MemoryTable();
    private volatile boolean open;

    Store(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
      context.register(
          root,
          (key, value) -> {
            throw new IllegalStateException(
                name
                    + ": Kafka Streams restored it without its updater; it is rebuilt only by"
                    + " running the quotes topic through the updater");
          });
      open = true;
    }

    @Override
    public void close() {
      open = false;
      table.pairs.clear();
    }

    @Override
    public boolean persistent() {
      return false;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    /** Builds the store for {@code addGlobalStore}: no changelog and no record cache, ever. */
    static StoreBuilder<Store> builder(String name) {
      return new StoreBuilder<>() {
        @Override
        public StoreBuilder<Store> withCachingEnabled() {
          throw new UnsupportedOperationException(name + " has no record cache");
        }

        @Override
        public StoreBuilder<Store> withCachingDisabled() {
          return this;
        }

        @Override
        public StoreBuilder<Store> withLoggingEnabled(Map<String, String> config) {
          throw new UnsupportedOperationException(name + " is rebuilt from its topic, not logged");
        }

        @Override
        public StoreBuilder<Store> withLoggingDisabled() {
          return this;
        }

        @Override
        public Store build() {
          return new Store(name);
        }

        @Override
        public Map<String, String> logConfig() {
          return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
          return false;
        }

        @Override
        public String name() {
          return name;
        }
      };
    }
  }

  /**
   * Quotes in memory, by pair and then time. One thread may write while others read: a reader sees
   * each quote either not yet or whole, and a pair's older quotes either still there or gone.
   */
  private static final class MemoryTable implements Table {
    private final Map<String, NavigableMap<Long, Double>> pairs = new ConcurrentHashMap<>();

    @Override
    public void put(String pair, long time, double price) {
      pairs.computeIfAbsent(pair, p -> new ConcurrentSkipListMap<>()).put(time, price);
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
