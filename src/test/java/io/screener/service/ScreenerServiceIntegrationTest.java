package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.PaymentEvent;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroSerde;
import io.screener.topology.DeadLetters;
import io.screener.topology.ScreenerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ScreenerServiceIntegrationTest {
  @TempDir Path stateDir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldRouteExchangeDealerAndGroceryPaymentsOnARealBroker() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(3).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 3);
      Instant now = Instant.now().minusSeconds(60);
      PaymentEvent exchange =
          Payments.toMerchant("m-exchange", "Card purchase", "5999")
              .id("pay-exchange")
              .at(now)
              .build();
      PaymentEvent dealer =
          Payments.transfer("buyer-1", "dealer-1", 718_000).id("pay-dealer").at(now).build();
      PaymentEvent grocery = Payments.grocery().id("pay-grocery").at(now).build();

      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
        KafkaFixtures.listExchange(producer, topics, "m-exchange", now);
        KafkaFixtures.send(
            producer,
            topics.counterpartyReputation(),
            "dealer-1",
            new CounterpartyReputation(
                "dealer-1", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 2, now),
            AvroSerde.of(CounterpartyReputation.class));
        producer.flush();

        try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
          service.start();
          KafkaFixtures.waitForRunning(service.streams());
          KafkaFixtures.sendPayment(producer, topics.payments(), exchange);
          KafkaFixtures.sendPayment(producer, topics.payments(), dealer);
          KafkaFixtures.sendPayment(producer, topics.payments(), grocery);
          KafkaFixtures.send(
              producer,
              new ProducerRecord<>(
                  topics.payments(),
                  "junk".getBytes(StandardCharsets.UTF_8),
                  "not avro".getBytes(StandardCharsets.UTF_8)));
          producer.flush();

          List<String> ids = List.of("pay-exchange", "pay-dealer", "pay-grocery");
          Decisions.ReadBack read =
              Decisions.readAll(
                      broker, topics, settings.applicationId(), ids, Duration.ofSeconds(90))
                  .assertExactlyOne(ids);
          assertEquals(
              Map.of(
                  "pay-exchange", List.of(topics.blocked()),
                  "pay-dealer", List.of(topics.flagged()),
                  "pay-grocery", List.of(topics.cleared())),
              read.topicsById());

          // The decisions above are read only once the group has committed past the junk record.
          List<ConsumerRecord<byte[], byte[]>> dead =
              KafkaFixtures.readAllCommitted(
                  broker, List.of(topics.deadLetter()), Duration.ofSeconds(60));
          assertEquals(1, dead.size(), "the junk record dead-lettered once");
          assertEquals(
              "DECODE",
              new String(
                  dead.get(0).headers().lastHeader(DeadLetters.STAGE).value(),
                  StandardCharsets.UTF_8));
          assertArrayEquals("not avro".getBytes(StandardCharsets.UTF_8), dead.get(0).value());

          // The spilled legs' changelog is compacted only: legs are deleted by the sweeps, not by
          // the broker at a time set by payments' event times.
          String spilled =
              settings.applicationId() + "-" + ScreenerTopology.SPILLED_LEGS_STORE + "-changelog";
          assertEquals("compact", cleanupPolicy(broker, spilled));
        }
      }
    }
  }

  /**
   * A reputation entry counts whichever way its global store got it: at the first start, restored
   * from the topic before the processing begins; after a restart, from the store's copy on disk
   * below its checkpoint, which is not read from the topic again. Either way the filter in front of
   * the store must know the key (ReferenceFeed); a filter that only learnt the keys its processor
   * wrote while processing cleared both payments.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldKeepReputationOnDiskAcrossARestart() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 1);
      Instant now = Instant.now().minusSeconds(60);
      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
        KafkaFixtures.listExchange(producer, topics, "m-exchange", now);
        List<String> ids = new ArrayList<>();
        for (String id : List.of("pay-before", "pay-after")) {
          ids.add(id);
          try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
            service.start();
            KafkaFixtures.waitForRunning(service.streams());
            KafkaFixtures.sendPayment(
                producer,
                topics.payments(),
                Payments.toMerchant("m-exchange", "Card purchase", "5999").id(id).at(now).build());
            producer.flush();
            Decisions.ReadBack read =
                Decisions.readAll(
                        broker, topics, settings.applicationId(), ids, Duration.ofSeconds(90))
                    .assertExactlyOne(ids);
            assertEquals(List.of(topics.blocked()), read.topicsById().get(id), id);
          }
        }
      }
    }
  }

  /**
   * Payments keyed by payee arrive on their payee's partition and are decided there: the only legs
   * that cross the by-account repartition topic are payer legs whose payer lives on another
   * partition (Kafka's default partitioner rule, computed here on its own), plus at most a leg per
   * stream thread sent before the screener has learnt the topic's partition count.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldDecidePaymentsKeyedByPayeeWithoutTheRepartitionHop() throws Exception {
    int partitions = 3;
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().partitions(partitions).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, partitions);
      Instant start = Instant.now().minusSeconds(600);
      List<PaymentEvent> payments = new ArrayList<>();
      long legsElsewhere = 0;
      for (int i = 0; i < 300; i++) {
        PaymentEvent payment =
            i % 3 == 0
                ? Payments.grocery().id("pay-" + i).at(start.plusSeconds(i)).build()
                : Payments.transfer("payer-" + i % 17, "payee-" + i % 29, 10_000 + i)
                    .id("pay-" + i)
                    .at(start.plusSeconds(i))
                    .build();
        payments.add(payment);
        if (ScreenerTopology.hasPayerLeg(payment)
            && partitionOf(payment.getPayerId(), partitions)
                != partitionOf(payment.getPayeeId(), partitions)) {
          legsElsewhere++;
        }
      }
      assertTrue(
          legsElsewhere > 50, "the history has payer legs that must cross: " + legsElsewhere);

      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker);
          ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        KafkaFixtures.sendKeyedByPayee(producer, topics.payments(), payments);
        List<String> ids = payments.stream().map(PaymentEvent::getTransactionId).toList();
        Decisions.assertExactlyOne(
            broker, topics, settings.applicationId(), ids, Duration.ofSeconds(90), "");

        String repartition =
            settings.applicationId() + "-" + ScreenerTopology.BY_ACCOUNT + "-repartition";
        double crossed = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric :
            service.streams().metrics().entrySet()) {
          MetricName name = metric.getKey();
          if (name.group().equals("producer-topic-metrics")
              && name.name().equals("record-send-total")
              && repartition.equals(name.tags().get("topic"))) {
            crossed += ((Number) metric.getValue().metricValue()).doubleValue();
          }
        }
        int threads = service.streams().metadataForLocalThreads().size();
        assertTrue(
            crossed >= legsElsewhere && crossed <= legsElsewhere + threads,
            "legs through "
                + repartition
                + ": "
                + crossed
                + ", payer legs elsewhere: "
                + legsElsewhere);
      }
    }
  }

  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private static String cleanupPolicy(EmbeddedKafkaBroker broker, String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      return admin
          .describeConfigs(List.of(resource))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(resource)
          .get(TopicConfig.CLEANUP_POLICY_CONFIG)
          .value();
    }
  }
}
