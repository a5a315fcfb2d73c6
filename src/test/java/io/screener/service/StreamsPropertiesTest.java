package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screener.config.ScreenerSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The producer and commit settings Kafka Streams builds from the screener's properties. */
class StreamsPropertiesTest {
  /** The linger of the stream threads' producers, as Kafka Streams configures them. */
  private static Object linger(Map<String, String> overrides) {
    return new StreamsConfig(StreamsProperties.of(settings(overrides)))
        .getProducerConfigs("screener-test-producer")
        .get(ProducerConfig.LINGER_MS_CONFIG);
  }

  /** The shipped settings file with these overrides. */
  private static ScreenerSettings settings(Map<String, String> overrides) {
    Map<String, String> set = new HashMap<>(overrides);
    set.putIfAbsent("kafka.bootstrap.servers", "127.0.0.1:9092");
    return ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), set);
  }

  @Test
  void shouldKeepKafkaStreamsLingerUnderExactlyOnce() {
    assertEquals("100", String.valueOf(linger(Map.of())));
  }

  @Test
  void shouldLingerBrieflyUnderAtLeastOnce() {
    assertEquals(
        StreamsProperties.AT_LEAST_ONCE_LINGER_MS,
        String.valueOf(linger(Map.of("kafka.processing.guarantee", "at_least_once"))));
  }

  @Test
  void shouldLeaveALingerTheSettingsGiveAlone() {
    Map<String, String> own =
        Map.of("kafka.processing.guarantee", "at_least_once", "kafka.linger.ms", "50");
    assertEquals("50", String.valueOf(linger(own)));
    Map<String, String> prefixed =
        Map.of("kafka.processing.guarantee", "at_least_once", "kafka.producer.linger.ms", "20");
    assertEquals("20", String.valueOf(linger(prefixed)));
  }

  @Test
  void shouldCommitByTheGuarantee() {
    assertEquals("100", commitInterval(Map.of()));
    assertEquals(
        StreamsProperties.AT_LEAST_ONCE_COMMIT_INTERVAL_MS,
        commitInterval(Map.of("kafka.processing.guarantee", "at_least_once")));
    assertEquals(
        "250",
        commitInterval(
            Map.of(
                "kafka.processing.guarantee", "at_least_once", "kafka.commit.interval.ms", "250")));
    assertEquals("250", commitInterval(Map.of("kafka.commit.interval.ms", "250")));
  }

  /** The commit interval Kafka Streams runs with under the shipped settings and these overrides. */
  private static String commitInterval(Map<String, String> overrides) {
    return String.valueOf(
        new StreamsConfig(StreamsProperties.of(settings(overrides)))
            .getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
  }
}
