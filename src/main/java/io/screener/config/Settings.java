package io.screener.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flat set of string settings with typed accessors. Every accessor's error names the key. Knows
 * which keys exist, so a typo in a file or an environment variable stops start-up instead of being
 * ignored.
 */
public final class Settings {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** Reads a properties file (UTF-8). */
  public static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw ConfigException.settingsFile(file, "no such file (name one with --config FILE)", null);
    } catch (IOException | IllegalArgumentException e) {
      throw ConfigException.settingsFile(file, "cannot read: " + e.getMessage(), e);
    }
    Map<String, String> map = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name).trim());
    }
    return map;
  }

  /** Parses settings in properties format from text; {@code source} names it in errors. */
  public static Map<String, String> parseProperties(String text, String source) {
    Properties properties = new Properties();
    try {
      properties.load(new java.io.StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(source, "cannot read: " + e.getMessage(), e);
    }
    Map<String, String> map = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name).trim());
    }
    return map;
  }

  /** Fails on the first key that is neither known nor under one of the pass-through prefixes. */
  public Settings requireKnown(Set<String> known, Set<String> prefixes) {
    for (String key : values.keySet()) {
      if (!known.contains(key) && prefixes.stream().noneMatch(key::startsWith)) {
        throw new ConfigException(key, "unknown setting (misspelt?)");
      }
    }
    return this;
  }

  public Map<String, String> asMap() {
    return values;
  }

  public boolean has(String key) {
    String value = values.get(key);
    return value != null && !value.isEmpty();
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new ConfigException(key, "missing");
    }
    return value;
  }

  public String string(String key, String fallback) {
    String value = values.get(key);
    return value != null && !value.isEmpty() ? value : fallback;
  }

  public int intInRange(String key, int min, int max) {
    String value = string(key);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "not a whole number: '" + value + "'");
    }
  }

  public long positiveLong(String key) {
    return longInRange(key, 1, Long.MAX_VALUE);
  }

  public long longInRange(String key, long min, long max) {
    String value = string(key);
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new ConfigException(
            key,
            min == 1 && max == Long.MAX_VALUE
                ? "must be positive, was " + value
                : "must be between " + min + " and " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "not a whole number: '" + value + "'");
    }
  }

  /**
   * A positive duration: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 6h}, {@code 7d} or
   * ISO-8601.
   */
  public Duration duration(String key) {
    return parseDuration(key, string(key));
  }

  /**
   * {@code value} as a positive duration ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 6h},
   * {@code 7d} or ISO-8601), the way every setting and command-line option reads one.
   *
   * @throws ConfigException naming {@code key} when it is not one
   */
  public static Duration parseDuration(String key, String value) {
    Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    Duration parsed;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      parsed =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        parsed = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw new ConfigException(key, "not a duration (e.g. 30s, 15m, 6h, 7d): '" + value + "'");
      }
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw new ConfigException(key, "must be positive, was " + value);
    }
    return parsed;
  }

  public Instant instant(String key) {
    String value = string(key);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          key, "not an ISO-8601 instant (e.g. 2009-01-01T00:00:00Z): '" + value + "'");
    }
  }

  /** A finite number within a range. */
  public double decimal(String key, double min, double max) {
    String value = string(key);
    try {
      double parsed = Double.parseDouble(value);
      if (!(parsed >= min && parsed <= max)) {
        throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "not a number: '" + value + "'");
    }
  }

  /** A comma-separated list of positive whole numbers. */
  public java.util.List<Long> positiveLongs(String key) {
    java.util.List<Long> list = new java.util.ArrayList<>();
    for (String part : string(key).split(",")) {
      try {
        long parsed = Long.parseLong(part.trim());
        if (parsed <= 0) {
          throw new ConfigException(key, "must list positive numbers, has " + part.trim());
        }
        list.add(parsed);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "not a whole number: '" + part.trim() + "'");
      }
    }
    return list;
  }

  /** A time of day, {@code HH:mm}. */
  public java.time.LocalTime timeOfDay(String key) {
    String value = string(key);
    try {
      return java.time.LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigException(key, "not a time of day (HH:mm): '" + value + "'");
    }
  }

  /** A time-zone id such as {@code Asia/Shanghai}. */
  public java.time.ZoneId zone(String key) {
    String value = string(key);
    try {
      return java.time.ZoneId.of(value);
    } catch (java.time.DateTimeException e) {
      throw new ConfigException(key, "not a time zone (e.g. Asia/Shanghai): '" + value + "'");
    }
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String value = string(key);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          key,
          "must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", was '"
              + value
              + "'");
    }
  }
}
