package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CryptoQuote;
import io.screener.domain.Quote;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuoteHistoryTest {
  private static final long MINUTE = 60_000L;
  private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

  private final AtomicReference<StateRestoreCallback> registered = new AtomicReference<>();
  private QuoteHistory.Store store;
  private MockProcessorContext<Void, Void> context;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    store = QuoteHistory.Store.builder(ScreenerTopology.QUOTE_STORE).build();
    StateStoreContext mock = context.getStateStoreContext();
    // The mock's context, noting the restore callback the store registers.
    StateStoreContext noting =
        (StateStoreContext)
            Proxy.newProxyInstance(
                StateStoreContext.class.getClassLoader(),
                new Class<?>[] {StateStoreContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("register")) {
                    registered.set((StateRestoreCallback) args[1]);
                  }
                  try {
                    return method.invoke(mock, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    store.init(noting, store);
    context.addStateStore(store);
  }

  private QuoteHistory.Updater updater(Duration retention) {
    QuoteHistory.Updater updater = new QuoteHistory.Updater(retention.toMillis());
    updater.init(context);
    return updater;
  }

  private static Record<String, CryptoQuote> quote(String pair, long time, double price) {
    return new Record<>(pair, new CryptoQuote(pair, price, Instant.ofEpochMilli(time)), time);
  }

  @Test
  void shouldPriceAPaymentAtTheQuoteInForceAtItsOwnTime() {
    QuoteHistory.Updater updater = updater(Duration.ofDays(400));
    updater.process(quote("USDT/CNY", T0, 7.10));
    updater.process(quote(" usdt/cny ", T0 + 10 * MINUTE, 7.20));
    updater.process(quote("USDT/CNY", T0 + 5 * MINUTE, 7.15)); // late, still in its place
    updater.process(quote("BTC/CNY", T0, 700_000));

    QuoteHistory.Lookup lookup = new QuoteHistory.Lookup(store, 60 * MINUTE);
    assertNull(lookup.at("USDT", "CNY", T0 - 1), "before the first quote");
    assertEquals(new Quote("USDT", "CNY", 7.10, T0), lookup.at("USDT", "CNY", T0 + 4 * MINUTE));
    assertEquals(7.15, lookup.at("USDT", "CNY", T0 + 9 * MINUTE).price());
    assertEquals(7.20, lookup.at("USDT", "CNY", T0 + 10 * MINUTE).price());
    assertEquals(700_000, lookup.at("BTC", "CNY", T0 + 59 * MINUTE).price());
    assertNull(lookup.at("BTC", "CNY", T0 + 61 * MINUTE), "older than the look-back");
    assertNull(lookup.at("ETH", "CNY", T0), "a pair never quoted");
  }

  @Test
  void shouldDropQuotesPastTheRetentionAndIgnoreUnusableOnes() {
    QuoteHistory.Updater updater = updater(Duration.ofHours(1));
    updater.process(quote("USDT/CNY", T0, 7.10));
    updater.process(quote("USDT/CNY", T0 + 30 * MINUTE, 7.12));
    updater.process(quote("USDT/CNY", T0 + 61 * MINUTE, 7.14));
    updater.process(quote("USDT/CNY", T0 + 62 * MINUTE, Double.NaN));
    updater.process(quote("USDT/CNY", T0 + 63 * MINUTE, -1));
    updater.process(quote(" ", T0 + 63 * MINUTE, 7.0));
    updater.process(new Record<>("USDT/CNY", null, T0));

    QuoteHistory.Lookup everything = new QuoteHistory.Lookup(store, Long.MAX_VALUE / 2);
    assertNull(everything.at("USDT", "CNY", T0 + 29 * MINUTE), "dropped: over an hour before");
    assertEquals(7.12, everything.at("USDT", "CNY", T0 + 60 * MINUTE).price());
    assertEquals(7.14, everything.at("USDT", "CNY", T0 + 90 * MINUTE).price());
  }

  @Test
  void shouldBeRebuiltByItsUpdaterNeverByKafkaStreamsRestoreCallback() {
    assertNotNull(registered.get(), "the store registers itself with Kafka Streams");
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> registered.get().restore(new byte[] {1}, new byte[] {2}));
    assertTrue(refused.getMessage().contains(ScreenerTopology.QUOTE_STORE), refused.getMessage());
    assertTrue(store.isOpen());
    assertFalse(store.persistent());

    var builder = QuoteHistory.Store.builder(ScreenerTopology.QUOTE_STORE);
    assertFalse(builder.loggingEnabled());
    assertThrows(UnsupportedOperationException.class, () -> builder.withLoggingEnabled(Map.of()));
    assertThrows(UnsupportedOperationException.class, builder::withCachingEnabled);

    updater(Duration.ofDays(1)).process(quote("USDT/CNY", T0, 7.10));
    store.close();
    assertFalse(store.isOpen());
    assertNull(new QuoteHistory.Lookup(store, MINUTE).at("USDT", "CNY", T0), "closed: emptied");
  }

  @Test
  void shouldAnswerStreamThreadsWhileTheGlobalThreadAddsAndDropsQuotes() throws Exception {
    QuoteHistory.Updater updater = updater(Duration.ofMinutes(30));
    int quotes = 200_000;
    // The global thread: a quote a minute, each priced at its own minute, the oldest dropped.
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 1; i <= quotes; i++) {
                updater.process(quote("USDT/CNY", T0 + i * MINUTE, i));
              }
            });
    QuoteHistory.Lookup lookup = new QuoteHistory.Lookup(store, Long.MAX_VALUE / 2);
    double last = 0;
    while (!writer.isDone()) {
      Quote found = lookup.at("USDT", "CNY", T0 + quotes * MINUTE);
      if (found != null) {
        // Whole (its price is its own minute's) and never older than one seen before.
        assertEquals((found.eventTime() - T0) / MINUTE, (long) found.price());
        assertTrue(found.price() >= last, found + " after " + last);
        last = found.price();
      }
    }
    writer.get(30, TimeUnit.SECONDS);
    assertEquals(quotes, (long) lookup.at("USDT", "CNY", T0 + quotes * MINUTE).price());
    assertNull(
        lookup.at("USDT", "CNY", T0 + (quotes - 31) * MINUTE), "over 30 minutes before the last");
  }
}
