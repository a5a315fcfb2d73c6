package io.screener.replay;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for runs longer than a couple of seconds: records, rate and, when the
 * input size is known, percent and ETA. Drawn only when stderr is a terminal; always silent
 * otherwise (the caller prints one summary line at the end either way).
 */
final class Progress {
  private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final LongSupplier bytesRead;
  private final long size;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  Progress(PrintStream err, boolean enabled, LongSupplier bytesRead, long size) {
    this.err = err;
    this.enabled = enabled;
    this.bytesRead = bytesRead;
    this.size = size;
  }

  /** Whether stderr is a terminal (Linux: fd 2 is a tty device; elsewhere: a console exists). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      // On Java 17, the build's, a null console means no terminal (22 and newer always give one).
      @SuppressWarnings("SystemConsoleNull")
      boolean terminal = System.console() != null;
      return terminal;
    }
  }

  /** Cheap enough to call every record: looks at the clock only every 4096 records. */
  void update(long records) {
    if (!enabled || (records & 4095) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - start < SHOW_AFTER_NANOS || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    double seconds = (now - start) / 1e9;
    double rate = records / seconds;
    StringBuilder line = new StringBuilder("\r");
    if (size > 0) {
      double done = Math.min(1.0, bytesRead.getAsLong() / (double) size);
      int filled = (int) (done * 30);
      line.append('[').append("#".repeat(filled)).append(".".repeat(30 - filled)).append("] ");
      line.append(String.format(Locale.ROOT, "%3.0f%% ", done * 100));
      line.append(String.format(Locale.ROOT, "%,d records  %,.0f/s", records, rate));
      if (done > 0.001) {
        long eta = Math.round(seconds / done - seconds);
        line.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
      }
    } else {
      line.append(String.format(Locale.ROOT, "%,d records  %,.0f/s", records, rate));
    }
    line.append("   ");
    err.print(line);
    err.flush();
  }

  /** Clears the bar so the summary line starts on a clean line. */
  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(90) + "\r");
      err.flush();
    }
  }
}
