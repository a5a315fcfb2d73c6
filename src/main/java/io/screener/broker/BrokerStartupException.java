package io.screener.broker;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an {@link EmbeddedKafkaBroker} cannot be formatted, started or reached within its
 * start-up timeout.
 */
public final class BrokerStartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, including the broker's addresses and, for a child process, the tail
   *     of its output
   * @param cause the underlying failure, or {@code null}
   */
  public BrokerStartupException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
