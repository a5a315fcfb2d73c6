package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.Feeder;
import io.screener.fixtures.Flow;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerProcess;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one decision per payment on a real broker, checked by transaction id: re-deliveries, a
 * broker restart under load, a hard failover between two instances and a graceful handover.
 */
class DeliveryGuaranteesIntegrationTest {
  /** A stopped instance's partitions move after this, not after the 45 s default. */
  private static final Map<String, String> FAST_GROUP =
      Map.of("kafka.session.timeout.ms", "6000", "kafka.heartbeat.interval.ms", "1500");

  /**
   * Of 12,000 payments under load, the feeder sends no more than this many before the fault: it
   * comes after the first 1,000 decisions and before half the payments are sent.
   */
  private static final int HOLD_AT = 5_000;

  @TempDir Path work;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldDecideAPaymentDeliveredTwiceWithinDedupRetentionOnceAndAgainAfterIt()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(2).start()) {
      ScreenerSettings settings =
          KafkaFixtures.settings(
              broker, work, Map.of("dedup.retention", "10m", "state.sweep-interval", "1m"));
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 2);
      Instant t = Instant.now().minus(Duration.ofHours(2));
      PaymentEvent twice = Payments.grocery().id("pay-twice").at(t).build();
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        KafkaFixtures.sendPayment(producer, topics.payments(), twice);
        KafkaFixtures.sendPayment(
            producer,
            topics.payments(),
            Payments.grocery().id("pay-other").at(t.plusSeconds(5)).build());
        KafkaFixtures.sendPayment(producer, topics.payments(), twice);
        // Same payee, so same task: moves its stream time past the retention and the sweep forgets.
        // Keyed as pay-twice, so it is on the same input partition, after the second copy: from two
        // partitions the legs would reach the task in no fixed order.
        KafkaFixtures.sendPayment(
            producer,
            topics.payments(),
            "pay-twice",
            Payments.grocery().id("pay-later").at(t.plus(Duration.ofMinutes(20))).build());
        producer.flush();
        // Only once pay-later is decided has the task's stream time passed the retention: a fixed
        // sleep here made the test depend on the machine's speed.
        assertEquals(
            Map.of("pay-twice", 1, "pay-other", 1, "pay-later", 1),
            countDecisions(broker, topics, 3));
        KafkaFixtures.sendPayment(producer, topics.payments(), twice);
        producer.flush();

        Map<String, Integer> counts = countDecisions(broker, topics, 4);
        assertEquals(Map.of("pay-twice", 2, "pay-other", 1, "pay-later", 1), counts);
      }
    }
  }

  /**
   * The broker is restarted while payments are being sent and decided, so the screener's
   * transactions are open when it goes: they are aborted or completed, never half-kept.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldResumeByItselfAfterABrokerRestartUnderLoadWithExactlyOneDecisionEach()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(3).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, work, FAST_GROUP);
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 3);
      List<PaymentEvent> payments =
          Flow.payments("load", 12_000, Instant.now().minus(Duration.ofHours(1)));
      try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        // Held before half the payments are sent, so that the restart comes while most are still
        // to be sent and decided, however far the screener falls behind the feeder.
        try (Feeder feeder =
            Feeder.start(broker, records(topics, payments), 200, Duration.ofMillis(100), HOLD_AT)) {
          awaitDecisions(broker, topics, 1_000);
          broker.restart();
          feeder.release();
          feeder.join(Duration.ofMinutes(2));
        }
        assertExactlyOne(broker, settings, payments, List.of());
        assertEquals(KafkaStreams.State.RUNNING, service.streams().state());
      }
    }
  }

  /**
   * Two instances in child JVMs share the work; one is killed with SIGKILL while payments flow (no
   * shutdown, no commit, its transactions left open) and the survivor takes its partitions over.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldFailOverToTheSurvivorWhenOneOfTwoInstancesIsKilledUnderLoad() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(4).start()) {
      ScreenerSettings settings =
          KafkaFixtures.settings(broker, work.resolve("settings"), FAST_GROUP);
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 4);
      List<PaymentEvent> payments =
          Flow.payments("failover", 12_000, Instant.now().minus(Duration.ofHours(1)));
      try (ScreenerProcess killed =
              new ScreenerProcess(childOverrides(broker, settings, "a"), work.resolve("a.log"));
          ScreenerProcess survivor =
              new ScreenerProcess(childOverrides(broker, settings, "b"), work.resolve("b.log"))) {
        killed.start();
        survivor.start();
        killed.awaitHealthy(Duration.ofSeconds(90));
        survivor.awaitHealthy(Duration.ofSeconds(90));
        awaitMembersWithPartitions(broker, settings, 2);
        try (Feeder feeder =
            Feeder.start(broker, records(topics, payments), 200, Duration.ofMillis(100), HOLD_AT)) {
          awaitDecisions(broker, topics, 1_000);
          killed.kill();
          feeder.release();
          feeder.join(Duration.ofMinutes(2));
        }
        Set<String> ids =
            payments.stream().map(PaymentEvent::getTransactionId).collect(Collectors.toSet());
        Decisions.assertExactlyOne(
            broker, topics, settings.applicationId(), ids, Duration.ofMinutes(2), survivor.tail());
        assertEquals(
            143, survivor.terminate(Duration.ofSeconds(45)), "the survivor ran to the end");
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldHandOverFromAnInstanceStoppedGracefullyAndStayExactlyOnce() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(4).start()) {
      ScreenerSettings first = KafkaFixtures.settings(broker, work.resolve("a"), FAST_GROUP);
      Map<String, String> same = new java.util.HashMap<>(FAST_GROUP);
      same.put("application.id", first.applicationId());
      ScreenerSettings second = KafkaFixtures.settings(broker, work.resolve("b"), same);
      TopicNames topics = first.topics();
      KafkaFixtures.createTopics(broker, topics, 4);
      List<PaymentEvent> both =
          Flow.payments("both", 3_000, Instant.now().minus(Duration.ofHours(1)));
      List<PaymentEvent> alone =
          Flow.payments("alone", 3_000, Instant.now().minus(Duration.ofMinutes(30)));
      try (ScreenerService a = new ScreenerService(first, ScreeningEvents.NONE);
          KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
        a.start();
        try (ScreenerService b = new ScreenerService(second, ScreeningEvents.NONE)) {
          b.start();
          KafkaFixtures.waitForRunning(a.streams());
          KafkaFixtures.waitForRunning(b.streams());
          assertTrue(hasActiveTasks(a) && hasActiveTasks(b), "both instances hold partitions");
          Flow.send(producer, topics.payments(), both);
          producer.flush();
          Thread.sleep(1_000);
        }
        Flow.send(producer, topics.payments(), alone);
        producer.flush();
        assertExactlyOne(broker, first, both, alone);
      }
    }
  }

  private static boolean hasActiveTasks(ScreenerService service) {
    return service.streams().metadataForLocalThreads().stream()
        .anyMatch(thread -> !thread.activeTasks().isEmpty());
  }

  private static void assertExactlyOne(
      EmbeddedKafkaBroker broker,
      ScreenerSettings settings,
      List<PaymentEvent> first,
      List<PaymentEvent> second)
      throws InterruptedException {
    Set<String> ids =
        java.util.stream.Stream.concat(first.stream(), second.stream())
            .map(PaymentEvent::getTransactionId)
            .collect(Collectors.toSet());
    Decisions.assertExactlyOne(
        broker, settings.topics(), settings.applicationId(), ids, Duration.ofSeconds(90), "");
  }

  private static List<ProducerRecord<byte[], byte[]>> records(
      TopicNames topics, List<PaymentEvent> payments) {
    return payments.stream().map(p -> KafkaFixtures.paymentRecord(topics.payments(), p)).toList();
  }

  /**
   * Waits until at least {@code count} decisions are committed, so the screener is busy when a
   * fault comes.
   */
  private static void awaitDecisions(EmbeddedKafkaBroker broker, TopicNames topics, int count) {
    List<ConsumerRecord<byte[], byte[]>> read =
        KafkaFixtures.readCommitted(
            broker,
            List.of(topics.blocked(), topics.flagged(), topics.cleared()),
            r -> r.size() >= count,
            Duration.ofSeconds(60));
    assertTrue(read.size() >= count, "decisions before the fault: " + read.size());
  }

  /** The settings of one child instance: same application id, its own state folder. */
  static Map<String, String> childOverrides(
      EmbeddedKafkaBroker broker, ScreenerSettings settings, String name) {
    Map<String, String> overrides = new java.util.HashMap<>(FAST_GROUP);
    overrides.put("bootstrap.servers", broker.bootstrapServers());
    overrides.put("application.id", settings.applicationId());
    overrides.put("state.dir", settings.stateDir().resolve(name).toString());
    return overrides;
  }

  /**
   * Waits until the group has {@code members} instances, each assigned at least one payments
   * partition.
   */
  static void awaitMembersWithPartitions(
      EmbeddedKafkaBroker broker, ScreenerSettings settings, int members) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String seen = "";
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        var group =
            admin
                .describeConsumerGroups(List.of(settings.applicationId()))
                .describedGroups()
                .get(settings.applicationId())
                .get(10, TimeUnit.SECONDS);
        seen = group.members().toString();
        // One member per stream thread; its client id names its instance before "-StreamThread-".
        Set<String> instances =
            group.members().stream()
                .map(m -> m.clientId().replaceFirst("-StreamThread-.*", ""))
                .collect(Collectors.toSet());
        Set<String> holding =
            group.members().stream()
                .filter(
                    m ->
                        m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals(settings.topics().payments())))
                .map(m -> m.clientId().replaceFirst("-StreamThread-.*", ""))
                .collect(Collectors.toSet());
        if (instances.size() == members && holding.equals(instances)) {
          return;
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("not " + members + " members holding payments partitions: " + seen);
  }

  private static Map<String, Integer> countDecisions(
      EmbeddedKafkaBroker broker, TopicNames topics, int expected) throws InterruptedException {
    KafkaFixtures.readCommitted(
        broker,
        List.of(topics.blocked(), topics.flagged(), topics.cleared()),
        read -> read.size() >= expected,
        Duration.ofSeconds(30));
    Thread.sleep(1_000);
    List<ConsumerRecord<byte[], byte[]>> out =
        KafkaFixtures.readAllCommitted(
            broker,
            List.of(topics.blocked(), topics.flagged(), topics.cleared()),
            Duration.ofSeconds(60));
    Map<String, Integer> counts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : out) {
      ScreeningDecision d =
          AvroSerde.of(ScreeningDecision.class)
              .deserializer()
              .deserialize(record.topic(), record.value());
      counts.merge(d.getTransactionId(), 1, Integer::sum);
    }
    return counts;
  }
}
