package io.screener.cli;

import io.screener.config.ConfigException;
import io.screener.config.Settings;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the command line, read as the settings files read one ({@code 40s}, {@code 2m},
 * {@code 1h}); a bare number is seconds.
 */
public final class DurationOption implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.trim();
    if (text.matches("[0-9]+")) {
      text = text + "s";
    }
    try {
      return Settings.parseDuration("the option", text);
    } catch (ConfigException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a positive duration (e.g. 40s, 2m, 1h, or seconds)");
    }
  }
}
