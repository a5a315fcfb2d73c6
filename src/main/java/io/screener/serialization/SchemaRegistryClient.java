package io.screener.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screener.config.ConfigException;
import io.screener.config.RegistrySettings;
import io.screener.config.RegistrySettings.KeyStoreFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * The subset of a schema registry's REST API the screener uses (Confluent's, also served by
 * Karapace, Redpanda and Apicurio's compatible API): a writer schema by id ({@code GET
 * /schemas/ids/{id}}), registering a schema under a subject ({@code POST
 * /subjects/{subject}/versions}) and looking one up ({@code POST /subjects/{subject}}).
 *
 * <p>Answers are cached: a schema id always names the same schema, and a subject's id for a schema
 * does not change. Each cache holds at most {@code schema.registry.cache.capacity} entries and is
 * emptied when full (a topic sees few schemas; the bound only stops a stream of forged ids from
 * growing the heap). A request that fails for want of an answer (connection refused, a timeout, a
 * 5xx) is retried, on the next address if there are several, with a growing pause until {@code
 * schema.registry.request.timeout} has passed; then it fails with a {@link
 * SchemaRegistryException}. Thread-safe.
 */
public final class SchemaRegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

  private final List<URI> urls;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final int capacity;
  private final HttpClient http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private SchemaRegistryClient(RegistrySettings settings, SSLContext tls) {
    this.urls = settings.urls();
    this.authorization =
        settings
            .userInfo()
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    this.timeout = settings.requestTimeout();
    this.capacity = settings.cacheCapacity();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .sslContext(tls)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A client for the registry {@code settings} name.
   *
   * @throws ConfigException naming the key when no address is set or key material cannot be read
   */
  public static SchemaRegistryClient of(RegistrySettings settings) {
    if (settings.urls().isEmpty()) {
      throw new ConfigException("schema.registry.url", "missing");
    }
    return new SchemaRegistryClient(settings, tls(settings.tls()));
  }

  /** The registry's addresses, for messages. */
  public List<URI> urls() {
    return urls;
  }

  /**
   * The schema registered under {@code id}.
   *
   * @throws SerializationException when the registry knows no such id, or it is not an Avro schema
   * @throws SchemaRegistryException when the registry cannot be asked
   */
  public Schema schema(int id) {
    Schema known = schemasById.get(id);
    if (known != null) {
      return known;
    }
    Answer answer = request("GET", "/schemas/ids/" + id, null);
    if (answer.status == 404) {
      throw new SerializationException("schema id " + id + " unknown to the registry");
    }
    JsonNode body = answer.expectOk("schema id " + id);
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new SerializationException("schema id " + id + " is a " + type + " schema, not Avro");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(body.path("schema").asText());
    } catch (SchemaParseException e) {
      throw new SerializationException(
          "schema id " + id + " is not a valid Avro schema: " + e.getMessage());
    }
    remember(schemasById, id, schema);
    return schema;
  }

  /**
   * The id of {@code schema} under {@code subject}: registered there if {@code register}, else
   * looked up.
   *
   * @throws SchemaRegistryException when the registry cannot be asked, or refuses the schema, or
   *     (not registering) does not hold it under the subject
   */
  public int id(String subject, Schema schema, boolean register) {
    String key = subject + '\u0000' + SchemaCatalog.fingerprint(schema);
    Integer known = idsBySubjectSchema.get(key);
    if (known != null) {
      return known;
    }
    String path =
        "/subjects/"
            + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
            + (register ? "/versions" : "");
    String what =
        (register ? "registering " : "looking up ")
            + schema.getFullName()
            + " under subject "
            + subject;
    Answer answer = request("POST", path, JSON.createObjectNode().put("schema", schema.toString()));
    if (!register && answer.status == 404) {
      throw new SchemaRegistryException(
          what
              + ": not registered there (schema.registry.auto.register is false; register it, or"
              + " set it to true)");
    }
    JsonNode body = answer.expectOk(what);
    JsonNode id = body.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw new SchemaRegistryException(what + ": the registry's answer holds no id: " + body);
    }
    int value = id.intValue();
    remember(idsBySubjectSchema, key, value);
    schemasById.putIfAbsent(value, schema);
    return value;
  }

  private <K, V> void remember(Map<K, V> cache, K key, V value) {
    if (cache.size() >= capacity) {
      cache.clear();
    }
    cache.put(key, value);
  }

  /** Sends one request, retrying while no address answers, until the request timeout. */
  private Answer request(String method, String path, @Nullable JsonNode body) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    String lastProblem = "";
    for (int attempt = 0; ; attempt++) {
      URI base = urls.get(attempt % urls.size());
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SchemaRegistryException(
            "schema registry "
                + urls
                + " gave no answer to "
                + method
                + " "
                + path
                + " within "
                + timeout.toMillis()
                + " ms: "
                + lastProblem);
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofNanos(left))
              .header("Accept", CONTENT_TYPE + ", application/json");
      authorization.ifPresent(value -> request.header("Authorization", value));
      if (body == null) {
        request.GET();
      } else {
        request
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      }
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500) {
          return new Answer(base, response.statusCode(), response.body());
        }
        lastProblem = "HTTP " + response.statusCode() + " from " + base;
      } catch (IOException e) {
        lastProblem = e.getClass().getSimpleName() + " from " + base + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted asking the schema registry " + base, e);
      }
      if ((attempt + 1) % urls.size() == 0) {
        sleep(Math.min(pause.toNanos(), Math.max(0, deadline - System.nanoTime())));
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted waiting for the schema registry", e);
    }
  }

  /** A registry's answer below 500. */
  private record Answer(URI from, int status, String text) {
    /** The JSON body of a 200, or the failure the registry's error says. */
    JsonNode expectOk(String what) {
      JsonNode json;
      try {
        json = JSON.readTree(text);
      } catch (IOException e) {
        json = JSON.createObjectNode().put("message", text);
      }
      if (status == 200) {
        return json;
      }
      String message = json.path("message").asText(text);
      String code = json.has("error_code") ? " error " + json.get("error_code").asText() : "";
      String hint =
          status == 401 || status == 403 ? " (check schema.registry.basic.auth.user.info)" : "";
      throw new SchemaRegistryException(
          what + ": HTTP " + status + code + " from " + from + ": " + message + hint);
    }
  }

  /** The TLS context for {@code https} addresses: the configured stores, else the JDK's. */
  private static SSLContext tls(RegistrySettings.Tls tls) {
    try {
      if (tls.truststore().isEmpty() && tls.keystore().isEmpty()) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory trust = null;
      if (tls.truststore().isPresent()) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(tls.truststore().get(), "schema.registry.ssl.truststore"));
      }
      KeyManagerFactory keys = null;
      if (tls.keystore().isPresent()) {
        KeyStoreFile file = tls.keystore().get();
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(file, "schema.registry.ssl.keystore"), file.password().toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          "schema.registry.ssl.keystore.location", "unusable key material: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(KeyStoreFile file, String prefix) {
    try (InputStream in = Files.newInputStream(file.location())) {
      KeyStore store = KeyStore.getInstance(file.type());
      store.load(in, file.password().toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password shows as an IOException whose cause is an UnrecoverableKeyException.
      throw new ConfigException(
          prefix + ".location",
          "cannot read " + file.location() + " (wrong " + prefix + ".password?): " + e.getMessage(),
          e);
    }
  }
}
