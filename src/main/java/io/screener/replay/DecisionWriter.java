package io.screener.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import io.screener.avro.ScreeningDecision;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The back half of a replay on its own thread: for each decided payment, looks up its label, counts
 * it in the statistics (and the comparison's), writes its decision line and, when the two models
 * disagree, its diff line. Decisions arrive in batches of {@value #BATCH} through a small bounded
 * queue, in order, so the screening thread only screens. The counts are read after {@link #finish}.
 */
final class DecisionWriter {
  private static final int BATCH = 512;
  private static final int DEPTH = 8;

  /** Decisions handed over in one go: the decision, the comparison's (or null) and the input. */
  static final class Batch {
    final ScreeningDecision[] a = new ScreeningDecision[BATCH];
    final ScreeningDecision[] b = new ScreeningDecision[BATCH];
    final InputRecord<?>[] records = new InputRecord<?>[BATCH];
    int size;
  }

  private static final Batch END = new Batch();

  private final Future<Labels> pendingLabels;
  private Labels labels;
  private final OutputStream[] byDecision;
  private final JsonGenerator diff;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(DEPTH);
  private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(DEPTH + 2);
  private final Thread thread;
  private final Utf8Buffer line = new Utf8Buffer(4096);
  private volatile Throwable failure;
  private Batch filling = new Batch();

  final ReplayStats stats = new ReplayStats();
  final ReplayStats otherStats = new ReplayStats();
  final Map<String, Long> moved = new TreeMap<>();
  long diffs;

  /**
   * @param labels the labels, still loading: the writer waits for them before its first decision
   * @param byDecision decision lines, indexed by {@code Decision} ordinal
   * @param diff diff lines, or null without a comparison
   */
  DecisionWriter(Future<Labels> labels, OutputStream[] byDecision, JsonGenerator diff) {
    this.pendingLabels = labels;
    this.byDecision = byDecision;
    this.diff = diff;
    for (int i = 0; i < DEPTH + 1; i++) {
      empty.add(new Batch());
    }
    this.thread = new Thread(this::run, "replay-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one decided payment: its decision, the comparison's decision (or null) and its input. */
  void add(ScreeningDecision a, ScreeningDecision b, InputRecord<?> record) throws IOException {
    Batch batch = filling;
    int i = batch.size++;
    batch.a[i] = a;
    batch.b[i] = b;
    batch.records[i] = record;
    if (batch.size == BATCH) {
      hand(batch);
      try {
        filling = empty.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing");
      }
    }
  }

  private void hand(Batch batch) throws IOException {
    rethrow();
    try {
      full.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  /** Writes what is queued and waits for the writer; rethrows its failure. */
  void finish() throws IOException {
    if (filling.size > 0) {
      hand(filling);
    }
    hand(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
    rethrow();
  }

  /** Stops the writer without waiting for the queue (a failed run). */
  void abandon() {
    thread.interrupt();
  }

  private void rethrow() throws IOException {
    Throwable t = failure;
    if (t == null) {
      return;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IOException(t);
  }

  /** The labels the decisions were counted with; after {@link #finish}. */
  Labels labels() {
    return labels;
  }

  private void run() {
    try {
      labels = loaded(pendingLabels);
      while (true) {
        Batch batch = full.take();
        if (batch == END) {
          return;
        }
        for (int i = 0; i < batch.size; i++) {
          write(batch.a[i], batch.b[i], batch.records[i]);
          batch.a[i] = null;
          batch.b[i] = null;
          batch.records[i] = null;
        }
        batch.size = 0;
        empty.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure = t;
      // Unblock the screening thread: it sees the failure on its next hand-over.
      full.clear();
      empty.clear();
      for (int i = 0; i < DEPTH + 1; i++) {
        empty.offer(new Batch());
      }
      drainForever();
    }
  }

  private static Labels loaded(Future<Labels> labels) throws Throwable {
    try {
      return labels.get();
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  /** After a failure, takes (and drops) whatever is still handed over until the end. */
  private void drainForever() {
    try {
      while (true) {
        Batch batch = full.take();
        if (batch == END) {
          return;
        }
        batch.size = 0;
        empty.offer(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(ScreeningDecision d, ScreeningDecision b, InputRecord<?> record) throws IOException {
    Labels.Label label = labelOf(d.getTransactionId(), record);
    stats.add(d, label);
    line.reset();
    ReplayJson.encodeDecision(d, d.getPayment() == record.value() ? record.json() : null, line);
    line.ascii('\n');
    try {
      line.writeTo(byDecision[d.getDecision().ordinal()]);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (b != null) {
      otherStats.add(b, label);
      if (b.getDecision() != d.getDecision()) {
        diffs++;
        moved.merge(d.getDecision() + " -> " + b.getDecision(), 1L, Long::sum);
        Replay.writeDiff(diff, d, b, label);
      }
    }
  }

  private Labels.Label labelOf(String transactionId, InputRecord<?> record) {
    Labels.Label label = labels.of(transactionId);
    if (label == null && record.crypto() != null) {
      label = new Labels.Label(record.crypto(), record.scenario());
    }
    return label;
  }
}
