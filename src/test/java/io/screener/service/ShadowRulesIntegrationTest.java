package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.Decision;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.RulesDocument;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Cli;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.fixtures.Scrapes;
import io.screener.serialization.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow rules on a real broker, driven by {@code screener publish-rules} as an operator runs it: a
 * shadow that lowers the flag threshold from 40 to 30 writes exactly the payments whose decision
 * moves to payments-shadow-diff while the live decisions stay the shipped rules', the agreement
 * counts reach {@code /metrics}, and after {@code --promote} the next payments are decided by it.
 */
class ShadowRulesIntegrationTest {
  private static final int SHADOWED = 60;
  private static final int PROMOTED = 20;
  @TempDir Path stateDir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldDiffTheMovedPaymentsOnlyAndDecideByTheShadowOncePromoted() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start()) {
      ScreenerSettings settings =
          KafkaFixtures.settings(broker, stateDir, Map.of("metrics.address", "127.0.0.1:0"));
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 1);
      String live = RulesDocuments.shippedVersion();
      Path candidateFile =
          RulesDocuments.write(
              stateDir.resolve("candidate"),
              "rules.version=",
              "rules.version=lower-flag-was-",
              "threshold.flag=40",
              "threshold.flag=30");
      String candidate = RulesDocument.read(candidateFile).version();
      String servers = "bootstrap.servers=" + broker.bootstrapServers();

      Cli none = publishRules(servers, "--promote");
      assertEquals(1, none.exit(), none.err());
      assertTrue(none.err().contains("no shadow rules to promote"), none.err());

      Instant start = Instant.now().minusSeconds(3600);
      List<PaymentEvent> payments = new ArrayList<>();
      for (int i = 0; i < SHADOWED + PROMOTED; i++) {
        // A crypto word in a grocery payment's memo scores 35: cleared by the shipped rules,
        // flagged by the candidate. The other payments find nothing, and clear under both.
        Payments payment = i % 3 == 0 ? Payments.grocery().memo("USDT") : Payments.grocery();
        payments.add(
            payment
                .payer("buyer-" + i)
                .device("phone-" + i)
                .id(String.format("pay-%04d", i))
                .at(start.plusMillis(i))
                .build());
      }
      List<PaymentEvent> shadowed = payments.subList(0, SHADOWED);
      List<PaymentEvent> promoted = payments.subList(SHADOWED, payments.size());

      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService service = ScreenerService.withMetrics(settings)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        int port = service.metricsPort();

        Cli shadow = publishRules(servers, "--shadow", candidateFile.toString(), "--by", "it");
        assertEquals(0, shadow.exit(), shadow.err());
        assertTrue(shadow.out().contains("published shadow rules " + candidate), shadow.out());
        Scrapes.await(
            port, text -> text.contains("screener_shadow_rules_info{version=\"" + candidate));

        for (PaymentEvent payment : shadowed) {
          KafkaFixtures.sendPayment(producer, topics.payments(), payment);
        }
        producer.flush();
        Map<String, ScreeningDecision> decided =
            Decisions.exactlyOneEach(broker, settings, shadowed);
        List<String> moved = new ArrayList<>();
        for (PaymentEvent payment : shadowed) {
          ScreeningDecision d = decided.get(payment.getTransactionId());
          assertEquals(live, d.getConfigVersion(), "the shadow decides nothing");
          boolean memo = payment.getMemo() != null;
          assertTrue(memo ? d.getScore() == 35 : d.getScore() < 30, d.toString());
          assertEquals(Decision.CLEAR, d.getDecision(), d.toString());
          if (memo) {
            moved.add(payment.getTransactionId());
          }
        }
        assertEquals(SHADOWED / 3, moved.size());

        // The diffs are committed with the decisions: all of them are in the topic by now.
        List<ShadowDiff> diffs = readToEnd(broker, settings, topics.shadowDiff());
        // Once each (the order across the two payment legs' paths is the broker's).
        assertEquals(moved, diffs.stream().map(ShadowDiff::getTransactionId).sorted().toList());
        for (ShadowDiff diff : diffs) {
          assertEquals(Decision.CLEAR, diff.getLive().getDecision());
          assertEquals(live, diff.getLive().getConfigVersion());
          assertEquals(Decision.FLAG, diff.getShadow().getDecision());
          assertEquals(candidate, diff.getShadow().getConfigVersion());
          assertEquals(diff.getLive().getReasons(), diff.getShadow().getReasons());
          assertFalse(diff.getShadow().getReasons().isEmpty());
          assertEquals("USDT", diff.getPayment().getMemo());
        }
        String scrape =
            Scrapes.await(
                port,
                text -> Scrapes.value(text, "screener_shadow_decisions_total", "") >= SHADOWED);
        assertEquals(
            moved.size(),
            Scrapes.value(
                scrape, "screener_shadow_decisions_total", "live=\"CLEAR\",shadow=\"FLAG\""));
        assertEquals(
            SHADOWED - moved.size(),
            Scrapes.value(
                scrape, "screener_shadow_decisions_total", "live=\"CLEAR\",shadow=\"CLEAR\""));
        assertEquals(SHADOWED, Scrapes.value(scrape, "screener_shadow_decisions_total", ""));

        Cli promote = publishRules(servers, "--promote", "--by", "it");
        assertEquals(0, promote.exit(), promote.err());
        assertTrue(promote.out().contains("promoted shadow rules " + candidate), promote.out());
        Scrapes.await(
            port,
            text ->
                text.contains("screener_rules_info{version=\"" + candidate)
                    && !text.contains("screener_shadow_rules_info{"));

        for (PaymentEvent payment : promoted) {
          KafkaFixtures.sendPayment(producer, topics.payments(), payment);
        }
        producer.flush();
        Map<String, ScreeningDecision> after = Decisions.exactlyOneEach(broker, settings, payments);
        for (PaymentEvent payment : promoted) {
          ScreeningDecision d = after.get(payment.getTransactionId());
          assertEquals(candidate, d.getConfigVersion(), "decided by the promoted rules");
          assertEquals(
              payment.getMemo() != null ? Decision.FLAG : Decision.CLEAR,
              d.getDecision(),
              d.toString());
        }
        assertEquals(
            diffs.size(),
            readToEnd(broker, settings, topics.shadowDiff()).size(),
            "no shadow, no more diffs");

        Cli again = publishRules(servers, "--promote");
        assertEquals(1, again.exit(), "promoted already: nothing left to promote");
        assertTrue(again.err().contains("no shadow rules to promote"), again.err());
      }
    }
  }

  /** Runs {@code screener publish-rules} against the broker, as the command line does. */
  private static Cli publishRules(String servers, String... args) {
    List<String> line = new ArrayList<>(List.of("publish-rules", "--set", servers));
    line.addAll(List.of(args));
    return Cli.run(line.toArray(String[]::new));
  }

  /** Every shadow diff committed to the topic, read from the start to its end as it is now. */
  private static List<ShadowDiff> readToEnd(
      EmbeddedKafkaBroker broker, ScreenerSettings settings, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var values = WireFormat.of(settings.registry()).serde(ShadowDiff.class).deserializer();
    List<ShadowDiff> read = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        assertTrue(System.nanoTime() < deadline, "read " + topic + " to its end");
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          ShadowDiff diff = values.deserialize(topic, record.value());
          assertEquals(diff.getTransactionId(), record.key());
          read.add(diff);
        }
      }
    }
    return read;
  }
}
