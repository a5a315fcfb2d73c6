package io.screener.cli;

import io.screener.config.ScreenerSettings;
import io.screener.service.ScreenerService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code screener run}: the service against the brokers in the configuration. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the screener against the configured Kafka cluster until stopped (SIGTERM or Ctrl-C).",
      "Metrics on http://<metrics.address>/metrics, health on /health (200 only while RUNNING).",
      "Exit code 0 after a requested stop, 1 when the screener stopped on a fatal error."
    })
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "${sys:screener.home:-.}/config/screener.properties",
      description = "Settings file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set bootstrap.servers=broker:9092. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    ScreenerSettings settings = ScreenerSettings.load(config, System.getenv(), overrides);
    try (ScreenerService service = ScreenerService.withMetrics(settings)) {
      // Bounded: close() gives Kafka Streams ScreenerService.CLOSE_TIMEOUT, then returns.
      Thread hook = new Thread(service::close, "screener-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      service.start();
      service.awaitStop();
      return service.failed() ? 1 : 0;
    }
  }
}
