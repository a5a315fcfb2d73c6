package io.screener.config;

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

  public String key() {
    return key;
  }
}
