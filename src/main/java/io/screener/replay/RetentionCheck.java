package io.screener.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * A republished record carries its own time (event time, or the feed entry's update time) as its
 * timestamp, so on a topic that deletes by time a record older than {@code retention.ms} is deleted
 * by the broker soon after it lands: a history older than a week vanishes from a topic with Kafka's
 * default retention, and the screener never sees it. The screener's decisions carry their payment's
 * time too, so the decision topics would drop them as they are written. This finds the oldest
 * record of each file and refuses, before anything is published, when a topic would drop it or the
 * decisions on it.
 */
final class RetentionCheck {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  /** The oldest record time of each topic's file, gathered before publishing. */
  private final Map<String, Instant> oldest = new LinkedHashMap<>();

  /** The topics the screener writes, each with the topic whose records' times it passes on. */
  private final Map<String, String> writtenFrom = new LinkedHashMap<>();

  /** Reads {@code file} once for the oldest of its records' times, to go to {@code topic}. */
  <T extends SpecificRecord> void scan(
      @Nullable Path file, Class<T> type, String topic, Function<T, Instant> time)
      throws IOException {
    if (file == null) {
      return;
    }
    try (RecordReader<T> reader = RecordReader.open(file, type)) {
      InputRecord<T> record;
      while ((record = reader.next()) != null) {
        T value = record.value();
        Instant at = value == null ? null : time.apply(value);
        if (at != null && at.toEpochMilli() >= 0) {
          oldest.merge(topic, at, RetentionCheck::earlier);
        }
      }
    }
  }

  /**
   * Holds {@code outputs} to the oldest time gathered for {@code input}: the screener writes each
   * decision (and each dead letter) with its payment's time as the record's timestamp, so a
   * decision topic deletes by the payments' age too. Call after {@link #scan} of {@code input}.
   */
  void carriedTo(String input, List<String> outputs) {
    Instant first = oldest.get(input);
    if (first == null) {
      return;
    }
    for (String output : outputs) {
      oldest.merge(output, first, RetentionCheck::earlier);
      writtenFrom.putIfAbsent(output, input);
    }
  }

  /**
   * Throws, naming each topic and the setting to change, when a topic whose {@code cleanup.policy}
   * deletes would drop records this old at {@code now}. A topic that does not exist yet is not
   * checked.
   */
  void require(Properties admin, String bootstrapServers, Instant now) throws IOException {
    if (oldest.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    try (Admin client = Admin.create(admin)) {
      Map<ConfigResource, KafkaFuture<Config>> configs =
          client
              .describeConfigs(
                  oldest.keySet().stream()
                      .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                      .toList())
              .values();
      for (Map.Entry<ConfigResource, KafkaFuture<Config>> entry : configs.entrySet()) {
        String topic = entry.getKey().name();
        Config config = config(entry.getValue());
        if (config == null) {
          continue;
        }
        long retention = Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG, "-1"));
        boolean deletes = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, "").contains("delete");
        Instant first = oldest.get(topic);
        if (deletes
            && retention >= 0
            && first != null
            && first.plusMillis(retention).isBefore(now)) {
          problems.add(
              "topic "
                  + topic
                  + " keeps records for retention.ms="
                  + retention
                  + " and the oldest to go there is from "
                  + first
                  + (writtenFrom.containsKey(topic)
                      ? ", a decision carrying the time of its payment on " + writtenFrom.get(topic)
                      : "")
                  + " (raise it: kafka-configs.sh --bootstrap-server "
                  + bootstrapServers
                  + " --alter --entity-type topics --entity-name "
                  + topic
                  + " --add-config retention.ms=-1)");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IOException(
          "nothing published: the broker would delete these records as they land, since each"
              + " carries its own time as its timestamp; "
              + String.join("; ", problems));
    }
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static @Nullable Config config(KafkaFuture<Config> future) throws IOException {
    try {
      return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IOException("cannot read the topics' settings: " + Failures.describe(e), e);
    } catch (TimeoutException e) {
      throw new IOException(
          "cannot read the topics' settings within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading the topics' settings", e);
    }
  }

  private static String value(Config config, String name, String otherwise) {
    ConfigEntry entry = config.get(name);
    return entry == null || entry.value() == null ? otherwise : entry.value();
  }
}
