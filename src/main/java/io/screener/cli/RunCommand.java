package io.screener.cli;

import io.screener.service.ScreenerService;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code screener run}: the service against the brokers in the configuration. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the screener against the configured Kafka cluster until stopped (SIGTERM or Ctrl-C). "
            + "Metrics on http://<metrics.address>/metrics; /health/ready (200 while RUNNING), /health/live. "
            + "Exit code 0 after a requested stop, 1 when the screener stopped on a fatal error.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  static final Duration HALT_AFTER = ScreenerService.CLOSE_TIMEOUT.plusSeconds(10);

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  @Override
  public Integer call() throws InterruptedException {
    try (ScreenerService service = ScreenerService.withMetrics(settings.load())) {
      Thread hook = new Thread(() -> closeOrHalt(service), "screener-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      service.start();
      service.awaitStop();
      return service.failed() ? 1 : 0;
    }
  }

  /**
   * Kafka Streams' close() waits for the lock its start() holds while the global stores restore,
   * which lasts as long as no broker answers; a SIGTERM then would hang. So the close gets {@link
   * #HALT_AFTER} and the JVM is halted past that.
   */
  private static void closeOrHalt(ScreenerService service) {
    Thread closer = new Thread(service::close, "screener-close");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(HALT_AFTER.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      LOG.error("screener did not stop within {}; halting", HALT_AFTER);
      Runtime.getRuntime().halt(1);
    }
  }
}
