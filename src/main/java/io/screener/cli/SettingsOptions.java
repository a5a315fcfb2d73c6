package io.screener.cli;

import io.screener.config.ScreenerSettings;
import io.screener.service.Logs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} and {@code --set} options every command that reads the settings shares. */
public final class SettingsOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "${sys:screener.home:-.}/config/screener.properties",
      description = "Settings file (default: ${DEFAULT-VALUE}).")
  @SuppressWarnings("NullAway.Init") // picocli sets it: it has a defaultValue
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set bootstrap.servers=broker:9092. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** The settings file given by {@code --config}. */
  public Path config() {
    return config;
  }

  /** The {@code --set} overrides, in the order given. */
  public Map<String, String> overrides() {
    return overrides;
  }

  /**
   * The settings: file, then SCREENER_* environment variables, then --set. Log lines from here on
   * are in the format they name ({@code log.format}).
   */
  public ScreenerSettings load() {
    ScreenerSettings settings = ScreenerSettings.load(config, System.getenv(), overrides);
    Logs.use(settings.logFormat());
    return settings;
  }
}
