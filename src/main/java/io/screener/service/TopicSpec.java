package io.screener.service;

import java.util.Objects;

/**
 * A topic the screener reads or writes: its name, partition count and cleanup policy, as {@code
 * screener topics} creates it (and the embedded broker of the tests, the demo and the bench).
 *
 * @param name the topic name
 * @param partitions the number of partitions, at least 1
 * @param compacted {@code true} for {@code cleanup.policy=compact}, {@code false} for {@code
 *     delete}
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

  /** Validates the arguments. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "partitions must be >= 1 for topic " + name + ": " + partitions);
    }
  }

  /**
   * A topic whose old records are deleted by retention ({@code cleanup.policy=delete}).
   *
   * @param name the topic name
   * @param partitions the number of partitions
   * @return the specification
   */
  public static TopicSpec deleting(String name, int partitions) {
    return new TopicSpec(name, partitions, false);
  }

  /**
   * A log-compacted topic ({@code cleanup.policy=compact}).
   *
   * @param name the topic name
   * @param partitions the number of partitions
   * @return the specification
   */
  public static TopicSpec compacted(String name, int partitions) {
    return new TopicSpec(name, partitions, true);
  }

  /** Its {@code cleanup.policy}. */
  public String cleanupPolicy() {
    return compacted ? "compact" : "delete";
  }
}
