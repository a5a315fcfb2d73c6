package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantCategory;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.serialization.AvroSerde;
import io.screener.topology.DeadLetters;
import io.screener.topology.ScreeningEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
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
      PaymentEvent exchange = Payments.toMerchant("m-exchange", "Card purchase", "5999").id("pay-exchange").at(now).build();
      PaymentEvent dealer = Payments.transfer("buyer-1", "dealer-1", 718_000).id("pay-dealer").at(now).build();
      PaymentEvent grocery = Payments.grocery().id("pay-grocery").at(now).build();

      try (KafkaProducer<byte[], byte[]> producer = KafkaFixtures.producer(broker)) {
        KafkaFixtures.send(producer, topics.merchantReputation(), "m-exchange",
            new MerchantReputation("m-exchange", MerchantCategory.EXCHANGE, 95, "it", now), AvroSerde.of(MerchantReputation.class));
        KafkaFixtures.send(producer, topics.counterpartyReputation(), "dealer-1",
            new CounterpartyReputation("dealer-1", CounterpartyCategory.SUSPECTED_OTC_DEALER, 60, 2, now), AvroSerde.of(CounterpartyReputation.class));
        producer.flush();

        try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
          service.start();
          waitForRunning(service.streams());
          KafkaFixtures.sendPayment(producer, topics.payments(), exchange);
          KafkaFixtures.sendPayment(producer, topics.payments(), dealer);
          KafkaFixtures.sendPayment(producer, topics.payments(), grocery);
          producer.send(new ProducerRecord<>(topics.payments(), "junk".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8)));
          producer.flush();

          List<ConsumerRecord<byte[], byte[]>> out =
              KafkaFixtures.readCommitted(
                  broker,
                  List.of(topics.blocked(), topics.flagged(), topics.cleared(), topics.deadLetter()),
                  read -> read.size() >= 4,
                  Duration.ofSeconds(90));

          Map<String, String> decided = new TreeMap<>();
          int deadLetters = 0;
          for (ConsumerRecord<byte[], byte[]> record : out) {
            if (record.topic().equals(topics.deadLetter())) {
              deadLetters++;
              assertEquals("DECODE", new String(record.headers().lastHeader(DeadLetters.STAGE).value(), StandardCharsets.UTF_8));
            } else {
              ScreeningDecision d = AvroSerde.of(ScreeningDecision.class).deserializer().deserialize(record.topic(), record.value());
              decided.put(d.getTransactionId(), record.topic());
            }
          }
          assertEquals(
              Map.of(
                  "pay-exchange", topics.blocked(),
                  "pay-dealer", topics.flagged(),
                  "pay-grocery", topics.cleared()),
              decided);
          assertEquals(1, deadLetters);
        }
      }
    }
  }

  static void waitForRunning(KafkaStreams streams) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
        throw new AssertionError("streams did not reach RUNNING; state " + streams.state());
      }
      Thread.sleep(100);
    }
  }
}
