package io.screener.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads and decodes records on a background thread, in batches through a small bounded queue, so
 * that decoding JSON overlaps with screening on a second core while memory stays bounded (at most
 * {@value #DEPTH} batches of {@value #BATCH} records in flight). Order is preserved. Anything the
 * reading thread throws, an {@link Error} included, ends the read: {@link #next} throws it as an
 * {@link IOException}, and also notices a reading thread that died without a word, so the screening
 * thread never waits for a batch that will not come.
 */
final class Prefetcher<T extends SpecificRecord> implements Closeable {
  private static final int BATCH = 1024;
  private static final int DEPTH = 8;
  private static final List<InputRecord<?>> END = new ArrayList<>();

  private final RecordReader<T> reader;
  private final BlockingQueue<List<InputRecord<?>>> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile @Nullable Throwable failure;
  private volatile boolean closed;
  private List<InputRecord<?>> batch = List.of();
  private int position;
  private boolean ended;

  Prefetcher(RecordReader<T> reader) {
    this.reader = reader;
    this.thread = new Thread(this::run, "replay-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    List<InputRecord<?>> next = null;
    try {
      while (!closed) {
        next = new ArrayList<>(BATCH);
        InputRecord<T> record = null;
        while (next.size() < BATCH && (record = reader.next()) != null) {
          next.add(record);
        }
        if (!next.isEmpty()) {
          queue.put(next);
        }
        next = null;
        if (record == null) {
          break;
        }
      }
    } catch (InterruptedException e) {
      return;
    } catch (Throwable t) {
      failure = t;
    }
    try {
      // The records read before a failure come first, in order.
      if (next != null && !next.isEmpty()) {
        queue.put(next);
      }
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The reader it reads from (for progress: its bytes read and size). */
  RecordReader<T> reader() {
    return reader;
  }

  /** The next record, or null at the end; rethrows the reader's failure. */
  @SuppressWarnings("unchecked")
  @Nullable InputRecord<T> next() throws IOException {
    if (position == batch.size()) {
      if (ended) {
        return null;
      }
      batch = take();
      position = 0;
      if (batch == END) {
        ended = true;
        if (failure != null) {
          throw failed(failure);
        }
        return null;
      }
    }
    return (InputRecord<T>) batch.get(position++);
  }

  /** The next batch; once the reading thread is gone, whatever it left, or its end. */
  private List<InputRecord<?>> take() throws IOException {
    try {
      while (true) {
        List<InputRecord<?>> next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next != null) {
          return next;
        }
        if (!thread.isAlive()) {
          next = queue.poll();
          if (next != null) {
            return next;
          }
          if (failure == null) {
            failure = new IOException("the reading thread stopped before the end of the file");
          }
          return END;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    }
  }

  private static IOException failed(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    return new IOException("reading failed: " + Failures.describe(t), t);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    thread.interrupt();
    reader.close();
  }
}
