package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.screener.config.ScreenerSettings;
import io.screener.metrics.MetricsServer;
import io.screener.metrics.ScreenerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests against the code: the settings they pass load (with the variables
 * Kubernetes itself injects for the Service), the ports and probe paths are the ones the app
 * serves, the state volume is where the settings put state, each pod is a static member of the
 * group under its pod name, and the grace period outlasts the shutdown bound.
 */
class KubernetesManifestTest {
  private static final Path MANIFEST = Path.of("config", "kubernetes", "screener.yaml");

  @Test
  void theStatefulSetMatchesTheApp() throws Exception {
    Map<String, JsonNode> byKind = documents();
    JsonNode service = byKind.get("Service");
    JsonNode set = byKind.get("StatefulSet");
    assertNotNull(service, "a Service");
    assertNotNull(set, "a StatefulSet");
    JsonNode pod = set.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    // The settings the pod gets load, beside what Kubernetes injects for a Service named screener.
    // A variable taken from the pod's own fields gets what Kubernetes would give the first pod.
    String podName = set.at("/metadata/name").asText() + "-0";
    Map<String, String> env = new HashMap<>();
    Map<String, String> fromPod = new HashMap<>();
    container
        .get("env")
        .forEach(
            e -> {
              String variable = e.get("name").asText();
              if (e.has("value")) {
                env.put(variable, e.get("value").asText());
              } else {
                String field = e.at("/valueFrom/fieldRef/fieldPath").asText();
                assertEquals("metadata.name", field, variable + " comes from an unexpected field");
                fromPod.put(variable, field);
                env.put(variable, podName);
              }
            });
    // Each pod is a static member under its own name.
    assertEquals(
        Map.of(ScreenerSettings.envName(ScreenerSettings.INSTANCE_ID), "metadata.name"), fromPod);
    String javaOpts = env.remove("JAVA_OPTS");
    assertTrue(javaOpts != null && javaOpts.contains("-Xmx"), "a heap size in JAVA_OPTS");
    Map<String, String> injected = new HashMap<>(env);
    String name =
        service.at("/metadata/name").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    injected.put(name + "_SERVICE_HOST", "10.0.0.7");
    injected.put(name + "_SERVICE_PORT", "9464");
    injected.put(name + "_SERVICE_PORT_METRICS", "9464");
    injected.put(name + "_PORT", "tcp://10.0.0.7:9464");
    injected.put(name + "_PORT_9464_TCP", "tcp://10.0.0.7:9464");
    injected.put(name + "_PORT_9464_TCP_PROTO", "tcp");
    injected.put(name + "_PORT_9464_TCP_PORT", "9464");
    injected.put(name + "_PORT_9464_TCP_ADDR", "10.0.0.7");
    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), injected, Map.of());

    assertEquals(java.util.Optional.of(podName), settings.instanceId());

    int port = container.at("/ports/0/containerPort").asInt();
    assertEquals(MetricsServer.parse(settings.metricsAddress()).getPort(), port);
    assertEquals("0.0.0.0", MetricsServer.parse(settings.metricsAddress()).getHostString());
    assertEquals(
        container.at("/ports/0/name").asText(), service.at("/spec/ports/0/targetPort").asText());

    Map<String, String> mounts = new HashMap<>();
    container
        .get("volumeMounts")
        .forEach(m -> mounts.put(m.get("name").asText(), m.get("mountPath").asText()));
    assertEquals(Path.of(mounts.get("state")), settings.stateDir());
    assertEquals(Path.of(mounts.get("rules"), "rules.properties"), settings.rulesFile());
    assertEquals("state", set.at("/spec/volumeClaimTemplates/0/metadata/name").asText());

    // The probes ask paths the app serves: liveness and startup the live one, readiness the ready
    // one.
    assertEquals("/health/live", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals("/health/live", container.at("/startupProbe/httpGet/path").asText());
    assertEquals("/health/ready", container.at("/readinessProbe/httpGet/path").asText());
    try (MetricsServer server =
        MetricsServer.start(
            "127.0.0.1:0", new ScreenerMetrics(), () -> KafkaStreams.State.RUNNING)) {
      HttpClient http = HttpClient.newHttpClient();
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        String path = container.at("/" + probe + "/httpGet/path").asText();
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), probe + " " + path);
      }
    }

    // SIGTERM gets the whole close bound, and the halt after it, before Kubernetes kills.
    assertTrue(
        pod.get("terminationGracePeriodSeconds").asLong() > RunCommand.HALT_AFTER.toSeconds(),
        "terminationGracePeriodSeconds past the halt at " + RunCommand.HALT_AFTER);
    // The image's user (Dockerfile useradd --uid), and a memory limit above the request.
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertTrue(dockerfile.contains("--uid " + pod.at("/securityContext/runAsUser").asText() + " "));
    assertTrue(
        gibibytes(container.at("/resources/limits/memory").asText())
            >= gibibytes(container.at("/resources/requests/memory").asText()));
  }

  private static Map<String, JsonNode> documents() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        yaml.readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
      it.forEachRemaining(docs::add);
    }
    Map<String, JsonNode> byKind = new HashMap<>();
    docs.forEach(d -> byKind.put(d.get("kind").asText(), d));
    return byKind;
  }

  private static double gibibytes(String quantity) {
    if (quantity.endsWith("Gi")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
    }
    if (quantity.endsWith("Mi")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) / 1024;
    }
    throw new IllegalArgumentException("quantity " + quantity);
  }
}
