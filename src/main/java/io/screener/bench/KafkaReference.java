package io.screener.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own load tools ({@code org.apache.kafka.tools.ProducerPerformance} and {@code
 * EndToEndLatency}, artifact {@code kafka-tools}) run against the bench's broker, each in a child
 * JVM of its own: an independent reference for what this broker and machine give a plain client,
 * beside the figures the bench measures for the screener.
 *
 * <p>Each tool's summary lines are parsed; a tool that fails, prints no summary or outlives its
 * time limit fails the bench with the end of its output in the message.
 */
final class KafkaReference {
  // ProducerPerformance's summary: "N records sent, R records/sec (M MB/sec), A ms avg latency, X
  // ms max latency, P50 ms 50th, P95 ms 95th, P99 ms 99th, P999 ms 99.9th."; with --warmup-records
  // a second one, "N steady state records sent, ...", for the records after the warm-up.
  private static final String PRODUCER_FIGURES =
      "records sent, ([\\d.]+) records/sec .*?, ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
          + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th";
  private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) " + PRODUCER_FIGURES);
  private static final Pattern PRODUCER_STEADY_SUMMARY =
      Pattern.compile("(\\d+) steady state " + PRODUCER_FIGURES);
  // EndToEndLatency's last line: "Percentiles: 50th = P50, 99th = P99, 99.9th = P999" (whole ms).
  private static final Pattern ROUND_TRIP_PERCENTILES =
      Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");
  private static final List<String> TOOL_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC");
  private static final Duration LIMIT = Duration.ofMinutes(5);
  private static final int TAIL_LINES = 20;

  /**
   * ProducerPerformance's summary: records counted, their rate and their send-to-acknowledgement
   * latency.
   */
  record Producer(long records, double perSecond, long p50Ms, long p99Ms, long p999Ms) {}

  /**
   * EndToEndLatency's summary: one record at a time, produced and then consumed back. The tool has
   * no warm-up: its first round trips (its own JIT) are in the figures.
   */
  record RoundTrip(long records, long p50Ms, long p99Ms, long p999Ms) {}

  private final String bootstrapServers;
  private final Path work;

  /**
   * @param work where each tool's output is written while it runs
   */
  KafkaReference(String bootstrapServers, Path work) {
    this.bootstrapServers = bootstrapServers;
    this.work = work;
  }

  /**
   * {@code records} records of {@code recordBytes} each, {@code acks=all} and {@code linger.ms=0}
   * (as the bench's load producer sends), at most {@code perSecond} a second ({@code -1}: as fast
   * as the broker takes them). The figures are those of the records after the first {@code
   * warmupRecords} (the tool's own start), as the bench's latency phases leave out their warm-up.
   */
  Producer produce(String topic, long records, long warmupRecords, int recordBytes, long perSecond)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordBytes),
                "--throughput", Long.toString(perSecond)));
    if (warmupRecords > 0) {
      args.addAll(List.of("--warmup-records", Long.toString(warmupRecords)));
    }
    args.addAll(List.of("--producer-props", "acks=all", "linger.ms=0"));
    String output =
        run(
            "producer-" + (perSecond < 0 ? "max" : perSecond),
            "org.apache.kafka.tools.ProducerPerformance",
            args);
    return producerSummary(output, warmupRecords > 0);
  }

  /**
   * The last summary ProducerPerformance printed: of the records after the warm-up when {@code
   * steady}.
   */
  static Producer producerSummary(String output, boolean steady) {
    MatchResult m =
        last(steady ? PRODUCER_STEADY_SUMMARY : PRODUCER_SUMMARY, output, "ProducerPerformance");
    return new Producer(
        Long.parseLong(m.group(1)),
        Double.parseDouble(m.group(2)),
        Long.parseLong(m.group(5)),
        Long.parseLong(m.group(7)),
        Long.parseLong(m.group(8)));
  }

  /** {@code records} round trips of one record of {@code recordBytes} each, {@code acks=all}. */
  RoundTrip roundTrips(String topic, long records, int recordBytes)
      throws IOException, InterruptedException {
    String output =
        run(
            "end-to-end",
            "org.apache.kafka.tools.EndToEndLatency",
            List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--producer-acks",
                "all",
                "--record-size",
                Integer.toString(recordBytes)));
    return roundTripSummary(output, records);
  }

  /** The percentiles EndToEndLatency printed after {@code records} round trips. */
  static RoundTrip roundTripSummary(String output, long records) {
    MatchResult percentiles = last(ROUND_TRIP_PERCENTILES, output, "EndToEndLatency");
    return new RoundTrip(
        records,
        Long.parseLong(percentiles.group(1)),
        Long.parseLong(percentiles.group(2)),
        Long.parseLong(percentiles.group(3)));
  }

  private static MatchResult last(Pattern pattern, String output, String tool) {
    Matcher m = pattern.matcher(output);
    MatchResult found = null;
    while (m.find()) {
      found = m.toMatchResult();
    }
    if (found == null) {
      throw new IllegalStateException(
          tool + " printed no line matching " + pattern + "; it printed:\n" + tail(output));
    }
    return found;
  }

  private String run(String name, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(TOOL_JVM);
    command.add(mainClass);
    command.addAll(args);
    Path log = work.resolve("kafka-reference-" + name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    Process process = builder.start();
    boolean finished;
    try {
      finished = process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      process.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    if (!finished) {
      throw new IllegalStateException(
          mainClass + " did not finish within " + LIMIT + "; it printed:\n" + tail(text));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          mainClass + " exited with " + process.exitValue() + "; it printed:\n" + tail(text));
    }
    return text;
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }
}
