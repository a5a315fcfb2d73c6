package io.screener.service;

import org.jspecify.annotations.Nullable;

/**
 * The service cannot start for a reason outside its settings (no broker answered, the cluster's
 * limits cannot be read): the command line prints the message as one line and exits 1.
 */
public final class StartupException extends RuntimeException {
  public StartupException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
