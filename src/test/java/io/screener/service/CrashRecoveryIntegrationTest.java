package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.Flow;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.ScreenerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The screener in a child JVM is killed with SIGKILL several times while payments flow, and
 * restarted each time on the same state folder; in the end every payment has exactly one committed
 * decision.
 */
class CrashRecoveryIntegrationTest {
  private static final int PAYMENTS = 20_000;
  private static final int KILLS = 3;

  @TempDir Path work;

  /** With either store kind: RocksDB keeps its files across the kills, memory restores in full. */
  @ParameterizedTest
  @ValueSource(strings = {"rocksdb", "memory"})
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldDecideEveryPaymentExactlyOnceAcrossRepeatedSigkills(String stateStore)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(3).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, work.resolve("state"), Map.of());
      KafkaFixtures.createTopics(broker, settings.topics(), 3);
      List<PaymentEvent> payments =
          Flow.payments("crash", PAYMENTS, Instant.now().minus(Duration.ofHours(1)));
      Map<String, String> overrides =
          Map.of(
              "bootstrap.servers",
              broker.bootstrapServers(),
              "state.dir",
              settings.stateDir().toString(),
              "application.id",
              settings.applicationId(),
              "state.store",
              stateStore,
              // A killed member leaves the group after this, not after the 45 s default.
              "kafka.session.timeout.ms",
              "6000",
              "kafka.heartbeat.interval.ms",
              "1500");

      Thread feeder =
          new Thread(() -> feed(broker, settings.topics().payments(), payments), "feeder");
      try (ScreenerProcess screener =
          new ScreenerProcess(overrides, work.resolve("screener.log"))) {
        screener.start();
        screener.awaitHealthy(Duration.ofSeconds(60));
        feeder.start();
        for (int kill = 0; kill < KILLS; kill++) {
          Thread.sleep(1_500 + ThreadLocalRandom.current().nextInt(2_000));
          screener.kill();
          screener.start();
          screener.awaitHealthy(Duration.ofSeconds(60));
        }
        feeder.join(TimeUnit.SECONDS.toMillis(60));

        Set<String> ids =
            payments.stream().map(PaymentEvent::getTransactionId).collect(Collectors.toSet());
        Decisions.assertExactlyOne(
            broker,
            settings.topics(),
            settings.applicationId(),
            ids,
            Duration.ofMinutes(2),
            screener.tail());

        assertEquals(
            143, screener.terminate(Duration.ofSeconds(45)), "exit by SIGTERM, not by the halt");
        assertTrue(screener.tail().contains("PENDING_SHUTDOWN -> NOT_RUNNING"), screener.tail());
      }
    }
  }

  /** Sends the payments at about 1,000 a second, so the kills land while they flow. */
  private static void feed(EmbeddedKafkaBroker broker, String topic, List<PaymentEvent> payments) {
    try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
      for (int from = 0; from < payments.size(); from += 500) {
        Flow.send(producer, topic, payments.subList(from, Math.min(payments.size(), from + 500)));
        producer.flush();
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
