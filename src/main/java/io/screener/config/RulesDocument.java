package io.screener.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text of a rules file and of the term lists it names: what {@link RulesLoader} parses, whether
 * it came from {@code config/} or from a {@code screener-config} record. Its {@link #version()} is
 * the file's {@code rules.version} plus a digest of the texts, so an edited file can never pass for
 * the version it was copied from.
 *
 * @param source where the rules came from, for error messages
 * @param lists list texts by the file name the rules give them
 */
public record RulesDocument(String source, String rules, Map<String, String> lists) {
  /** The keys naming the term lists, in digest order. */
  static final String[] LIST_KEYS = {"lists.merchants", "lists.merchant-words", "lists.memo"};

  public RulesDocument {
    Objects.requireNonNull(rules, "rules");
    lists = Map.copyOf(lists);
  }

  /** Reads a rules file and the lists it names (relative to its folder). */
  public static RulesDocument read(Path file) {
    String rules = text(file, file.toString());
    Settings s = Settings.of(Settings.parseProperties(rules, file.toString()));
    Path base =
        Objects.requireNonNull(
            file.toAbsolutePath().getParent(), "the folder of the rules file " + file);
    Map<String, String> lists = new LinkedHashMap<>();
    for (String key : LIST_KEYS) {
      String name = s.string(key);
      lists.put(name, text(base.resolve(name), key));
    }
    return new RulesDocument(file.toString(), rules, lists);
  }

  /** The configVersion decisions made by these rules carry. */
  public String version() {
    Settings s = Settings.of(Settings.parseProperties(rules, source));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(rules.getBytes(StandardCharsets.UTF_8));
      for (String key : LIST_KEYS) {
        sha.update(list(s.string(key), key).getBytes(StandardCharsets.UTF_8));
      }
      return s.string("rules.version") + "+" + HexFormat.of().formatHex(sha.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The text of the list the rules name {@code name}, or a failure naming {@code key}. */
  String list(String name, String key) {
    String text = lists.get(name);
    if (text == null) {
      throw new ConfigException(key, "list '" + name + "' is not in " + source);
    }
    return text;
  }

  private static String text(Path file, String key) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(key, "no such file " + file);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
