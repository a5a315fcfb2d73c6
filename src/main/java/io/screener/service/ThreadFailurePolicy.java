package io.screener.service;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies: replace it a bounded number of times (a transient fault
 * heals), then shut the client down with a clear log (a persistent fault must not loop for ever).
 * A shut-down client ends {@code screener run} with exit code 1, so the process supervisor sees it.
 */
final class ThreadFailurePolicy implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadFailurePolicy.class);

  private final int maxReplacements;
  private final AtomicInteger failures = new AtomicInteger();

  ThreadFailurePolicy(int maxReplacements) {
    this.maxReplacements = maxReplacements;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable error) {
    int failure = failures.incrementAndGet();
    if (failure <= maxReplacements) {
      LOG.error("stream thread failed; replacing it ({} of {})", failure, maxReplacements, error);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    LOG.error("stream thread failed {} times; shutting the screener down", failure, error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }
}
