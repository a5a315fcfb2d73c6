package io.screener.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A setting is missing or wrong. The message names the key, so start-up can stop with one line. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String key, String problem) {
    super("config key '" + key + "': " + problem);
    this.key = key;
  }

  public ConfigException(String key, String problem, Throwable cause) {
    super("config key '" + key + "': " + problem, cause);
    this.key = key;
  }

  /** A settings file that is missing or unreadable: the message names the file, not a key. */
  public static ConfigException settingsFile(Path file, String problem, @Nullable Throwable cause) {
    return new ConfigException(
        cause, file.toString(), "settings file '" + file.toAbsolutePath() + "': " + problem);
  }

  private ConfigException(@Nullable Throwable cause, String key, String message) {
    super(message, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
