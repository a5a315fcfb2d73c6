package io.screener.domain;

import java.util.Locale;

/** Formats amounts and durations for reasons a reviewer reads. */
public final class Formats {
  private Formats() {}

  /** {@code 718000, "CNY"} becomes {@code "7,180.00 CNY"}. */
  public static String format(long minor, String currency) {
    return String.format(Locale.ROOT, "%,d.%02d %s", minor / 100, Math.abs(minor % 100), currency);
  }

  /** {@code 21600000} becomes {@code "6h"}; minutes and seconds likewise. */
  public static String duration(long millis) {
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis >= 60_000) {
      return millis / 60_000 + "m";
    }
    return Math.max(0, millis / 1000) + "s";
  }
}
