package io.screener.topology;

import org.jspecify.annotations.Nullable;

/**
 * A record a processor sends one of two ways: on down the topology, or to the dead-letter topic
 * with its reason in the headers. Split on {@link #accepted()}.
 */
sealed interface Routed<T> {
  boolean accepted();

  record Onward<T>(T value) implements Routed<T> {
    @Override
    public boolean accepted() {
      return true;
    }
  }

  record DeadLetter<T>(byte @Nullable [] value, String reason) implements Routed<T> {
    @Override
    public boolean accepted() {
      return false;
    }
  }
}
