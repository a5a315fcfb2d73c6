package io.screener.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The commits of an application's stream threads over a window, from Kafka Streams' thread metrics:
 * how many ({@code commit-total}, exact), and their mean and longest duration in milliseconds
 * ({@code commit-latency-avg} and {@code -max}, which Kafka keeps over its metrics sample window,
 * two samples of 30 s by default: about the last half minute to minute, not exactly the window). A
 * commit holds its stream thread, so the payments that arrive meanwhile wait for it.
 */
record Commits(long count, double avgMs, double maxMs) {
  private static final String GROUP = "stream-thread-metrics";

  /** Each stream thread's commits so far, by thread id. */
  static Map<String, Double> totals(KafkaStreams streams) {
    Map<String, Double> totals = new HashMap<>();
    forEach(streams, "commit-total", totals::put);
    return totals;
  }

  /**
   * The commits since {@code before} ({@link #totals}), weighting each thread's mean by its count.
   */
  static Commits since(KafkaStreams streams, Map<String, Double> before) {
    Map<String, Double> counts = new HashMap<>();
    forEach(
        streams,
        "commit-total",
        (thread, total) -> counts.put(thread, total - before.getOrDefault(thread, 0.0)));
    double[] weighted = {0};
    double[] max = {0};
    forEach(
        streams,
        "commit-latency-avg",
        (thread, avg) -> weighted[0] += avg * counts.getOrDefault(thread, 0.0));
    forEach(streams, "commit-latency-max", (thread, m) -> max[0] = Math.max(max[0], m));
    double count = counts.values().stream().mapToDouble(Double::doubleValue).sum();
    return new Commits(Math.round(count), count > 0 ? weighted[0] / count : 0, max[0]);
  }

  private interface ThreadValue {
    void accept(String thread, double value);
  }

  /** The named thread metric of every stream thread that has a number for it. */
  private static void forEach(KafkaStreams streams, String name, ThreadValue action) {
    for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName metric = e.getKey();
      if (GROUP.equals(metric.group())
          && name.equals(metric.name())
          && e.getValue().metricValue() instanceof Double value
          && !value.isNaN()
          && !value.isInfinite()) {
        action.accept(metric.tags().getOrDefault("thread-id", ""), value);
      }
    }
  }
}
