package io.screener.bench;

import io.screener.cli.SettingsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code screener bench}: the broker benchmark (pass-through limit, screener throughput, latency).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Start a Kafka broker in a child JVM on 127.0.0.1, preload generated payments, and measure a "
            + "pass-through Kafka Streams app and the screener over them (throughput and their ratio), then "
            + "the screener's end-to-end latency at a fixed rate, exactly-once and at-least-once. Prints a "
            + "table; --out also writes it as JSON. Stops by itself.")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--payments",
      paramLabel = "N",
      defaultValue = "200000",
      description = "Payments preloaded for the throughput runs (default: ${DEFAULT-VALUE}).")
  long payments;

  @Option(
      names = "--partitions",
      paramLabel = "P",
      defaultValue = "2",
      description = "Partitions of the payment and output topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "5000",
      description = "Offered payments per second in the latency runs (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--latency-seconds",
      paramLabel = "S",
      defaultValue = "20",
      description = "Length of each latency run (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(
      names = "--latency-warmup-seconds",
      paramLabel = "W",
      defaultValue = "5",
      description =
          "Seconds each latency run sends at the rate before the measured seconds; counted only in the *WithStart figures (default: ${DEFAULT-VALUE}).")
  int latencyWarmupSeconds;

  @Option(
      names = "--instances",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "Screener instances (in this JVM, one application id) in the throughput run (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--eos-commit-ms",
      paramLabel = "MS",
      defaultValue = "20",
      description =
          "commit.interval.ms of the exactly-once latency run (default: ${DEFAULT-VALUE}).")
  long eosCommitMs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the generated history (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--latency-set",
      paramLabel = "KEY=VALUE",
      description =
          "Override one setting in the latency runs only, e.g. --latency-set kafka.linger.ms=0. Repeatable.")
  Map<String, String> latencyOverrides = new LinkedHashMap<>();

  @Option(
      names = "--no-warmup",
      description =
          "Time the first (cold) runs of the pass-through and the screener instead of running each once before the timed runs.")
  boolean noWarmup;

  @Option(
      names = "--max-warmup-passes",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "After the cold run, run the screener over the payments again, at most N times, while the JIT compilers were busy for more than 5%% of the last run, so that the timed run measures compiled code (default: ${DEFAULT-VALUE}; three passes left them busy for a fifth of the timed run).")
  int maxWarmupPasses;

  @Option(
      names = "--key-by-transaction",
      description =
          "Key the payments by transaction id instead of payee id, so that a leg is decided without the repartition hop only when its account happens to live on the partition the payment arrived on.")
  boolean keyByTransaction;

  @Option(
      names = "--reference-round-trips",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "Round trips of Kafka's own EndToEndLatency, run with its ProducerPerformance on the same broker before the screener as an independent reference; 0 skips Kafka's tools (default: ${DEFAULT-VALUE}).")
  int referenceRoundTrips;

  @Option(
      names = "--history-days",
      paramLabel = "D",
      defaultValue = "0",
      description =
          "Days of event time the generated history spans; 0 lets the generator choose (6,500 payments a day, at most 30 days). Fewer days make the history denser: per-event-time upkeep (window-store segments, sweeps) then weighs less per payment, as at a provider's rate (default: ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also write the figures as JSON to FILE.")
  @Nullable Path out;

  /**
   * The settings file and overrides; the benchmark's broker, application ids and state dirs replace
   * theirs.
   */
  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    check(payments >= 1_000 && payments <= 10_000_000, "--payments must be 1,000 to 10,000,000");
    check(partitions >= 1 && partitions <= 64, "--partitions must be 1 to 64");
    check(rate >= 1 && rate <= 1_000_000, "--rate must be 1 to 1,000,000");
    check(latencySeconds >= 1 && latencySeconds <= 600, "--latency-seconds must be 1 to 600");
    check(
        latencyWarmupSeconds >= 0 && latencyWarmupSeconds <= 600,
        "--latency-warmup-seconds must be 0 to 600");
    check(instances >= 1 && instances <= 8, "--instances must be 1 to 8");
    check(eosCommitMs >= 0, "--eos-commit-ms must not be negative");
    check(maxWarmupPasses >= 0 && maxWarmupPasses <= 20, "--max-warmup-passes must be 0 to 20");
    check(
        referenceRoundTrips >= 0 && referenceRoundTrips <= 1_000_000,
        "--reference-round-trips must be 0 to 1,000,000");
    check(historyDays >= 0 && historyDays <= 366, "--history-days must be 0 to 366");
    Map<String, Object> result =
        new Bench(
                new Bench.Options(
                    settings.config(),
                    settings.overrides(),
                    payments,
                    partitions,
                    rate,
                    Duration.ofSeconds(latencySeconds),
                    Duration.ofSeconds(latencyWarmupSeconds),
                    instances,
                    eosCommitMs,
                    seed,
                    latencyOverrides,
                    !noWarmup,
                    maxWarmupPasses,
                    keyByTransaction,
                    referenceRoundTrips,
                    historyDays),
                System.out)
            .run();
    System.out.print(Bench.table(result));
    if (out != null) {
      Files.writeString(out, Bench.json(result), StandardCharsets.UTF_8);
      System.out.println("bench: wrote " + out);
    }
    return 0;
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
