package io.screener.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the screener frames the Avro records of the topics it shares with other applications, and
 * where it finds a schema registry. Internal topics (repartitions, changelogs) always use Avro
 * single-object encoding: nobody else reads them.
 *
 * @param framing how records are written; reading accepts either framing whatever this says
 * @param urls the registry's base addresses, tried in order; empty when none is configured (then a
 *     registry-framed record cannot be read and is dead-lettered saying so)
 * @param userInfo {@code user:password} for HTTP basic authentication, if the registry wants it
 * @param tls trust and client key material for an {@code https} registry
 * @param cacheCapacity the most schema ids (and subjects) kept resolved in memory
 * @param subjects how an output topic's schema is named in the registry
 * @param autoRegister whether the screener registers its output schemas, or only looks them up
 * @param requestTimeout how long one look-up may take, retries included, before it is given up
 */
public record RegistrySettings(
    Framing framing,
    List<URI> urls,
    Optional<String> userInfo,
    Tls tls,
    int cacheCapacity,
    SubjectStrategy subjects,
    boolean autoRegister,
    Duration requestTimeout) {

  /** How a record's bytes say which schema wrote them. */
  public enum Framing {
    /** Avro single-object encoding: {@code C3 01}, the schema's 8-byte fingerprint, the body. */
    SINGLE_OBJECT("single-object"),
    /** A schema registry's wire format: byte {@code 0}, a 4-byte schema id, the body. */
    REGISTRY("registry");

    private final String setting;

    Framing(String setting) {
      this.setting = setting;
    }

    /** The value of {@code serde.format} that selects it. */
    public String setting() {
      return setting;
    }
  }

  /** Which registry subject an output topic's value schema is registered under. */
  public enum SubjectStrategy {
    /** {@code <topic>-value}: one schema per topic (the registry serializers' default). */
    TOPIC("topic"),
    /** The record's full name, e.g. {@code io.screener.avro.ScreeningDecision}. */
    RECORD("record"),
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD("topic-record");

    private final String setting;

    SubjectStrategy(String setting) {
      this.setting = setting;
    }

    /** The subject of a value of record {@code recordName} written to {@code topic}. */
    public String subject(String topic, String recordName) {
      return switch (this) {
        case TOPIC -> topic + "-value";
        case RECORD -> recordName;
        case TOPIC_RECORD -> topic + "-" + recordName;
      };
    }
  }

  /** Key material for TLS; a store that is not configured is not used (the JDK's default trust). */
  public record Tls(Optional<KeyStoreFile> truststore, Optional<KeyStoreFile> keystore) {
    /** No TLS settings: the JDK's default trust store, no client certificate. */
    public static final Tls NONE = new Tls(Optional.empty(), Optional.empty());
  }

  /** A key store file, its password and its type ({@code PKCS12} or {@code JKS}). */
  public record KeyStoreFile(Path location, String password, String type) {}

  /** The keys under which these settings are read, with their defaults (empty: not set). */
  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("serde.format", Framing.SINGLE_OBJECT.setting());
    d.put("schema.registry.url", "");
    d.put("schema.registry.basic.auth.user.info", "");
    d.put("schema.registry.ssl.truststore.location", "");
    d.put("schema.registry.ssl.truststore.password", "");
    d.put("schema.registry.ssl.truststore.type", "PKCS12");
    d.put("schema.registry.ssl.keystore.location", "");
    d.put("schema.registry.ssl.keystore.password", "");
    d.put("schema.registry.ssl.keystore.type", "PKCS12");
    d.put("schema.registry.cache.capacity", "1000");
    d.put("schema.registry.subject.name.strategy", SubjectStrategy.TOPIC.setting);
    d.put("schema.registry.auto.register", "true");
    d.put("schema.registry.request.timeout", "10s");
    return d;
  }

  /** Single-object framing and no registry: what a build with no such settings does. */
  public static RegistrySettings none() {
    return from(Settings.of(defaults()), Path.of("."));
  }

  /** Reads and checks the settings; relative store paths resolve against {@code base}. */
  static RegistrySettings from(Settings s, Path base) {
    Framing framing = named(s, "serde.format", Framing.values(), Framing::setting);
    List<URI> urls = urls(s);
    if (framing == Framing.REGISTRY && urls.isEmpty()) {
      throw new ConfigException("schema.registry.url", "missing (serde.format is registry)");
    }
    Optional<String> userInfo = optional(s, "schema.registry.basic.auth.user.info");
    if (userInfo.isPresent() && userInfo.get().indexOf(':') < 1) {
      throw new ConfigException(
          "schema.registry.basic.auth.user.info", "must be user:password (the password hidden)");
    }
    Tls tls =
        new Tls(
            keyStore(s, base, "schema.registry.ssl.truststore"),
            keyStore(s, base, "schema.registry.ssl.keystore"));
    String register = s.string("schema.registry.auto.register").toLowerCase(Locale.ROOT);
    if (!register.equals("true") && !register.equals("false")) {
      throw new ConfigException(
          "schema.registry.auto.register", "must be true or false, was '" + register + "'");
    }
    return new RegistrySettings(
        framing,
        urls,
        userInfo,
        tls,
        s.intInRange("schema.registry.cache.capacity", 16, 1_000_000),
        named(
            s,
            "schema.registry.subject.name.strategy",
            SubjectStrategy.values(),
            strategy -> strategy.setting),
        register.equals("true"),
        s.duration("schema.registry.request.timeout"));
  }

  private static List<URI> urls(Settings s) {
    List<URI> urls = new ArrayList<>();
    for (String part : s.string("schema.registry.url", "").split(",")) {
      String text = part.trim();
      if (text.isEmpty()) {
        continue;
      }
      try {
        URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          throw new ConfigException(
              "schema.registry.url", "not an http(s) address with a host: '" + text + "'");
        }
        if (uri.getUserInfo() != null) {
          throw new ConfigException(
              "schema.registry.url",
              "holds credentials; put them in schema.registry.basic.auth.user.info");
        }
        urls.add(uri);
      } catch (URISyntaxException e) {
        throw new ConfigException("schema.registry.url", "not an address: '" + text + "'");
      }
    }
    return List.copyOf(urls);
  }

  private static Optional<KeyStoreFile> keyStore(Settings s, Path base, String prefix) {
    Optional<String> location = optional(s, prefix + ".location");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Path file = base.resolve(location.get());
    if (!Files.isReadable(file)) {
      throw new ConfigException(prefix + ".location", "no readable file at " + file);
    }
    String type = s.string(prefix + ".type").toUpperCase(Locale.ROOT);
    if (!type.equals("PKCS12") && !type.equals("JKS")) {
      throw new ConfigException(prefix + ".type", "must be PKCS12 or JKS, was '" + type + "'");
    }
    return Optional.of(new KeyStoreFile(file, s.string(prefix + ".password", ""), type));
  }

  private static Optional<String> optional(Settings s, String key) {
    return s.has(key) ? Optional.of(s.string(key)) : Optional.empty();
  }

  private static <E> E named(
      Settings s, String key, E[] values, java.util.function.Function<E, String> name) {
    String value = s.string(key).toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (E candidate : values) {
      if (name.apply(candidate).equals(value)) {
        return candidate;
      }
      names.add(name.apply(candidate));
    }
    throw new ConfigException(key, "must be one of " + names + ", was '" + value + "'");
  }
}
