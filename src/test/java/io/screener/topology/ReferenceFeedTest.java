package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReferenceFeedTest {
  private static final String STORE = "reputation-test";

  private final AtomicLong storeGets = new AtomicLong();
  // Run by the next get after it has read the store, before it returns: a write in between.
  private @Nullable Runnable betweenReadAndReturn;
  private KeyValueStore<String, String> store;
  private MockProcessorContext<Void, Void> context;
  private ReferenceFeed<String> feed;

  @BeforeEach
  void setUp() {
    KeyValueStore<String, String> inner =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.String())
            .withLoggingDisabled()
            .build();
    context = new MockProcessorContext<>();
    inner.init(context.getStateStoreContext(), inner);
    store = countingGets(inner);
    context.addStateStore(store);
    feed = new ReferenceFeed<>(STORE);
  }

  @Test
  void shouldReadWhatTheFeedWroteAndForgetWhatItDeleted() {
    ReferenceFeed<String>.Updater updater = started();
    updater.process(new Record<>("m-1", "EXCHANGE", 1L));
    updater.process(new Record<>("m-2", "GROCER", 2L));
    updater.process(new Record<>("m-1", "LICENSED", 3L));
    updater.process(new Record<>("m-2", null, 4L));
    updater.process(new Record<>(null, "NO KEY", 5L));

    ReferenceFeed<String>.Reader reader = feed.reader(context);
    assertEquals("LICENSED", reader.get("m-1"));
    assertNull(reader.get("m-2"));
    assertNull(reader.get(null));
    assertEquals(1, store.approximateNumEntries());
  }

  @Test
  void shouldNotAskTheStoreForKeysItNeverHeld() {
    ReferenceFeed<String>.Updater updater = started();
    for (int i = 0; i < 1_000; i++) {
      updater.process(new Record<>("listed-" + i, "v" + i, i));
    }
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    storeGets.set(0);
    for (int i = 0; i < 20_000; i++) {
      assertNull(reader.get("unlisted-" + i));
    }
    assertTrue(storeGets.get() < 200, storeGets.get() + " of 20,000 look-ups went to the store");
    for (int i = 0; i < 1_000; i++) {
      assertEquals("v" + i, reader.get("listed-" + i));
    }
  }

  @Test
  void shouldKnowTheKeysTheStoreHeldBeforeItStarted() {
    // What a restart finds on disk, below the checkpoint: Kafka Streams does not replay it.
    for (int i = 0; i < 500; i++) {
      store.put("kept-" + i, "v" + i);
    }
    started();
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    for (int i = 0; i < 500; i++) {
      assertEquals("v" + i, reader.get("kept-" + i));
    }
  }

  @Test
  void shouldGrowPastItsSizeWithoutLosingAKey() {
    ReferenceFeed<String>.Updater updater = started();
    int keys = (int) (2 * ReferenceFeed.MIN_KEYS + 1);
    for (int i = 0; i < keys; i++) {
      updater.process(new Record<>("acct-" + i, "s", i));
    }
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    for (int i = 0; i < keys; i++) {
      assertEquals("s", reader.get("acct-" + i), "acct-" + i);
    }
    // Had it kept its first size, twice as many keys as it has room for would let about one in
    // seven absent keys through.
    storeGets.set(0);
    for (int i = keys; i < keys + 20_000; i++) {
      assertNull(reader.get("acct-" + i));
    }
    assertTrue(storeGets.get() < 300, storeGets.get() + " of 20,000 look-ups went to the store");
  }

  @Test
  void shouldHoldWhatItReadUntilTheFeedWritesTheKeyAgain() {
    ReferenceFeed<String>.Updater updater = started();
    updater.process(new Record<>("m-1", "EXCHANGE", 1L));
    updater.process(new Record<>("m-2", "GROCER", 2L));
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    storeGets.set(0);
    for (int i = 0; i < 100; i++) {
      assertEquals("EXCHANGE", reader.get("m-1"));
      assertEquals("GROCER", reader.get("m-2"));
    }
    assertEquals(2, storeGets.get(), "each value read from the store once");

    updater.process(new Record<>("m-1", "LICENSED", 3L));
    assertEquals("LICENSED", reader.get("m-1"));
    updater.process(new Record<>("m-2", null, 4L));
    assertNull(reader.get("m-2"));
    assertNull(reader.get("m-2"));
    assertEquals(4, storeGets.get(), "a write sends the next look-up of its key to the store");
  }

  @Test
  void shouldNotHoldAValueTheFeedReplacedWhileItWasBeingRead() {
    ReferenceFeed<String>.Updater updater = started();
    updater.process(new Record<>("m-1", "GROCER", 1L));
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    // The global thread writes the key after the stream thread read the store, before it returned.
    betweenReadAndReturn = () -> updater.process(new Record<>("m-1", "EXCHANGE", 2L));
    assertEquals("GROCER", reader.get("m-1"), "the value the store had when read");
    assertEquals("EXCHANGE", reader.get("m-1"), "not the value read before the write");
    assertEquals("EXCHANGE", reader.get("m-1"));
  }

  @Test
  void shouldReadTheStoreAgainAfterTheUpdaterRestarts() {
    ReferenceFeed<String>.Updater updater = started();
    updater.process(new Record<>("m-1", "EXCHANGE", 1L));
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    assertEquals("EXCHANGE", reader.get("m-1"));
    // A wiped and rebuilt store: its keys change with no record for the old ones.
    store.delete("m-1");
    started();
    assertNull(reader.get("m-1"));
  }

  @Test
  void shouldGiveEachKeyItsOwnValueWhenKeysShareASlot() {
    ReferenceFeed<String>.Updater updater = started();
    int keys = 4 * ReferenceFeed.HELD;
    for (int i = 0; i < keys; i++) {
      updater.process(new Record<>("acct-" + i, "s" + i, i));
    }
    ReferenceFeed<String>.Reader reader = feed.reader(context);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < keys; i++) {
        assertEquals("s" + i, reader.get("acct-" + i), "acct-" + i);
      }
    }
  }

  private ReferenceFeed<String>.Updater started() {
    ReferenceFeed<String>.Updater updater = feed.updater();
    updater.init(context);
    return updater;
  }

  /** The store, counting its {@code get} calls. */
  @SuppressWarnings("unchecked")
  private KeyValueStore<String, String> countingGets(KeyValueStore<String, String> inner) {
    return (KeyValueStore<String, String>)
        Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("get")) {
                storeGets.incrementAndGet();
              }
              try {
                Object result = method.invoke(inner, args);
                Runnable write = betweenReadAndReturn;
                if (write != null && method.getName().equals("get")) {
                  betweenReadAndReturn = null;
                  write.run();
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
