package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.AccountAction;
import io.screener.avro.AccountStatus;
import io.screener.avro.ActionTrigger;
import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.Decision;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.VerdictKind;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.RulesDocuments;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroSerde;
import io.screener.topology.DeadLetters;
import io.screener.topology.ScreenerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue against the running service on a real broker: each bad payment,
 * reputation, quote, verdict, account action or rules record reaches the dead-letter topic
 * unchanged with headers saying why and where it came from (a payment dated two hours ahead, which
 * a broker would refuse to take as a timestamp, among them); an account action naming an unknown
 * function and rules shrinking a bound the state depends on are handled; the service keeps running,
 * and every good payment sent after them is decided exactly once.
 */
class BadInputIntegrationTest {
  @TempDir Path stateDir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldDeadLetterEveryBadRecordWithWhyAndWhereAndKeepDeciding() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(2).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, stateDir, Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 2);
      Instant now = Instant.now().minusSeconds(60);
      var payments = AvroSerde.of(PaymentEvent.class).serializer();
      byte[] valid =
          payments.serialize(topics.payments(), Payments.grocery().id("pay-valid").at(now).build());
      byte[] random = new byte[64];
      new Random(42).nextBytes(random);
      byte[] unknownSchema = valid.clone();
      Arrays.fill(unknownSchema, 2, 10, (byte) 0x5A);

      Map<String, ProducerRecord<byte[], byte[]>> bad = new LinkedHashMap<>();
      Map<String, String[]> why = new TreeMap<>();
      add(
          bad,
          why,
          "random bytes",
          topics.payments(),
          "k-random",
          random,
          "DECODE",
          "not Avro single-object encoding");
      add(
          bad,
          why,
          "unknown schema",
          topics.payments(),
          "k-schema",
          unknownSchema,
          "DECODE",
          "unknown schema fingerprint");
      add(
          bad,
          why,
          "truncated",
          topics.payments(),
          "k-truncated",
          Arrays.copyOf(valid, valid.length / 2),
          "DECODE",
          "truncated or corrupt Avro body");
      add(
          bad,
          why,
          "missing payer",
          topics.payments(),
          "k-missing",
          payments.serialize(
              topics.payments(), Payments.grocery().id("pay-missing").payer("").at(now).build()),
          "VALIDATE",
          "payerId is missing");
      add(
          bad,
          why,
          "negative amount",
          topics.payments(),
          "k-negative",
          payments.serialize(
              topics.payments(),
              Payments.grocery().id("pay-negative").amount(-100).at(now).build()),
          "VALIDATE",
          "amountMinor must be positive, was -100");
      add(
          bad,
          why,
          "zero amount",
          topics.payments(),
          "k-zero",
          payments.serialize(
              topics.payments(), Payments.grocery().id("pay-zero").amount(0).at(now).build()),
          "VALIDATE",
          "amountMinor must be positive, was 0");
      add(
          bad,
          why,
          "1 MB memo",
          topics.payments(),
          "k-memo",
          payments.serialize(
              topics.payments(),
              Payments.grocery().id("pay-memo").memo("x".repeat(1_000_000)).at(now).build()),
          "VALIDATE",
          "memo is longer than 1024 characters (1000000)");
      add(
          bad,
          why,
          "payment tombstone",
          topics.payments(),
          "k-unknown",
          null,
          "DECODE",
          "record has no value");
      add(
          bad,
          why,
          "reputation bytes",
          topics.merchantReputation(),
          "m-garbage",
          random,
          "DECODE",
          "not Avro single-object encoding");
      add(
          bad,
          why,
          "reputation out of range",
          topics.counterpartyReputation(),
          "acct-1",
          AvroSerde.of(CounterpartyReputation.class)
              .serializer()
              .serialize(
                  topics.counterpartyReputation(),
                  new CounterpartyReputation("acct-1", CounterpartyCategory.MULE, 150, 1, now)),
          "DECODE",
          "invalid CounterpartyReputation: riskScore must be 0-100, was 150");
      add(
          bad,
          why,
          "quote negative price",
          topics.cryptoQuotes(),
          "USDT/CNY",
          AvroSerde.of(CryptoQuote.class)
              .serializer()
              .serialize(topics.cryptoQuotes(), new CryptoQuote("USDT/CNY", -7.1, now)),
          "DECODE",
          "invalid CryptoQuote: price must be a positive number, was -7.1");
      add(
          bad,
          why,
          "verdict bytes",
          topics.reviewVerdicts(),
          "tx-1",
          random,
          "DECODE",
          "not Avro single-object encoding");
      add(
          bad,
          why,
          "verdict without analyst",
          topics.reviewVerdicts(),
          "tx-2",
          AvroSerde.of(ReviewVerdict.class)
              .serializer()
              .serialize(
                  topics.reviewVerdicts(),
                  new ReviewVerdict("tx-2", VerdictKind.CONFIRMED_CRYPTO, " ", null, now)),
          "DECODE",
          "invalid ReviewVerdict: analyst is missing");
      add(
          bad,
          why,
          "verdict tombstone",
          topics.reviewVerdicts(),
          "tx-3",
          null,
          "DECODE",
          "invalid ReviewVerdict: record has no value");
      add(
          bad,
          why,
          "account action bytes",
          topics.accountActions(),
          "acct-2",
          random,
          "DECODE",
          "not Avro single-object encoding");
      Instant twoHoursAhead =
          Instant.now().plusSeconds(7_200).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      add(
          bad,
          why,
          "payment two hours ahead",
          topics.payments(),
          "k-ahead",
          payments.serialize(
              topics.payments(), Payments.grocery().id("pay-ahead").at(twoHoursAhead).build()),
          "VALIDATE",
          "eventTime " + twoHoursAhead + " is more than PT5M ahead of now");
      add(
          bad,
          why,
          "amount beyond the bound",
          topics.payments(),
          "k-huge",
          payments.serialize(
              topics.payments(),
              Payments.grocery().id("pay-huge").amount(Long.MAX_VALUE).at(now).build()),
          "VALIDATE",
          "amountMinor 9223372036854775807 is above validation.max-amount-minor");
      add(
          bad,
          why,
          "quote in the year 292,278,994",
          topics.cryptoQuotes(),
          "USDT/CNY",
          AvroSerde.of(CryptoQuote.class)
              .serializer()
              .serialize(
                  topics.cryptoQuotes(),
                  new CryptoQuote("USDT/CNY", 7.18, Instant.ofEpochMilli(Long.MAX_VALUE))),
          "DECODE",
          "invalid CryptoQuote: eventTime +292278994-");
      add(
          bad,
          why,
          "rules document breaking a relation",
          topics.screenerConfig(),
          "rules",
          AvroSerde.of(ScreenerConfig.class)
              .serializer()
              .serialize(
                  topics.screenerConfig(),
                  RulesDocuments.edited("bad", "threshold.block=80", "threshold.block=20")),
          "DECODE",
          "invalid ScreenerConfig");
      add(
          bad,
          why,
          "rules document bytes",
          topics.screenerConfig(),
          "rules",
          random,
          "DECODE",
          "not Avro single-object encoding");

      // Reported from the global thread.
      Set<String> inForce = ConcurrentHashMap.newKeySet();
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
        Map<String, String> sources = new TreeMap<>();
        for (var entry : bad.entrySet()) {
          RecordMetadata sent = producer.send(entry.getValue()).get(10, TimeUnit.SECONDS);
          sources.put(sent.topic() + "/" + sent.partition() + "/" + sent.offset(), entry.getKey());
        }
        // Handled, not dead-lettered: an account action naming a function this build does not know
        // (its known functions still bar), and rules shrinking every bound the state depends on.
        KafkaFixtures.send(
            producer,
            topics.accountActions(),
            "acct-r",
            restricted("acct-r", List.of("TELEPORT", "RECEIVE_P2P"), now),
            AvroSerde.of(AccountAction.class));
        ScreenerConfig shrunk =
            RulesDocuments.edited(
                "shrunk", "behaviour.max-tracked-inflows=32", "behaviour.max-tracked-inflows=1");
        KafkaFixtures.send(
            producer, topics.screenerConfig(), "rules", shrunk, AvroSerde.of(ScreenerConfig.class));
        // A verdict dated 1969 reaches the review ledger, which dead-letters it (its source is the
        // ledger's internal topic, so it is matched by its reason below).
        KafkaFixtures.send(
            producer,
            topics.reviewVerdicts(),
            "tx-old",
            new ReviewVerdict(
                "tx-old",
                VerdictKind.CONFIRMED_CRYPTO,
                "ana",
                null,
                Instant.parse("1969-07-20T20:17:00Z")),
            AvroSerde.of(ReviewVerdict.class));
        producer.flush();
        // The payment to acct-r is sent once the global thread has both the action and the rules.
        ReadOnlyKeyValueStore<String, Object> statuses =
            service
                .streams()
                .store(
                    StoreQueryParameters.fromNameAndType(
                        ScreenerTopology.ACCOUNT_STATUS_STORE,
                        QueryableStoreTypes.<String, Object>keyValueStore()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!inForce.contains(shrunk.getVersion()) || statuses.get("acct-r") == null) {
          assertTrue(
              System.nanoTime() < deadline,
              "within 60 s: rules in force " + inForce + ", acct-r " + statuses.get("acct-r"));
          Thread.sleep(50);
        }
        KafkaFixtures.sendPayment(
            producer,
            topics.payments(),
            Payments.transfer("buyer-r", "acct-r", 300_000).id("pay-restricted").at(now).build());
        KafkaFixtures.sendPayment(
            producer,
            topics.payments(),
            Payments.grocery().id("pay-ahead-4m").at(Instant.now().plusSeconds(240)).build());
        // A tombstone for a reputation nobody has: a no-op for the table, not a dead letter.
        producer
            .send(new ProducerRecord<>(topics.merchantReputation(), bytes("m-never-seen"), null))
            .get(10, TimeUnit.SECONDS);
        KafkaFixtures.sendPayment(
            producer, topics.payments(), Payments.grocery().id("pay-after").at(now).build());
        producer.flush();

        // Every bad record, the 1969 verdict, and three decisions.
        int expected = bad.size() + 1 + 3;
        List<String> outputs =
            List.of(topics.deadLetter(), topics.cleared(), topics.blocked(), topics.flagged());
        KafkaFixtures.readCommitted(
            broker, outputs, read -> read.size() >= expected, Duration.ofSeconds(60));
        Thread.sleep(1_000);
        List<ConsumerRecord<byte[], byte[]>> out =
            KafkaFixtures.readAllCommitted(broker, outputs, Duration.ofSeconds(60));

        Map<String, String> seen = new TreeMap<>();
        Map<String, ScreeningDecision> decided = new TreeMap<>();
        int decisions = 0;
        int oldVerdicts = 0;
        for (ConsumerRecord<byte[], byte[]> record : out) {
          if (!record.topic().equals(topics.deadLetter())) {
            ScreeningDecision d =
                AvroSerde.of(ScreeningDecision.class)
                    .deserializer()
                    .deserialize(record.topic(), record.value());
            assertTrue(
                decided.put(d.getTransactionId(), d) == null,
                "decided twice: " + d.getTransactionId());
            decisions++;
            continue;
          }
          if (header(record, DeadLetters.ERROR)
              .startsWith("decidedAt 1969-07-20T20:17:00Z is before")) {
            oldVerdicts++;
            continue;
          }
          String source =
              header(record, DeadLetters.SOURCE_TOPIC)
                  + "/"
                  + header(record, DeadLetters.SOURCE_PARTITION)
                  + "/"
                  + header(record, DeadLetters.SOURCE_OFFSET);
          String name = sources.get(source);
          assertTrue(name != null, "dead letter from an unexpected source " + source);
          ProducerRecord<byte[], byte[]> original = bad.get(name);
          assertArrayEquals(original.key(), record.key(), name);
          assertArrayEquals(original.value(), record.value(), name);
          assertEquals(why.get(name)[0], header(record, DeadLetters.STAGE), name);
          String error = header(record, DeadLetters.ERROR);
          assertTrue(error.startsWith(why.get(name)[1]), name + ": " + error);
          seen.put(name, error);
        }
        assertEquals(
            new TreeMap<>(why).keySet(), seen.keySet(), "every bad record exactly once: " + seen);
        assertEquals(bad.size() + 1, out.size() - decisions, "no dead letter twice");
        assertEquals(1, oldVerdicts, "the 1969 verdict dead-lettered once");
        assertEquals(Set.of("pay-after", "pay-restricted", "pay-ahead-4m"), decided.keySet());
        assertEquals(3, decisions);
        ScreeningDecision restricted = decided.get("pay-restricted");
        assertEquals(Decision.BLOCK, restricted.getDecision());
        assertEquals("PAYEE_RESTRICTED", restricted.getReasons().get(0).getCode());
        assertEquals(
            shrunk.getVersion(), restricted.getConfigVersion(), "the shrunk rules are in force");
        assertEquals(KafkaStreams.State.RUNNING, service.streams().state());
      }
    }
  }

  private static AccountAction restricted(String account, List<String> functions, Instant at) {
    return AccountAction.newBuilder()
        .setAccountId(account)
        .setStatus(AccountStatus.RESTRICTED)
        .setPreviousStatus(AccountStatus.WARNED)
        .setTrigger(ActionTrigger.DEADLINE_PASSED)
        .setStrikePoints(4)
        .setReasonCodes(List.of("FAN_IN"))
        .setTransactionIds(List.of("tx-x"))
        .setRestrictedFunctions(functions)
        .setDeadline(null)
        .setDecidedAt(at)
        .setConfigVersion("v")
        .build();
  }

  private static void add(
      Map<String, ProducerRecord<byte[], byte[]>> bad,
      Map<String, String[]> why,
      String name,
      String topic,
      String key,
      byte[] value,
      String stage,
      String errorStart) {
    bad.put(name, new ProducerRecord<>(topic, bytes(key), value));
    why.put(name, new String[] {stage, errorStart});
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
