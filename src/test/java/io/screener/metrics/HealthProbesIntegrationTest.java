package io.screener.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.fixtures.KafkaFixtures;
import io.screener.service.ScreenerService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two probes through a rebalance on a real broker: a second instance joining makes the first
 * rebalance; meanwhile it is alive (liveness 200) but not ready (readiness 503), and ready again
 * after.
 */
class HealthProbesIntegrationTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path stateA;
  @TempDir Path stateB;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aRebalancingInstanceIsAliveButNotReady() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(2).start()) {
      String applicationId = "screener-it-probes";
      ScreenerSettings a =
          KafkaFixtures.settings(
              broker,
              stateA,
              Map.of("metrics.address", "127.0.0.1:0", "application.id", applicationId));
      KafkaFixtures.createTopics(broker, a.topics(), 2);
      try (ScreenerService first = ScreenerService.withMetrics(a)) {
        first.start();
        int port = first.metricsPort();
        awaitStatus(port, "/health/ready", 200, Duration.ofSeconds(60));
        assertEquals(200, status(port, "/health/live"));
        assertEquals(200, status(port, "/health"), "the older name answers as readiness");

        ScreenerSettings b =
            KafkaFixtures.settings(
                broker,
                stateB,
                Map.of("metrics.address", "127.0.0.1:0", "application.id", applicationId));
        try (ScreenerService second = ScreenerService.withMetrics(b)) {
          second.start();
          // While the group rebalances, the first instance is not ready but alive.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          boolean sawNotReady = false;
          while (!sawNotReady && System.nanoTime() < deadline) {
            if (status(port, "/health/ready") == 503) {
              sawNotReady = true;
              assertEquals(200, status(port, "/health/live"), "rebalancing is alive");
            } else {
              Thread.sleep(10);
            }
          }
          assertTrue(sawNotReady, "the first instance never rebalanced");
          awaitStatus(port, "/health/ready", 200, Duration.ofSeconds(60));
          awaitStatus(second.metricsPort(), "/health/ready", 200, Duration.ofSeconds(60));
          assertEquals(200, status(port, "/health/live"));
        }
      }
    }
  }

  private static void awaitStatus(int port, String path, int expected, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last;
    while ((last = status(port, path)) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " answered " + last + ", not " + expected);
      }
      Thread.sleep(50);
    }
  }

  private static int status(int port, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
