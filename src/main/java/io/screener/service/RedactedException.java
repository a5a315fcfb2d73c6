package io.screener.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A copy of an exception chain for a log line: each exception's class and stack frames, none of
 * their messages. A message thrown while processing a record may quote it (a parser quoting its
 * input, a memo, an account or transaction id), and none of those goes into a log; the whole
 * message stays on the dead letter's {@code screener.error} header.
 */
final class RedactedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DEPTH = 32;

  private RedactedException(String className, @Nullable RedactedException cause) {
    super(className + " (message left out of the log)", cause, false, true);
  }

  /** The chain of {@code error} and its causes, messages left out. */
  static RedactedException of(Throwable error) {
    List<Throwable> chain = chain(error);
    RedactedException copy = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable original = chain.get(i);
      copy = new RedactedException(original.getClass().getName(), copy);
      copy.setStackTrace(original.getStackTrace());
    }
    return Objects.requireNonNull(copy, "a chain holds at least the error itself");
  }

  /** The class names of {@code error}'s chain, outermost first: "A caused by B caused by C". */
  static String classes(Throwable error) {
    List<String> names = new ArrayList<>();
    for (Throwable t : chain(error)) {
      names.add(t.getClass().getSimpleName());
    }
    return String.join(" caused by ", names);
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = error;
    while (t != null && seen.add(t) && chain.size() < MAX_DEPTH) {
      chain.add(t);
      t = t.getCause();
    }
    return chain;
  }
}
