package io.screener.domain.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Loads a keyword data file into a {@link KeywordIndex} keyed by an enum of kinds.
 *
 * <p>Format: UTF-8 text, one entry per line, {@code KIND<whitespace>term}. {@code KIND} is the
 * exact name of a constant of the caller's enum, or {@value #EXCLUDE} for an exclusion (see {@link
 * KeywordIndex.Builder#exclude(String)}). The term is the rest of the line, trimmed, and may
 * contain spaces. Blank lines are ignored; {@code #} starts a comment when it begins the line or
 * follows whitespace. A leading byte-order mark is tolerated.
 *
 * <pre>
 * # exchanges
 * EXCHANGE   binance.com
 * EXCHANGE   币安            # Binance in Chinese
 * EXCLUDE    人民币
 * </pre>
 *
 * <p>Malformed lines fail the whole load with an {@link IllegalArgumentException} whose message
 * starts with {@code source:line:}.
 */
public final class KeywordList {

  /** The reserved kind that declares an exclusion rather than a keyword. */
  public static final String EXCLUDE = "EXCLUDE";

  private KeywordList() {}

  /**
   * Loads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of the first malformed entry
   * @throws IOException if the file cannot be read or is not valid UTF-8
   */
  public static <K extends Enum<K>> KeywordIndex<K> load(Path file, Class<K> kinds)
      throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(reader, file.toString(), kinds);
    }
  }

  /**
   * Loads entries from {@code reader}, naming it {@code <reader>} in errors. The reader is not
   * closed.
   *
   * @throws IllegalArgumentException naming the line of the first malformed entry
   */
  public static <K extends Enum<K>> KeywordIndex<K> load(Reader reader, Class<K> kinds)
      throws IOException {
    return load(reader, "<reader>", kinds);
  }

  /**
   * Loads entries from {@code reader}, naming it {@code sourceName} in errors. The reader is not
   * closed.
   *
   * @throws IllegalArgumentException naming the source and line of the first malformed entry
   */
  public static <K extends Enum<K>> KeywordIndex<K> load(
      Reader reader, String sourceName, Class<K> kinds) throws IOException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(sourceName, "sourceName");
    Map<String, K> byName = new HashMap<>();
    for (K kind : kinds.getEnumConstants()) {
      byName.put(kind.name(), kind);
    }
    KeywordIndex.Builder<K> builder = KeywordIndex.builder();
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    int lineNumber = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String entry = stripComment(line).strip();
      if (entry.isEmpty()) {
        continue;
      }
      int split = 0;
      while (split < entry.length() && !Character.isWhitespace(entry.charAt(split))) {
        split++;
      }
      String kindName = entry.substring(0, split);
      String term = entry.substring(split).strip();
      if (term.isEmpty()) {
        throw error(sourceName, lineNumber, "missing term after kind '" + kindName + "'", null);
      }
      K kind = null;
      if (!EXCLUDE.equals(kindName)) {
        kind = byName.get(kindName);
        if (kind == null) {
          throw error(
              sourceName,
              lineNumber,
              "unknown kind '"
                  + kindName
                  + "'; expected one of "
                  + Arrays.toString(kinds.getEnumConstants())
                  + " or "
                  + EXCLUDE,
              null);
        }
      }
      try {
        if (kind == null) {
          builder.exclude(term);
        } else {
          builder.add(term, kind);
        }
      } catch (IllegalArgumentException e) {
        throw error(sourceName, lineNumber, e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static IllegalArgumentException error(
      String source, int line, @Nullable String message, @Nullable Throwable cause) {
    return new IllegalArgumentException(source + ":" + line + ": " + message, cause);
  }
}
