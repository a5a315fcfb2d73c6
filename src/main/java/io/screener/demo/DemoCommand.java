package io.screener.demo;

import ch.qos.logback.classic.Level;
import io.screener.cli.DurationOption;
import io.screener.cli.SettingsOptions;
import io.screener.service.Logs;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code screener demo}: everything on this machine, with a live summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start a Kafka broker on 127.0.0.1, create the topics, seed reputation and quotes, run the "
            + "screener and the review console, and stream synthetic payments at a chosen rate, printing a "
            + "line a second and a final report. Stops after --duration, or on Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "500",
      description = "Payments per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      description =
          "Stream for this long (40s, 2m, 1h; a bare number is seconds), then report (default: until Ctrl-C).")
  @Nullable Duration duration;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of the payment and outcome topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the synthetic history (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--verbose",
      description = "Also print the screener's and Kafka's log lines (default: errors only).")
  boolean verbose;

  /** The settings file and overrides; the demo's own broker address replaces bootstrap.servers. */
  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  /**
   * The demo's output is its own status lines: the screener's INFO lines and Kafka's start-up
   * warnings (internal topics not created yet) are left out unless {@code --verbose}; {@code
   * -Dscreener.log.level} or {@code -Dscreener.log.kafka} wins.
   */
  public static void quietLogs() {
    Logs.lower(Logs.SCREENER, Level.ERROR);
    Logs.lower(Logs.KAFKA, Level.ERROR);
  }

  @Override
  public Integer call() throws Exception {
    if (rate < 1 || rate > 1_000_000) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--rate must be 1 to 1,000,000");
    }
    if (duration != null && duration.toMillis() < 1000) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--duration must be at least 1 second");
    }
    Demo demo =
        new Demo(
            new Demo.Options(
                settings.config(), rate, duration, partitions, seed, settings.overrides()),
            System.out);
    Thread hook =
        new Thread(
            () -> {
              demo.stop();
              try {
                demo.awaitStopped(Duration.ofSeconds(60));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Demo.Report report = demo.run();
    return report.decided() + report.deadLetters() == report.sent() ? 0 : 1;
  }
}
