package io.screener.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.screener.config.HostPort;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The HTTP endpoint on {@code metrics.address}: {@code GET /metrics} is the Prometheus scrape; the
 * health endpoints say the Kafka Streams state:
 *
 * <ul>
 *   <li>{@code /health/ready} (and {@code /health}, its older name): 200 only while RUNNING, 503
 *       otherwise, including while rebalancing or restoring state: whether the instance is deciding
 *       now.
 *   <li>{@code /health/live}: 200 unless the client has failed (ERROR, PENDING_ERROR) or stopped
 *       (NOT_RUNNING): rebalancing and restoring are alive, so a liveness probe on it does not
 *       restart an instance in every rebalance.
 * </ul>
 *
 * <p>Requests are served by {@value #THREADS} threads, and a client that has not sent its whole
 * request within {@value #REQUEST_SECONDS} s (or not read the response within as long) is cut off,
 * so slow or stuck clients cannot hold the probe: the JDK server reads each request on a worker
 * thread, and by default waits for it forever.
 */
public final class MetricsServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final int THREADS = 4;
  static final int REQUEST_SECONDS = 5;

  static {
    // The JDK server reads these once, when its first instance is made; a value set on the
    // command line wins.
    limit("sun.net.httpserver.maxReqTime");
    limit("sun.net.httpserver.maxRspTime");
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving.
   *
   * @param address {@code host:port}; port 0 picks a free one (see {@link #port()})
   * @param state the streams state now; null before the client exists
   */
  public static MetricsServer start(
      String address, ScreenerMetrics metrics, Supplier<KafkaStreams.State> state) {
    InetSocketAddress bind = parse(address);
    HttpServer server;
    try {
      server = HttpServer.create(bind, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on metrics.address " + address, e);
    }
    server.createContext(
        "/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
    server.createContext("/health", exchange -> health(exchange, state.get()));
    server.createContext("/health/ready", exchange -> health(exchange, state.get()));
    server.createContext("/health/live", exchange -> liveness(exchange, state.get()));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread thread =
                  new Thread(task, "screener-metrics-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  private static void limit(String property) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(REQUEST_SECONDS));
    }
  }

  /** The address actually bound, as {@code host:port}. */
  public String address() {
    return server.getAddress().getHostString() + ":" + port();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Parses {@code host:port} (the host may be an IPv6 literal in brackets). */
  public static InetSocketAddress parse(String address) {
    HostPort parsed = HostPort.parse(address);
    return new InetSocketAddress(parsed.host(), parsed.port());
  }

  private static void health(HttpExchange exchange, KafkaStreams.State state) throws IOException {
    status(exchange, state, state == KafkaStreams.State.RUNNING);
  }

  private static void liveness(HttpExchange exchange, KafkaStreams.State state) throws IOException {
    status(exchange, state, alive(state));
  }

  /**
   * Whether a client in {@code state} (null: not created yet) is alive: not failed, not stopped.
   */
  static boolean alive(KafkaStreams.State state) {
    return state != KafkaStreams.State.ERROR
        && state != KafkaStreams.State.PENDING_ERROR
        && state != KafkaStreams.State.NOT_RUNNING;
  }

  private static void status(HttpExchange exchange, KafkaStreams.State state, boolean up)
      throws IOException {
    String name = state == null ? "CREATED" : state.name();
    String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + name + "\"}\n";
    respond(exchange, up ? 200 : 503, "application/json", body);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** Stops listening at once; a scrape in flight is cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
