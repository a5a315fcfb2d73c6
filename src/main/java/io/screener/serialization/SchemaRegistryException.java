package io.screener.serialization;

import org.jspecify.annotations.Nullable;

/**
 * The schema registry could not answer, or refused what the screener asked of it: no record's
 * fault, so a record that meets it is neither decided nor dead-lettered. Error handlers let the
 * stream thread fail instead (it is replaced and the record read again), and start-up stops with
 * the message. A schema id the registry does not know is the record's fault and is reported as a
 * {@link org.apache.kafka.common.errors.SerializationException} instead.
 */
public final class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaRegistryException(String message) {
    super(message);
  }

  SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The registry failure behind {@code error}, or null when there is none. */
  public static @Nullable SchemaRegistryException in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException registry) {
        return registry;
      }
    }
    return null;
  }
}
