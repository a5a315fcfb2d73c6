package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.Decision;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.cli.ScreenerCommand;
import io.screener.config.RulesDocument;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroSerde;
import io.screener.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new rules version published to screener-config while payments flow, on a real broker: payments
 * before it are decided by the old version, payments after it by the new one, none by a mix, and an
 * invalid document in between goes to the dead-letter topic while the running version stays.
 */
class LiveRulesIntegrationTest {
  private static final int BEFORE = 100;
  private static final int DURING = 200;
  private static final int AFTER = 50;

  @TempDir Path stateDir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldSwitchEveryPaymentAfterANewVersionToItWholeAndKeepItPastAnInvalidOne()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      // One payments partition: the order payments were sent is the order they are decided in.
      KafkaFixtures.createTopics(broker, topics, 1);
      String v1 = RulesDocuments.shippedVersion();
      // A crypto word in a grocery payment's memo scores 35: cleared by the shipped rules, flagged
      // by v2, which is published the way an operator does it, with `screener publish-rules`.
      Path v2File =
          RulesDocuments.write(
              stateDir.resolve("rules-v2"),
              "rules.version=",
              "rules.version=v2-was-",
              "threshold.flag=40",
              "threshold.flag=30");
      String v2 = RulesDocument.read(v2File).version();
      ScreenerConfig invalid =
          RulesDocuments.edited("v3", "threshold.flag=40", "threshold.flag=forty");
      ConcurrentLinkedQueue<String> inForce = new ConcurrentLinkedQueue<>();
      // Reported from the global thread.
      ScreeningEvents events =
          new ScreeningEvents() {
            @Override
            public void rulesInForce(String version) {
              inForce.add(version);
            }
          };
      Instant start = Instant.now().minusSeconds(3600);
      List<PaymentEvent> payments = new ArrayList<>();
      for (int i = 0; i < BEFORE + DURING + AFTER; i++) {
        payments.add(
            Payments.grocery()
                .payer("buyer-" + i)
                .device("phone-" + i)
                .memo("USDT")
                .id(String.format("pay-%04d", i))
                .at(start.plusMillis(i))
                .build());
      }

      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService service = new ScreenerService(settings, events)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());

        for (int i = 0; i < BEFORE; i++) {
          KafkaFixtures.sendPayment(producer, topics.payments(), payments.get(i));
        }
        producer.flush();
        Decisions.exactlyOneEach(broker, settings, payments.subList(0, BEFORE));

        KafkaFixtures.send(
            producer,
            topics.screenerConfig(),
            "rules",
            invalid,
            AvroSerde.of(ScreenerConfig.class));
        for (int i = BEFORE; i < BEFORE + DURING; i++) {
          KafkaFixtures.sendPayment(producer, topics.payments(), payments.get(i));
          if (i == BEFORE + DURING / 4) {
            int exit =
                ScreenerCommand.commandLine()
                    .execute(
                        "publish-rules",
                        "--set",
                        "bootstrap.servers=" + broker.bootstrapServers(),
                        "--rules",
                        v2File.toString(),
                        "--by",
                        "it");
            assertEquals(0, exit, "publish-rules");
          }
          if (i == BEFORE + DURING * 3 / 4) {
            // The last quarter goes once v2 is in force, however long the global thread took.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!inForce.contains(v2)) {
              assertTrue(System.nanoTime() < deadline, "v2 in force within 60 s: " + inForce);
              Thread.sleep(20);
            }
          }
          if (i % 20 == 0) {
            producer.flush();
            Thread.sleep(20);
          }
        }
        producer.flush();
        Map<String, ScreeningDecision> during =
            Decisions.exactlyOneEach(broker, settings, payments.subList(0, BEFORE + DURING));
        assertTrue(
            during.values().stream().anyMatch(d -> d.getConfigVersion().equals(v2)),
            "the new version is in force while the payments flow");
        for (int i = BEFORE + DURING; i < payments.size(); i++) {
          KafkaFixtures.sendPayment(producer, topics.payments(), payments.get(i));
        }
        producer.flush();

        Map<String, ScreeningDecision> decided =
            Decisions.exactlyOneEach(broker, settings, payments);
        String previous = v1;
        int switched = -1;
        int i = 0;
        for (ScreeningDecision d : decided.values()) {
          String version = d.getConfigVersion();
          assertTrue(version.equals(v1) || version.equals(v2), "unknown version " + version);
          // Decided whole by the version it names.
          assertEquals(
              version.equals(v1) ? Decision.CLEAR : Decision.FLAG, d.getDecision(), d.toString());
          assertEquals(35, d.getScore(), d.getTransactionId());
          if (!version.equals(previous)) {
            assertEquals(
                -1, switched, "versions switch once, old to new, at " + d.getTransactionId());
            switched = i;
            previous = version;
          }
          i++;
        }
        assertTrue(
            switched >= BEFORE, "payments before the new version were decided by the old one");
        assertTrue(
            switched < BEFORE + DURING,
            "payments sent after the new version was in force are decided by it");
        assertTrue(inForce.contains(v2), "reported in force: " + inForce);

        List<ConsumerRecord<byte[], byte[]>> dead =
            KafkaFixtures.readCommitted(
                broker,
                List.of(topics.deadLetter()),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the invalid document is dead-lettered");
        assertEquals(topics.screenerConfig(), header(dead.get(0), DeadLetters.SOURCE_TOPIC));
        assertTrue(
            header(dead.get(0), DeadLetters.ERROR).contains("threshold.flag"),
            header(dead.get(0), DeadLetters.ERROR));
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    var header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
