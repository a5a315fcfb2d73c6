package io.screener.demo;

import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.cli.DurationOption;
import io.screener.cli.SettingsOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code screener demo}: everything on this machine, with a live summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a Kafka broker on 127.0.0.1, create the topics, seed reputation and quotes, run the",
      "screener and stream synthetic payments at a chosen rate, printing a line a second and a",
      "final report. Stops after --duration, or on Ctrl-C."
    })
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
   * warnings (internal topics not created yet) are left out unless {@code --verbose}. Called by the
   * tools' main before the command line is built (building it creates some of the loggers); a -D
   * option of the same name wins.
   */
  public static void quietLogs() {
    // Before the broker's class loads: loading it creates its io.screener logger.
    String screener = "org.slf4j.simpleLogger.log.io.screener";
    System.setProperty(screener, System.getProperty(screener, "error"));
    EmbeddedKafkaBroker.setLogLevel("error", List.of("org.apache.kafka", "kafka"));
    EmbeddedKafkaBroker.quietLogging("error");
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
