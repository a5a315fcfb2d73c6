package io.screener.cli;

import io.screener.config.ScreenerSettings;
import io.screener.console.Console;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code screener console}: the analysts' review console against the configured cluster. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the analysts' review console on console.address (127.0.0.1:8080 by default) until"
          + " stopped (SIGTERM or Ctrl-C).",
      "It reads the flagged and blocked payments, account-actions, counterparty-reputation and the"
          + " screener's ladder and review ledger, and writes verdicts to review-verdicts.",
      "Analysts sign in with the names in console.users-file; without one it serves loopback only."
    })
final class ConsoleCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  @Override
  public Integer call() throws InterruptedException {
    ScreenerSettings loaded = settings.load();
    CountDownLatch stop = new CountDownLatch(1);
    try (Console console = Console.start(loaded)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(stop::countDown, "screener-console-shutdown"));
      System.out.println("screener console: " + console.url());
      stop.await();
    }
    return 0;
  }
}
