package io.screener.service;

import io.screener.config.ScreenerSettings;
import io.screener.screening.DeadLetterStage;
import io.screener.screening.ScreeningEvents;
import io.screener.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes unusable reputation and quote records to the dead-letter topic with their own producer.
 *
 * <p>Why not Kafka Streams' built-in dead-letter queue (KIP-1034): feeds are read by the global
 * thread, and in Kafka Streams 4.3.1 a deserialization handler response carrying dead-letter
 * records there fails with a ClassCastException (the global context has no record collector,
 * KAFKA-19939 discussion), which kills the global thread and with it the client. The global thread
 * also has no transactional producer, so these writes are at least once: after a restart the global
 * store re-reads its topic from the last checkpoint, and a bad record read again is dead-lettered
 * again, with the same source topic, partition and offset headers.
 */
public final class FeedDeadLetters implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedDeadLetters.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Properties producerConfig;
  private final String topic;
  private final ScreeningEvents events;
  private @Nullable KafkaProducer<byte[], byte[]> producer;
  private boolean closed;

  public FeedDeadLetters(ScreenerSettings settings, ScreeningEvents events) {
    this.topic = settings.topics().deadLetter();
    this.events = events;
    this.producerConfig = producerConfig(settings);
  }

  /**
   * Client settings from {@code kafka.*} that a producer understands, plus the screener's needs.
   */
  static Properties producerConfig(ScreenerSettings settings) {
    Properties config = new Properties();
    for (String name : settings.kafka().stringPropertyNames()) {
      String value = settings.kafka().getProperty(name);
      if (name.startsWith("producer.")) {
        config.put(name.substring("producer.".length()), value);
      } else if (ProducerConfig.configNames().contains(name)) {
        config.put(name, value);
      }
    }
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-feed-dead-letters");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }

  /**
   * The dead-letter record for a consumed record: its key and value unchanged, headers saying why.
   */
  static ProducerRecord<byte[], byte[]> deadLetter(
      String deadLetterTopic,
      ConsumerRecord<byte[], byte[]> record,
      DeadLetterStage stage,
      String reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    put(headers, DeadLetters.ERROR, reason);
    put(headers, DeadLetters.STAGE, stage.name());
    put(headers, DeadLetters.SOURCE_TOPIC, record.topic());
    put(headers, DeadLetters.SOURCE_PARTITION, Integer.toString(record.partition()));
    put(headers, DeadLetters.SOURCE_OFFSET, Long.toString(record.offset()));
    return new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers);
  }

  String topic() {
    return topic;
  }

  ScreeningEvents events() {
    return events;
  }

  /**
   * Sends and waits for the broker's acknowledgement, so a record is on the dead-letter topic
   * before the global thread moves past it. A failure is logged, not thrown: a dead-letter topic
   * that is down must not stop screening.
   */
  synchronized void send(
      ConsumerRecord<byte[], byte[]> record, DeadLetterStage stage, String reason) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (closed) {
      LOG.warn("feed record {} not dead-lettered (shutting down): {}", where, reason);
      return;
    }
    if (producer == null) {
      producer = new KafkaProducer<>(producerConfig);
    }
    try {
      producer
          .send(deadLetter(topic, record, stage, reason))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.warn("dead-lettered feed record {} ({}): {}", where, stage, reason);
    } catch (ExecutionException | TimeoutException e) {
      LOG.error("feed record {} could not be dead-lettered ({}); skipped: {}", where, e, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.error("interrupted while dead-lettering feed record {}; skipped: {}", where, reason);
    }
  }

  private static void put(RecordHeaders headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
