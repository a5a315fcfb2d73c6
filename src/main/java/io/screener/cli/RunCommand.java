package io.screener.cli;

import io.screener.config.ScreenerSettings;
import io.screener.service.ScreenerService;
import io.screener.topology.ScreeningEvents;
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
    description = "Run the screener against the configured Kafka cluster until stopped (SIGTERM or Ctrl-C).")
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
    try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
      Thread hook = new Thread(service::close, "screener-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      service.start();
      service.awaitStop();
    }
    return 0;
  }
}
