package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.broker.FreePorts;
import io.screener.config.ConfigException;
import io.screener.config.ScreenerSettings;
import io.screener.fixtures.KafkaFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What start-up checks against a real broker before it screens anything. */
class StartupChecksIntegrationTest {
  @TempDir Path stateDir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseAFutureSkewTheBrokersWouldNotAcceptNamingTheKey() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start()) {
      ScreenerSettings wide =
          KafkaFixtures.settings(broker, stateDir, Map.of("validation.max-future-skew", "2h"));
      ScreenerSettings narrow = KafkaFixtures.settings(broker, stateDir, Map.of());

      ConfigException refused =
          assertThrows(
              ConfigException.class, () -> BrokerLimits.check(wide, Duration.ofSeconds(20)));
      assertEquals("validation.max-future-skew", refused.key());
      assertTrue(
          refused.getMessage().contains("log.message.timestamp.after.max.ms"),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("3600000 ms"), refused.getMessage());
      assertDoesNotThrow(() -> BrokerLimits.check(narrow, Duration.ofSeconds(20)));
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shouldGiveUpWithOneMessageWhenNoBrokerAnswers() {
    int closed = FreePorts.onLoopback();
    ScreenerSettings settings =
        ScreenerSettings.load(
            Path.of("config", "screener.properties"),
            Map.of(),
            Map.of("bootstrap.servers", "127.0.0.1:" + closed, "state.dir", stateDir.toString()));

    long start = System.nanoTime();
    StartupException failed =
        assertThrows(
            StartupException.class, () -> BrokerLimits.check(settings, Duration.ofSeconds(3)));

    assertTrue(
        failed
            .getMessage()
            .startsWith("no Kafka broker answered at 127.0.0.1:" + closed + " within PT3S"),
        failed.getMessage());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "a bounded wait");
  }
}
