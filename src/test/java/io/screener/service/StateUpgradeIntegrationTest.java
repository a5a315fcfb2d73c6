package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.LotPrice;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.AccountActivityCodec;
import io.screener.domain.behaviour.Keys;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerProcess;
import io.screener.fixtures.TestRules;
import io.screener.screening.ScreeningEvents;
import io.screener.topology.ScreenerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade meets state an earlier build wrote, in the changelog it restores from: the release
 * before this one wrote {@code account-activity} in format 3, which this build reads and carries
 * on; a format it does not know (a roll-back past a newer build) stops it with one line, before any
 * payment is decided or dead-lettered.
 */
class StateUpgradeIntegrationTest {
  private static final int PARTITIONS = 2;
  private static final String PAYEE = "upgraded-payee";

  /**
   * What the release of 2026-12-07 wrote (format 3): two inflows, from payer-1 and payer-2, and a
   * turnover; legs tx-1 and tx-2 received and tx-3 sent; payer-1 remembered.
   */
  private static final String PREVIOUS =
      "030000019b8b75ecc0c0a907040280d30e4e6eac0b61f19f24d89b588596fc76092a2e9600c0a9074e6eaf0b61f1a43d"
          + "c09a0c000000000000000080a8d6b90700800000000000000006b10682ef818d766f80d30eb10683ef818d7822c0a907"
          + "6452b378061f28e100024e6eac0b61f19f2480d30e";

  /** The time of the first of those inflows. */
  private static final Instant T0 = Instant.ofEpochMilli(1_767_571_200_000L);

  @TempDir Path stateDir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldCarryOnFromStateOfThePreviousFormat() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().partitions(PARTITIONS).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, PARTITIONS);
      String changelog = changelog(settings);
      writeState(broker, changelog, HexFormat.of().parseHex(PREVIOUS));

      PaymentEvent payment =
          Payments.transfer("payer-3", PAYEE, 100_000)
              .id("after-upgrade")
              .at(T0.plusSeconds(180))
              .build();
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        KafkaFixtures.sendPayment(
            producer, topics.payments(), ScreenerTopology.inputKey(payment), payment);
        producer.flush();
        Decisions.assertExactlyOne(
            broker,
            topics,
            settings.applicationId(),
            List.of("after-upgrade"),
            Duration.ofSeconds(90),
            "");
      }

      // The record the screener wrote back: this build's format, with the two inflows of before.
      List<ConsumerRecord<byte[], byte[]>> written =
          KafkaFixtures.readCommitted(
              broker, List.of(changelog), r -> r.size() >= 2, Duration.ofSeconds(30));
      ConsumerRecord<byte[], byte[]> last = written.get(written.size() - 1);
      assertEquals(PAYEE, new String(last.key(), StandardCharsets.UTF_8));
      assertEquals(AccountActivityCodec.FORMAT, last.value()[0]);
      AccountActivity after = AccountActivityCodec.decode(last.value());
      assertTrue(
          after.delivered(Keys.receivedLeg("after-upgrade"), Long.MIN_VALUE),
          "the new payment's leg");
      assertTrue(after.paidBy(Keys.hash("payer-3"), Long.MIN_VALUE));
      assertTrue(after.paidBy(Keys.hash("payer-1"), Long.MIN_VALUE), "a payer from before");
      assertTrue(after.delivered(Keys.receivedLeg("tx-2"), Long.MIN_VALUE), "a leg from before");
      BehaviourFeatures next =
          after.recordInflow(
              T0.plusSeconds(240).toEpochMilli(),
              Keys.hash("payer-4"),
              100_000,
              0,
              LotPrice.NONE,
              true,
              TestRules.shipped().behaviour());
      assertEquals(
          4,
          next.distinctPayers(),
          "payer-1 and payer-2 from before the upgrade, payer-3 and payer-4");
      assertEquals(4, next.inflowCount());
    }
  }

  /**
   * The line is logged as soon as a task meets the record (within seconds); the client then needs
   * up to the consumer's session timeout (45 s) to leave its group before the process exits.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldRefuseStateOfAFormatItCannotReadWithOneLine() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().partitions(PARTITIONS).start()) {
      Map<String, String> overrides =
          Map.of(
              "bootstrap.servers", broker.bootstrapServers(),
              "state.dir", stateDir.toString(),
              "application.id", "screener-upgrade-it-" + UUID.randomUUID());
      ScreenerSettings settings =
          ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), overrides);
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, PARTITIONS);
      byte[] newer = HexFormat.of().parseHex(PREVIOUS);
      newer[0] = 9;
      writeState(broker, changelog(settings), newer);
      PaymentEvent payment =
          Payments.transfer("payer-3", PAYEE, 100_000)
              .id("refused-state")
              .at(T0.plusSeconds(180))
              .build();
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
        KafkaFixtures.sendPayment(
            producer, topics.payments(), ScreenerTopology.inputKey(payment), payment);
        producer.flush();
      }

      Path output = stateDir.resolve("screener.log");
      try (ScreenerProcess screener = new ScreenerProcess(overrides, output)) {
        screener.start();
        int exit = screener.awaitExit(Duration.ofSeconds(150));
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(1, exit, log);
        assertTrue(
            log.contains(
                "state holds account activity in format 9 (this build reads 1 to 4) that this build cannot read"),
            screener.tail());
      }
      List<ConsumerRecord<byte[], byte[]>> out =
          KafkaFixtures.readCommitted(
              broker,
              List.of(topics.blocked(), topics.flagged(), topics.cleared(), topics.deadLetter()),
              r -> !r.isEmpty(),
              Duration.ofSeconds(3));
      assertEquals(List.of(), out, "nothing decided or dead-lettered on state it cannot read");
    }
  }

  private static String changelog(ScreenerSettings settings) {
    return settings.applicationId() + "-" + ScreenerTopology.ACCOUNT_STORE + "-changelog";
  }

  /**
   * The payee's record in the store's changelog, on the partition of the payee's task, as a
   * deployment holds it.
   */
  private static void writeState(EmbeddedKafkaBroker broker, String changelog, byte[] value)
      throws Exception {
    broker.createTopics(List.of(TopicSpec.compacted(changelog, PARTITIONS)));
    int partition =
        Utils.toPositive(Utils.murmur2(PAYEE.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
      producer
          .send(
              new ProducerRecord<>(
                  changelog, partition, PAYEE.getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }
}
