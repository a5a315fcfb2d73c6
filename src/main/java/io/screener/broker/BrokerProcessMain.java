package io.screener.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of a child-process broker: {@code kafka.Kafka server.properties}, plus a watchdog
 * that shuts the broker down when the parent's end of stdin closes, so a parent that dies (even by
 * SIGKILL) never leaves an orphan broker holding ports and log directories.
 */
final class BrokerProcessMain {
  private static final long HALT_AFTER_MS = 30_000;

  private BrokerProcessMain() {}

  public static void main(String[] args) {
    Thread watchdog = new Thread(BrokerProcessMain::exitWhenParentGoes, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    kafka.Kafka.main(args);
  }

  private static void exitWhenParentGoes() {
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // The parent never writes; anything read is discarded.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone, exactly like end of stream.
    }
    Thread halter =
        new Thread(
            () -> {
              try {
                Thread.sleep(HALT_AFTER_MS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(1);
            },
            "parent-watchdog-halt");
    halter.setDaemon(true);
    halter.start();
    // System.exit runs Kafka's shutdown hook, so the log is closed cleanly whenever that finishes
    // in time.
    System.exit(0);
  }
}
