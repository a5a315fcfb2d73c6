package io.screener.service;

import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.metrics.MetricsServer;
import io.screener.metrics.ScreenerMetrics;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.SchemaRegistryException;
import io.screener.serialization.WireFormat;
import io.screener.topology.ScreenerTopology;
import io.screener.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the screener against the configured brokers until stopped. A stream thread that dies is
 * replaced a bounded number of times; past that the client shuts down with a clear log instead of
 * limping on or hanging. {@link #withMetrics} adds the metrics and health endpoint.
 */
public final class ScreenerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenerService.class);
  private static final int MAX_THREAD_REPLACEMENTS = 5;
  private static final Duration THREAD_FAILURE_WINDOW = Duration.ofMinutes(10);
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** How long start-up waits for a broker to answer before giving up with a message. */
  static final Duration BROKER_WAIT = Duration.ofSeconds(60);

  private final ScreenerSettings settings;
  private final KafkaStreams streams;
  private final CloseOptions.GroupMembershipOperation onClose;
  private final FeedDeadLetters feedDeadLetters;
  private final @Nullable ScreenerMetrics metrics;
  private final WireFormat wire;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private @Nullable MetricsServer server;
  private boolean closed;

  public ScreenerService(ScreenerSettings settings, ScreeningEvents events) {
    this(settings, events, null);
  }

  private ScreenerService(
      ScreenerSettings settings, ScreeningEvents events, @Nullable ScreenerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    Scorer scorer = Scorer.standard(RulesLoader.load(settings.rulesFile()));
    wire = WireFormat.of(settings.registry());
    Topology topology =
        ScreenerTopology.build(settings, scorer, events, wire, System::currentTimeMillis);
    LOG.info("rules {} loaded from {}", scorer.rules().version(), settings.rulesFile());
    events.rulesInForce(scorer.rules().version());
    feedDeadLetters = new FeedDeadLetters(settings, events);
    Properties props = StreamsProperties.of(settings, feedDeadLetters);
    onClose = StreamsProperties.onClose(props);
    streams = new KafkaStreams(topology, props);
    // The client now holds the application's state directory, and has not started.
    RetiredStateFolders.remove(
        Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)),
        props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    streams.setUncaughtExceptionHandler(
        new ThreadFailurePolicy(
            MAX_THREAD_REPLACEMENTS, THREAD_FAILURE_WINDOW, System::currentTimeMillis, events));
    streams.setStateListener(
        (now, before) -> {
          LOG.info("streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
  }

  /**
   * The service with Prometheus metrics and {@code /health} served on {@code metrics.address} from
   * {@link #start()} until {@link #close()}.
   */
  public static ScreenerService withMetrics(ScreenerSettings settings) {
    ScreenerMetrics metrics = new ScreenerMetrics();
    try {
      return new ScreenerService(settings, metrics, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The metrics endpoint's port once started, or -1 without metrics. */
  public synchronized int metricsPort() {
    return server == null ? -1 : server.port();
  }

  /**
   * Checks the cluster will accept what the screener writes ({@link BrokerLimits}: a broker must
   * answer within {@link #BROKER_WAIT}) and, in registry framing, that the schema registry holds or
   * takes the output schemas, then starts the endpoint and the streams client. Kafka Streams'
   * start() blocks until the global stores are restored (forever while no broker answers), so it
   * runs without holding this object's lock: {@link #close()} from a shutdown hook must never wait
   * behind it.
   */
  public void start() {
    BrokerLimits.check(settings, BROKER_WAIT);
    try {
      wire.prepare(Topics.outputs(settings.topics()));
    } catch (SchemaRegistryException e) {
      throw new StartupException(Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (metrics != null) {
        server = MetricsServer.start(settings.metricsAddress(), metrics, streams::state);
        LOG.info(
            "metrics and health on {}: /metrics, /health/live, /health/ready", server.address());
      }
    }
    streams.start();
    synchronized (this) {
      if (metrics != null && !closed) {
        metrics.bind(streams);
      }
    }
  }

  /** Blocks until the streams client stops (by {@link #close()} or a fatal error). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Whether the client stopped because of an error rather than being closed. */
  public boolean failed() {
    return streams.state() == KafkaStreams.State.ERROR;
  }

  /**
   * Closes the streams client within {@link #CLOSE_TIMEOUT}, leaving the consumer group unless the
   * instance is a static member ({@link StreamsProperties#onClose}), then the endpoint and metrics.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!streams.close(
          CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(onClose))) {
        LOG.warn("streams did not close within {}", CLOSE_TIMEOUT);
      }
    } finally {
      stopped.countDown();
      feedDeadLetters.close();
      if (server != null) {
        server.close();
      }
      if (metrics != null) {
        metrics.close();
      }
    }
  }
}
