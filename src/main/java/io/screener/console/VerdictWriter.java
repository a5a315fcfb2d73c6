package io.screener.console;

import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes analysts' verdicts, each once: a verdict that repeats the one standing for the payment
 * (the same kind, from the topic or from this console, e.g. a form sent twice or a retry after a
 * lost answer) is not written again, and the standing one is returned. A different kind replaces it
 * (an analyst correcting a verdict), as the screener's ledger allows. One verdict is written at a
 * time, so two requests cannot both find none and both write.
 */
public final class VerdictWriter {

  /** Where verdicts go: returns once the verdict is stored (acknowledged), or throws. */
  @FunctionalInterface
  public interface Sink {
    void send(ReviewVerdict verdict) throws Exception;
  }

  /**
   * What a request came to.
   *
   * @param written whether this request wrote it (false: it stood already)
   */
  public record Outcome(ReviewVerdict verdict, boolean written) {}

  /** The verdict could not be written; nothing was recorded, so a retry writes it. */
  public static final class NotWritten extends Exception {
    private static final long serialVersionUID = 1L;

    NotWritten(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  private final ConsoleState state;
  private final Sink sink;
  private final Clock clock;

  public VerdictWriter(ConsoleState state, Sink sink, Clock clock) {
    this.state = state;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Writes {@code kind} for the payment unless it stands already.
   *
   * @throws NotWritten when the payment is not in the console's queue, or the write failed
   */
  public synchronized Outcome write(
      String transactionId, VerdictKind kind, String analyst, @Nullable String note)
      throws NotWritten {
    if (!state.knows(transactionId)) {
      throw new NotWritten(
          "payment " + transactionId + " is not among the flagged or blocked ones kept here", null);
    }
    ReviewVerdict standing = state.latestVerdict(transactionId);
    if (standing != null && standing.getVerdict() == kind) {
      return new Outcome(standing, false);
    }
    String trimmed = note == null ? "" : note.strip();
    ReviewVerdict verdict =
        ReviewVerdict.newBuilder()
            .setTransactionId(transactionId)
            .setVerdict(kind)
            .setAnalyst(analyst)
            .setNote(trimmed.isEmpty() ? null : trimmed)
            .setDecidedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .build();
    try {
      sink.send(verdict);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotWritten("interrupted while writing the verdict", e);
    } catch (Exception e) {
      throw new NotWritten("the verdict could not be written: " + e.getMessage(), e);
    }
    state.verdict(verdict);
    return new Outcome(verdict, true);
  }
}
