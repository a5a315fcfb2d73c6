package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screener.config.ScreenerSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The producer settings Kafka Streams builds from the screener's properties. */
class StreamsPropertiesTest {
  /** The linger of the stream threads' producers, as Kafka Streams configures them. */
  private static Object linger(Map<String, String> overrides) {
    Map<String, String> set = new HashMap<>(overrides);
    set.putIfAbsent("kafka.bootstrap.servers", "127.0.0.1:9092");
    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), set);
    return new StreamsConfig(StreamsProperties.of(settings))
        .getProducerConfigs("screener-test-producer")
        .get(ProducerConfig.LINGER_MS_CONFIG);
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
}
