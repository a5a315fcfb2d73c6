package io.screener.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slow or stuck clients cannot hold the health probe. */
class MetricsServerTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldAnswerHealthWhileClientsHangMidRequestAndThenCutThemOff() throws Exception {
    try (MetricsServer server =
        MetricsServer.start(
            "127.0.0.1:0", new ScreenerMetrics(), () -> KafkaStreams.State.RUNNING)) {
      List<Socket> stuck = new ArrayList<>();
      try {
        // One fewer than the workers: each holds a worker thread reading a request that never ends.
        for (int i = 0; i < MetricsServer.THREADS - 1; i++) {
          stuck.add(halfRequest(server.port()));
        }
        HttpResponse<String> health = get(server.port(), "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"state\":\"RUNNING\""), health.body());
        // The answer came while the stuck clients were still connected, not after they were cut
        // off.
        for (Socket socket : stuck) {
          socket.setSoTimeout(100);
          assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
        }

        // The server gives up on them after its request timeout: each read ends (EOF or reset).
        for (Socket socket : stuck) {
          socket.setSoTimeout((MetricsServer.REQUEST_SECONDS + 20) * 1000);
          assertTrue(
              cutOff(socket.getInputStream()), "a client stuck mid-request was never cut off");
        }
        HttpResponse<String> after = get(server.port(), "/health");
        assertEquals(200, after.statusCode(), after.body());
      } finally {
        for (Socket socket : stuck) {
          socket.close();
        }
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRecoverWhenMoreClientsHangThanThereAreWorkers() throws Exception {
    try (MetricsServer server =
        MetricsServer.start(
            "127.0.0.1:0", new ScreenerMetrics(), () -> KafkaStreams.State.REBALANCING)) {
      List<Socket> stuck = new ArrayList<>();
      try {
        for (int i = 0; i < MetricsServer.THREADS * 2; i++) {
          stuck.add(halfRequest(server.port()));
        }
        // Every worker is held; the request waits for the timeout to free one, then is answered.
        HttpResponse<String> health = get(server.port(), "/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"state\":\"REBALANCING\""), health.body());
      } finally {
        for (Socket socket : stuck) {
          socket.close();
        }
      }
    }
  }

  /** A connection that sent the start of a request and then nothing more. */
  private static Socket halfRequest(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    socket
        .getOutputStream()
        .write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void readinessIsRunningOnlyAndLivenessIsAnythingButFailedOrStopped() throws Exception {
    java.util.concurrent.atomic.AtomicReference<KafkaStreams.State> state =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (MetricsServer server =
        MetricsServer.start("127.0.0.1:0", new ScreenerMetrics(), state::get)) {
      for (KafkaStreams.State s : KafkaStreams.State.values()) {
        state.set(s);
        boolean ready = s == KafkaStreams.State.RUNNING;
        boolean alive =
            s != KafkaStreams.State.ERROR
                && s != KafkaStreams.State.PENDING_ERROR
                && s != KafkaStreams.State.NOT_RUNNING;
        assertEquals(ready ? 200 : 503, get(server.port(), "/health/ready").statusCode(), s.name());
        assertEquals(ready ? 200 : 503, get(server.port(), "/health").statusCode(), s.name());
        HttpResponse<String> live = get(server.port(), "/health/live");
        assertEquals(alive ? 200 : 503, live.statusCode(), s.name());
        assertTrue(live.body().contains("\"state\":\"" + s.name() + "\""), live.body());
      }
      state.set(null);
      assertEquals(
          200, get(server.port(), "/health/live").statusCode(), "before the client exists");
      assertEquals(503, get(server.port(), "/health/ready").statusCode());
    }
  }

  private static boolean cutOff(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(MetricsServer.REQUEST_SECONDS * 6L))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
