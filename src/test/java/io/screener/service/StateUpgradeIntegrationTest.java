package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PayeeType;
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
  private static final String BUSY = "busy-payee";

  /**
   * The key the release of 2026-12-07 logged for leg tx-spilled of busy-payee, first delivered at
   * T0 (its window store's changelog key: record key, window start, sequence number 0).
   */
  private static final String SPILLED_LEG_KEY =
      "627573792d70617965655b8e8964184ceb430000019b8b74180000000000";

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
      screen(broker, settings, List.of(payment), List.of("after-upgrade"), "");

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
   * The release of 2026-12-07 kept the legs a busy account pushed out of its record in a window
   * store; this build keeps them in a key-value store of the same name that restores from the same
   * changelog (a topic Kafka Streams made compacted and deleting, with the window store's
   * retention): a redelivery of a leg spilled before the upgrade is still a duplicate after it.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldKeepTheLegsABusyAccountSpilledBeforeTheUpgrade() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().partitions(PARTITIONS).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, PARTITIONS);

      // The busy payee's record as the release wrote it (format 4): tx-spilled, first delivered
      // at T0, was pushed out by the 128 legs after it.
      AccountActivity busy = new AccountActivity();
      long cutoff = T0.toEpochMilli() - Duration.ofDays(1).toMillis();
      busy.rememberDelivery(Keys.receivedLeg("tx-spilled"), T0.toEpochMilli(), cutoff);
      for (int i = 1; i <= AccountActivity.MAX_LEGS; i++) {
        boolean spilled =
            busy.rememberDelivery(
                Keys.receivedLeg("tx-" + i), T0.plusSeconds(i).toEpochMilli(), cutoff);
        assertEquals(i == AccountActivity.MAX_LEGS, spilled);
      }
      assertEquals(Keys.receivedLeg("tx-spilled"), busy.spilledLegKey());
      String accounts = changelog(settings);
      broker.createTopics(List.of(TopicSpec.compacted(accounts, PARTITIONS)));
      writeRecord(
          broker,
          accounts,
          BUSY,
          BUSY.getBytes(StandardCharsets.UTF_8),
          AccountActivityCodec.encode(busy));
      String spilledLegs = changelog(settings, ScreenerTopology.SPILLED_LEGS_STORE);
      broker.createTopics(List.of(TopicSpec.compacted(spilledLegs, PARTITIONS)));
      broker.setTopicConfig(List.of(spilledLegs), "cleanup.policy", "compact,delete");
      broker.setTopicConfig(
          List.of(spilledLegs), "retention.ms", Long.toString(Duration.ofDays(2).toMillis()));
      writeRecord(
          broker, spilledLegs, BUSY, HexFormat.of().parseHex(SPILLED_LEG_KEY), new byte[] {1});

      PaymentEvent redelivered =
          Payments.grocery().payee(BUSY, PayeeType.MERCHANT).id("tx-spilled").at(T0).build();
      PaymentEvent fresh =
          Payments.grocery()
              .payee(BUSY, PayeeType.MERCHANT)
              .id("fresh-after-upgrade")
              .at(T0.plusSeconds(600))
              .build();
      // Both reach the payee's task in order: had the redelivery been decided, it would be read.
      screen(
          broker,
          settings,
          List.of(redelivered, fresh),
          List.of("fresh-after-upgrade"),
          "the redelivery of tx-spilled is a duplicate");
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
        KafkaFixtures.sendKeyedByPayee(producer, topics.payments(), List.of(payment));
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

  /**
   * Starts this build on the state in place, sends {@code payments} and asserts exactly one
   * decision for each of {@code decided} and none for anything else.
   */
  private static void screen(
      EmbeddedKafkaBroker broker,
      ScreenerSettings settings,
      List<PaymentEvent> payments,
      List<String> decided,
      String context)
      throws Exception {
    TopicNames topics = settings.topics();
    try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
        ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
      service.start();
      KafkaFixtures.waitForRunning(service.streams());
      KafkaFixtures.sendKeyedByPayee(producer, topics.payments(), payments);
      Decisions.assertExactlyOne(
          broker, topics, settings.applicationId(), decided, Duration.ofSeconds(90), context);
    }
  }

  private static String changelog(ScreenerSettings settings) {
    return changelog(settings, ScreenerTopology.ACCOUNT_STORE);
  }

  private static String changelog(ScreenerSettings settings, String store) {
    return settings.applicationId() + "-" + store + "-changelog";
  }

  /** The payee's record in the store's changelog, as a deployment holds it. */
  private static void writeState(EmbeddedKafkaBroker broker, String changelog, byte[] value)
      throws Exception {
    broker.createTopics(List.of(TopicSpec.compacted(changelog, PARTITIONS)));
    writeRecord(broker, changelog, PAYEE, PAYEE.getBytes(StandardCharsets.UTF_8), value);
  }

  /** A record of {@code account}'s state, on the partition of the account's task. */
  private static void writeRecord(
      EmbeddedKafkaBroker broker, String changelog, String account, byte[] key, byte[] value)
      throws Exception {
    int partition =
        Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
      producer.send(new ProducerRecord<>(changelog, partition, key, value)).get();
    }
  }
}
