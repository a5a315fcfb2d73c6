package io.screener.service;

import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.topology.ScreenerTopology;
import io.screener.topology.ScreeningEvents;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the screener against the configured brokers until stopped. A stream thread that dies is
 * replaced a bounded number of times; past that the client shuts down with a clear log instead of
 * limping on or hanging.
 */
public final class ScreenerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenerService.class);
  private static final int MAX_THREAD_REPLACEMENTS = 5;
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger replacements = new AtomicInteger();

  public ScreenerService(ScreenerSettings settings, ScreeningEvents events) {
    Scorer scorer = Scorer.standard(RulesLoader.load(settings.rulesFile()));
    Topology topology = ScreenerTopology.build(settings, scorer, events);
    LOG.info("rules {} loaded from {}", scorer.rules().version(), settings.rulesFile());
    streams = new KafkaStreams(topology, StreamsProperties.of(settings));
    streams.setUncaughtExceptionHandler(this::onUncaught);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
  }

  public KafkaStreams streams() {
    return streams;
  }

  public void start() {
    streams.start();
  }

  /** Blocks until the streams client stops (by {@link #close()} or a fatal error). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private StreamThreadExceptionResponse onUncaught(Throwable error) {
    if (replacements.incrementAndGet() <= MAX_THREAD_REPLACEMENTS) {
      LOG.error("stream thread failed; replacing it ({} of {})", replacements.get(), MAX_THREAD_REPLACEMENTS, error);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    LOG.error("stream thread failed {} times; shutting the screener down", replacements.get(), error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  @Override
  public void close() {
    if (!streams.close(CLOSE_TIMEOUT)) {
      LOG.warn("streams did not close within {}", CLOSE_TIMEOUT);
    }
    stopped.countDown();
  }
}
