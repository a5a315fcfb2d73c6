package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.screener.avro.PaymentEvent;
import io.screener.fixtures.Payments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Whatever the reading thread throws ends the read on the screening thread; nothing waits forever.
 */
class PrefetcherTest {
  // A hang guard, not a speed bar: before, the screening thread waited forever.
  private static final Duration GUARD = Duration.ofSeconds(30);

  /** Reads {@code records} payments, then throws what {@code failure} makes. */
  private static RecordReader<PaymentEvent> failingAfter(int records, Supplier<Throwable> failure) {
    return new RecordReader<>(
        new RecordReader.CountingStream(new ByteArrayInputStream(new byte[0])), 0) {
      private int read;

      @Override
      public InputRecord<PaymentEvent> next() throws IOException {
        if (read == records) {
          Throwable t = failure.get();
          if (t instanceof IOException io) {
            throw io;
          }
          if (t instanceof Error e) {
            throw e;
          }
          throw (RuntimeException) t;
        }
        read++;
        return new InputRecord<>(
            read, null, Payments.grocery().id("tx-" + read).build(), null, null, null);
      }

      @Override
      public void close() {}
    };
  }

  private static IOException readUntilFailure(Prefetcher<PaymentEvent> prefetcher, int expected) {
    return assertTimeoutPreemptively(
        GUARD,
        () -> {
          for (int i = 1; i <= expected; i++) {
            assertEquals("tx-" + i, prefetcher.next().value().getTransactionId());
          }
          return assertThrows(IOException.class, prefetcher::next);
        });
  }

  @Test
  void shouldEndTheReadWhenTheReadingThreadRunsOutOfMemory() throws IOException {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    try (Prefetcher<PaymentEvent> prefetcher = new Prefetcher<>(failingAfter(3000, () -> oom))) {
      IOException failure = readUntilFailure(prefetcher, 3000);
      assertSame(oom, failure.getCause());
      assertEquals(
          "reading failed: out of memory (Java heap space); give the JVM more heap (-Xmx) or lower the record limits",
          failure.getMessage());
    }
  }

  @Test
  void shouldEndTheReadOnAnyOtherThrowable() throws IOException {
    try (Prefetcher<PaymentEvent> prefetcher =
        new Prefetcher<>(failingAfter(5, () -> new StackOverflowError()))) {
      assertEquals(
          "reading failed: StackOverflowError", readUntilFailure(prefetcher, 5).getMessage());
    }
    try (Prefetcher<PaymentEvent> prefetcher =
        new Prefetcher<>(failingAfter(0, () -> new IllegalStateException("broken")))) {
      assertEquals(
          "reading failed: IllegalStateException: broken",
          readUntilFailure(prefetcher, 0).getMessage());
    }
    IOException unreadable = new IOException("corrupt Avro container after record 2");
    try (Prefetcher<PaymentEvent> prefetcher =
        new Prefetcher<>(failingAfter(2, () -> unreadable))) {
      assertSame(unreadable, readUntilFailure(prefetcher, 2));
    }
  }
}
