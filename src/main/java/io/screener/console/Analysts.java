package io.screener.console;

import io.screener.config.ConfigException;
import io.screener.config.ConsoleSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who may sign in to the console (HTTP basic authentication), from {@code console.users-file}: one
 * analyst a line, {@code name:password} or {@code name:sha256:<64 hex digits>} (the SHA-256 of the
 * password, so the file need not hold it); blank lines and lines starting with {@code #} are
 * skipped. The name signed in with is the analyst recorded in the verdicts. Without a file nobody
 * signs in, which {@link ConsoleSettings} allows on a loopback address only.
 */
public final class Analysts {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final String SHA256 = "sha256:";

  /** Each analyst's name and the SHA-256 of their password. */
  private final Map<String, byte[]> digests;

  private Analysts(Map<String, byte[]> digests) {
    this.digests = digests;
  }

  /** Nobody signs in: the console asks each verdict's form for the analyst's name. */
  public static Analysts none() {
    return new Analysts(Map.of());
  }

  /** The analysts the settings name, or {@link #none()}. */
  public static Analysts of(ConsoleSettings settings) {
    Optional<Path> file = settings.usersFile();
    return file.isEmpty() ? none() : read(file.get());
  }

  /** Reads a users file; a problem is one message naming the file's setting and the line. */
  public static Analysts read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(ConsoleSettings.USERS_FILE, "cannot read " + file + ": " + e, e);
    }
    return parse(lines, file.toString());
  }

  static Analysts parse(List<String> lines, String source) {
    Map<String, byte[]> digests = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw problem(where + ": expected name:password");
      }
      String name = line.substring(0, colon);
      String secret = line.substring(colon + 1);
      if (!NAME.matcher(name).matches()) {
        throw problem(where + ": a name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
      }
      if (secret.isEmpty()) {
        throw problem(where + ": " + name + " has no password");
      }
      byte[] digest;
      if (secret.startsWith(SHA256)) {
        String hex = secret.substring(SHA256.length()).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
          throw problem(where + ": sha256: must be followed by 64 hex digits");
        }
        digest = HexFormat.of().parseHex(hex);
      } else {
        digest = sha256(secret);
      }
      if (digests.put(name, digest) != null) {
        throw problem(where + ": " + name + " is listed twice");
      }
    }
    if (digests.isEmpty()) {
      throw problem(source + " names no analyst");
    }
    return new Analysts(Map.copyOf(digests));
  }

  /** Whether anyone must sign in. */
  public boolean required() {
    return !digests.isEmpty();
  }

  /**
   * The analyst these credentials sign in, or null when they do not. The comparison takes the same
   * time whether the name is known or not, and whatever the password.
   */
  public @Nullable String signIn(@Nullable String name, @Nullable String password) {
    if (name == null || password == null) {
      return null;
    }
    byte[] expected = digests.get(name);
    byte[] given = sha256(password);
    boolean match = MessageDigest.isEqual(expected == null ? new byte[32] : expected, given);
    return match && expected != null ? name : null;
  }

  /** The SHA-256 of a password in the users file's form: {@code sha256:<hex>}. */
  public static String hashed(String password) {
    return SHA256 + HexFormat.of().formatHex(sha256(password));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static ConfigException problem(String message) {
    return new ConfigException(ConsoleSettings.USERS_FILE, message);
  }
}
