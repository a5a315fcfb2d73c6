package io.screener.service;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The failures of a producer's asynchronous sends, counted, with the first kept: what a tool that
 * publishes many records checks after {@code flush()}, so no failed send goes unnoticed.
 */
public final class SendFailures implements Callback {
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<@Nullable Exception> first = new AtomicReference<>();

  /** Sends {@code record}, noting its failure here. */
  public <K, V> void send(Producer<K, V> producer, ProducerRecord<K, V> record) {
    Future<RecordMetadata> unused = producer.send(record, this);
  }

  @Override
  public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception error) {
    if (error != null) {
      failed.incrementAndGet();
      first.compareAndSet(null, error);
    }
  }

  /** How many sends failed so far. */
  public long failed() {
    return failed.get();
  }

  /** The first failure, or null. */
  public @Nullable Exception first() {
    return first.get();
  }

  /**
   * Throws if any send failed, saying how many of {@code what} were not written.
   *
   * @throws IllegalStateException with the first failure as its cause
   */
  public void check(String what) {
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " " + what + " were not written", first.get());
    }
  }
}
