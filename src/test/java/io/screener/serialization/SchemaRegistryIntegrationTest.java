package io.screener.serialization;

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
import io.screener.fixtures.InProcessSchemaRegistry;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.screening.ScreeningEvents;
import io.screener.service.ScreenerService;
import io.screener.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screener in registry framing on a real broker, beside an in-process schema registry: payments
 * framed the registry way (with an older writer schema, and with the current one) and in
 * single-object encoding are each decided once; the decisions are registry-framed under the
 * topic-name subjects start-up registered; a payment naming a schema id the registry does not know
 * is dead-lettered saying so; and {@code publish-rules} in registry framing puts its rules in
 * force.
 */
class SchemaRegistryIntegrationTest {

  @TempDir Path stateDir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void decidesRegistryFramedPaymentsAndWritesRegistryFramedDecisions() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start();
        InProcessSchemaRegistry registry = InProcessSchemaRegistry.start()) {
      Map<String, String> registryMode = new HashMap<>();
      registryMode.put("serde.format", "registry");
      registryMode.put("schema.registry.url", registry.url());
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, registryMode);
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 1);

      // What producers using the registry's serializers would have registered and written.
      Schema v1 = TestRecords.schemaResource("serialization/history/PaymentEvent.v1.avsc");
      int oldId = registry.register(topics.payments() + "-value", v1);
      int currentId =
          registry.register(topics.payments() + "-value", PaymentEvent.getClassSchema());
      Instant at = Instant.now().minus(Duration.ofHours(1));
      GenericRecord old = TestRecords.genericPayment(v1);
      old.put("transactionId", "pay-old-writer");
      old.put("eventTime", at.toEpochMilli());
      PaymentEvent exchange =
          Payments.toMerchant("m-binance", "Binance", "6051").id("pay-exchange").at(at).build();
      PaymentEvent grocery = Payments.grocery().id("pay-single-object").at(at).build();
      PaymentEvent unknown = Payments.grocery().id("pay-unknown-id").at(at).build();
      byte[] unknownIdBytes =
          TestRecords.registryFramed(999, PaymentEvent.getClassSchema(), unknown);

      ConcurrentLinkedQueue<String> inForce = new ConcurrentLinkedQueue<>();
      ScreeningEvents events =
          new ScreeningEvents() {
            @Override
            public void rulesInForce(String version) {
              inForce.add(version);
            }
          };
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService service = new ScreenerService(settings, events)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        assertTrue(
            registry
                .subjects()
                .containsAll(
                    List.of(
                        topics.blocked() + "-value",
                        topics.flagged() + "-value",
                        topics.cleared() + "-value",
                        topics.accountActions() + "-value",
                        topics.counterpartyReputation() + "-value")),
            "start-up registered the output schemas: " + registry.subjects());

        send(
            producer,
            topics.payments(),
            "pay-old-writer",
            TestRecords.registryFramed(oldId, v1, old));
        send(
            producer,
            topics.payments(),
            "pay-exchange",
            TestRecords.registryFramed(currentId, PaymentEvent.getClassSchema(), exchange));
        KafkaFixtures.sendPayment(producer, topics.payments(), grocery);
        send(producer, topics.payments(), "pay-unknown-id", unknownIdBytes);
        producer.flush();

        List<ConsumerRecord<byte[], byte[]>> decided =
            KafkaFixtures.readCommitted(
                broker,
                List.of(topics.blocked(), topics.flagged(), topics.cleared()),
                read -> read.size() >= 3,
                Duration.ofSeconds(90));
        Deserializer<ScreeningDecision> reader =
            WireFormat.of(settings.registry()).serde(ScreeningDecision.class).deserializer();
        Map<String, ScreeningDecision> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : decided) {
          byte[] value = record.value();
          assertEquals(0, value[0], "registry framing's magic byte on " + record.topic());
          Schema writer = registry.schema(FramedAvroSerde.schemaId(value));
          assertEquals(
              ScreeningDecision.getClassSchema(), writer, "the id names the decision's schema");
          ScreeningDecision decision = reader.deserialize(record.topic(), value);
          byId.put(decision.getTransactionId(), decision);
        }
        assertEquals(3, decided.size(), "one decision a payment: " + byId.keySet());
        assertEquals(Set.of("pay-old-writer", "pay-exchange", "pay-single-object"), byId.keySet());
        assertEquals(Decision.BLOCK, byId.get("pay-exchange").getDecision());

        List<ConsumerRecord<byte[], byte[]>> dead =
            KafkaFixtures.readCommitted(
                broker,
                List.of(topics.deadLetter()),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals(
            "schema id 999 unknown to the registry",
            new String(
                dead.get(0).headers().lastHeader(DeadLetters.ERROR).value(),
                StandardCharsets.UTF_8));

        // An operator publishes rules the same way: registry-framed, read by the global thread.
        Path v2File =
            RulesDocuments.write(
                stateDir.resolve("rules-v2"), "rules.version=", "rules.version=registry-");
        String v2 = RulesDocument.read(v2File).version();
        int exit =
            ScreenerCommand.commandLine()
                .execute(
                    "publish-rules",
                    "--set",
                    "bootstrap.servers=" + broker.bootstrapServers(),
                    "--set",
                    "serde.format=registry",
                    "--set",
                    "schema.registry.url=" + registry.url(),
                    "--rules",
                    v2File.toString(),
                    "--by",
                    "it");
        assertEquals(0, exit, "publish-rules");
        List<ConsumerRecord<byte[], byte[]>> rules =
            KafkaFixtures.readCommitted(
                broker,
                List.of(topics.screenerConfig()),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30));
        assertEquals(0, rules.get(0).value()[0], "publish-rules wrote registry framing");
        assertTrue(registry.subjects().contains(topics.screenerConfig() + "-value"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!inForce.contains(v2) && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertTrue(inForce.contains(v2), "the registry-framed rules went into force: " + inForce);
        assertEquals(
            ScreenerConfig.getClassSchema().getFullName(),
            registry.schema(FramedAvroSerde.schemaId(rules.get(0).value())).getFullName());
      }
    }
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    KafkaFixtures.send(
        producer, new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }
}
