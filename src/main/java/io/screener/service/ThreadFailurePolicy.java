package io.screener.service;

import io.screener.domain.UnreadableStateException;
import io.screener.screening.ScreeningEvents;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies (records that throw are dead-lettered by {@link
 * RecordFailureHandler}, so this is for what is left: a store or broker failure): replace it, up to
 * {@code maxReplacements} times within {@code window} (a transient fault heals, and old failures
 * age out, so a few bad days a month never add up to a shutdown), then shut the client down with a
 * clear log (a persistent fault must not loop for ever). State this build cannot read ({@link
 * UnreadableStateException}: a roll-back past a state format) shuts it down at once, with one line.
 * A shut-down client ends {@code screener run} with exit code 1, so the process supervisor sees it.
 * Each failure is logged and counted ({@code screener_stream_thread_failures_total}).
 */
final class ThreadFailurePolicy implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadFailurePolicy.class);

  private final int maxReplacements;
  private final long windowMillis;
  private final LongSupplier clock;
  private final ScreeningEvents events;
  private final Deque<Long> failures = new ArrayDeque<>();

  ThreadFailurePolicy(
      int maxReplacements, Duration window, LongSupplier clock, ScreeningEvents events) {
    this.maxReplacements = maxReplacements;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    this.events = events;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable error) {
    UnreadableStateException unreadable = RecordFailureHandler.unreadableState(error);
    if (unreadable != null) {
      // A replaced thread would read the same state and fail alike.
      events.streamThreadFailed(false);
      LOG.error("{}; shutting the screener down", unreadable.getMessage());
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    long now = clock.getAsLong();
    while (!failures.isEmpty() && failures.peekFirst() <= now - windowMillis) {
      failures.removeFirst();
    }
    failures.addLast(now);
    int recent = failures.size();
    boolean replace = recent <= maxReplacements;
    events.streamThreadFailed(replace);
    if (replace) {
      LOG.error(
          "stream thread failed; replacing it ({} of {} within {})",
          recent,
          maxReplacements,
          Duration.ofMillis(windowMillis),
          error);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    LOG.error(
        "stream thread failed {} times within {}; shutting the screener down",
        recent,
        Duration.ofMillis(windowMillis),
        error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }
}
