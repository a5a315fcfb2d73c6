package io.screener.console;

import io.screener.avro.ReviewVerdict;
import io.screener.config.ConsoleSettings;
import io.screener.config.ScreenerSettings;
import io.screener.serialization.WireFormat;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console, running: the feed that reads the topics, the producer that writes verdicts
 * and the web server, started together and closed together.
 */
public final class Console implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);

  private final ConsoleSettings settings;
  private final ConsoleFeed feed;
  private final KafkaProducer<String, ReviewVerdict> producer;
  private @Nullable ConsoleServer server;

  private Console(ScreenerSettings settings, Analysts analysts) {
    this.settings = settings.console();
    ConsoleState state = new ConsoleState(this.settings.queueSize(), this.settings.maxAccounts());
    Clock clock = Clock.systemUTC();
    feed = new ConsoleFeed(settings, state, clock);
    producer =
        new KafkaProducer<>(
            producerConfig(settings),
            new StringSerializer(),
            WireFormat.of(settings.registry()).serde(ReviewVerdict.class).serializer());
    String topic = settings.topics().reviewVerdicts();
    VerdictWriter writer =
        new VerdictWriter(
            state,
            verdict ->
                producer
                    .send(new ProducerRecord<>(topic, verdict.getTransactionId(), verdict))
                    .get(40, TimeUnit.SECONDS),
            clock);
    try {
      feed.start();
      server =
          ConsoleServer.start(
              this.settings.host(),
              this.settings.port(),
              state,
              writer,
              analysts,
              settings.validation().maxMemoChars());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("review console on {} reading {}", url(), feed.topics());
  }

  /** Starts the console with the analysts its settings name ({@code console.users-file}). */
  public static Console start(ScreenerSettings settings) {
    return new Console(settings, Analysts.of(settings.console()));
  }

  /** Starts the console with these analysts (the demo's generated one, a test's). */
  public static Console start(ScreenerSettings settings, Analysts analysts) {
    return new Console(settings, analysts);
  }

  /** The address analysts open, e.g. {@code http://127.0.0.1:8080/}. */
  public synchronized String url() {
    int port = server == null ? settings.port() : server.port();
    return "http://" + settings.authority(port) + "/";
  }

  public ConsoleFeed feed() {
    return feed;
  }

  /**
   * Client settings from {@code kafka.*} a producer understands, then the console's own: every
   * write acknowledged by all in-sync replicas, and idempotent, so the client's retries never write
   * a verdict twice.
   */
  static Properties producerConfig(ScreenerSettings settings) {
    Properties config = new Properties();
    Properties kafka = settings.kafka();
    for (String name : kafka.stringPropertyNames()) {
      String value = kafka.getProperty(name);
      if (name.startsWith("producer.")) {
        config.put(name.substring("producer.".length()), value);
      } else if (ProducerConfig.configNames().contains(name)) {
        config.put(name, value);
      }
    }
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-console-verdicts");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    return config;
  }

  @Override
  public synchronized void close() {
    try {
      if (server != null) {
        server.close();
        server = null;
      }
    } finally {
      try {
        feed.close();
      } finally {
        producer.close();
      }
    }
  }
}
