package io.screener.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads and decodes records on a background thread, in batches through a small bounded queue, so
 * that decoding JSON overlaps with screening on a second core while memory stays bounded (at most
 * {@value #DEPTH} batches of {@value #BATCH} records in flight). Order is preserved.
 */
final class Prefetcher<T extends SpecificRecord> implements Closeable {
  private static final int BATCH = 1024;
  private static final int DEPTH = 8;
  private static final List<InputRecord<?>> END = new ArrayList<>();

  private final RecordReader<T> reader;
  private final BlockingQueue<List<InputRecord<?>>> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile IOException failure;
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
    try {
      while (!closed) {
        List<InputRecord<?>> next = new ArrayList<>(BATCH);
        InputRecord<T> record = null;
        while (next.size() < BATCH && (record = reader.next()) != null) {
          next.add(record);
        }
        if (!next.isEmpty()) {
          queue.put(next);
        }
        if (record == null) {
          break;
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.getMessage(), e);
    } catch (InterruptedException e) {
      return;
    }
    try {
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
  InputRecord<T> next() throws IOException {
    if (position == batch.size()) {
      if (ended) {
        return null;
      }
      try {
        batch = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading");
      }
      position = 0;
      if (batch == END) {
        ended = true;
        if (failure != null) {
          throw failure;
        }
        return null;
      }
    }
    return (InputRecord<T>) batch.get(position++);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    thread.interrupt();
    reader.close();
  }
}
