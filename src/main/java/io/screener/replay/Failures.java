package io.screener.replay;

/** One-line descriptions of what ended a replay, for its one line on stderr. */
public final class Failures {
  private Failures() {}

  /** The failure in a line: its class when the message alone would not say what happened. */
  public static String describe(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      return "out of memory ("
          + t.getMessage()
          + "); give the JVM more heap (-Xmx) or lower the record limits";
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return t instanceof Error || t instanceof RuntimeException
        ? t.getClass().getSimpleName() + ": " + message
        : message;
  }
}
