package io.screener.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import io.screener.avro.ScreeningDecision;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The back half of a replay on its own thread: for each decided payment, writes its decision line,
 * looks up its label, counts it in the statistics (and the comparison's) and, when the two models
 * disagree, writes its diff line. Decisions arrive in batches of {@value #BATCH} through a small
 * bounded queue, in order, so the screening thread only screens. Lines need no label: decisions
 * that arrive while the labels still load are written at once and counted, in order, once the
 * labels are in, so neither this thread nor the screening thread waits for them. The counts are
 * read after {@link #finish}. Whatever the writer throws, an {@link Error} included, reaches the
 * screening thread at its next hand-over; a hand-over also gives up on a writer that died without a
 * word.
 */
final class DecisionWriter {
  private static final int BATCH = 512;
  private static final int DEPTH = 8;

  /** Decisions handed over in one go: the decision, the comparison's (or null) and the input. */
  static final class Batch {
    final @Nullable ScreeningDecision[] a = new ScreeningDecision[BATCH];
    final @Nullable ScreeningDecision[] b = new ScreeningDecision[BATCH];
    final @Nullable InputRecord<?>[] records = new InputRecord<?>[BATCH];
    int size;
  }

  private static final Batch END = new Batch();

  private final Future<Labels> pendingLabels;
  private @Nullable Labels labels;
  private final OutputStream[] byDecision;
  private final @Nullable JsonGenerator diff;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(DEPTH);
  private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(DEPTH + 2);
  private final Thread thread;
  private final Utf8Buffer line = new Utf8Buffer(4096);
  // Decisions written while the labels were still loading, to be counted once they are in.
  private final ArrayList<Uncounted> uncounted = new ArrayList<>();

  private record Uncounted(
      ScreeningDecision a,
      @Nullable ScreeningDecision b,
      @Nullable Boolean crypto,
      @Nullable String scenario) {}

  private volatile @Nullable Throwable failure;
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
  DecisionWriter(Future<Labels> labels, OutputStream[] byDecision, @Nullable JsonGenerator diff) {
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

  /**
   * Queues one decided payment: its decision, the comparison's decision (or null) and its input.
   */
  void add(ScreeningDecision a, @Nullable ScreeningDecision b, InputRecord<?> record)
      throws IOException {
    Batch batch = filling;
    int i = batch.size++;
    batch.a[i] = a;
    batch.b[i] = b;
    batch.records[i] = record;
    if (batch.size == BATCH) {
      hand(batch);
      try {
        Batch next;
        while ((next = empty.poll(200, TimeUnit.MILLISECONDS)) == null) {
          alive();
        }
        filling = next;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing");
      }
    }
  }

  private void hand(Batch batch) throws IOException {
    rethrow();
    try {
      while (!full.offer(batch, 200, TimeUnit.MILLISECONDS)) {
        alive();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  /** Throws the writer's failure, or says it is gone, once the writer thread is not running. */
  private void alive() throws IOException {
    if (!thread.isAlive()) {
      rethrow();
      throw new IOException("the decision writer stopped before the end");
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
    return Objects.requireNonNull(labels, "the labels, loaded by the end");
  }

  private void run() {
    boolean ended = false;
    try {
      while (true) {
        Batch batch = full.take();
        if (batch == END) {
          ended = true;
          count(loaded(pendingLabels));
          return;
        }
        if (labels == null && pendingLabels.isDone()) {
          count(loaded(pendingLabels));
        }
        for (int i = 0; i < batch.size; i++) {
          ScreeningDecision a = Objects.requireNonNull(batch.a[i], "a decision handed over");
          InputRecord<?> record =
              Objects.requireNonNull(batch.records[i], "the input of a decision handed over");
          write(a, record);
          Labels known = labels;
          if (known != null) {
            count(known, a, batch.b[i], record.crypto(), record.scenario());
          } else {
            uncounted.add(new Uncounted(a, batch.b[i], record.crypto(), record.scenario()));
          }
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
      if (!ended) {
        // Keep taking batches, so the screening thread never blocks: it sees the failure on its
        // next hand-over, and hands over the end.
        drainForever();
      }
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

  /** Writes the decision's line: it needs no label, so lines go out while the labels load. */
  private void write(ScreeningDecision d, InputRecord<?> record) throws IOException {
    line.reset();
    ReplayJson.encodeDecision(d, d.getPayment() == record.value() ? record.json() : null, line);
    line.ascii('\n');
    try {
      line.writeTo(byDecision[d.getDecision().ordinal()]);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Takes the loaded labels and counts the decisions that came before them, in order. */
  private void count(Labels loaded) throws IOException {
    labels = loaded;
    for (Uncounted u : uncounted) {
      count(loaded, u.a(), u.b(), u.crypto(), u.scenario());
    }
    uncounted.clear();
    uncounted.trimToSize();
  }

  /**
   * Counts a decision (and the comparison's) with its label, and writes its diff line.
   *
   * @param crypto the payment line's own label, if any (the labels file wins)
   */
  private void count(
      Labels labels,
      ScreeningDecision d,
      @Nullable ScreeningDecision b,
      @Nullable Boolean crypto,
      @Nullable String scenario)
      throws IOException {
    Labels.Label label = labels.of(d.getTransactionId());
    if (label == null && crypto != null) {
      label = new Labels.Label(crypto, scenario);
    }
    stats.add(d, label);
    if (b != null) {
      otherStats.add(b, label);
      if (b.getDecision() != d.getDecision()) {
        diffs++;
        moved.merge(d.getDecision() + " -> " + b.getDecision(), 1L, Long::sum);
        Replay.writeDiff(
            Objects.requireNonNull(diff, "the diff lines of a comparison"), d, b, label);
      }
    }
  }
}
