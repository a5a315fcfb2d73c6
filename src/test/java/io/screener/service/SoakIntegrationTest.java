package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.VerdictKind;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.Feeder;
import io.screener.fixtures.Flow;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.Payments;
import io.screener.fixtures.ScreenerProcess;
import io.screener.serialization.AvroSerde;
import io.screener.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak with faults: payments flow at a steady pace with one bad record of some kind after every
 * hundred (every kind the screener dead-letters, on payments and on each feed), into two screener
 * instances in child JVMs, while instances are killed with SIGKILL and restarted and the broker is
 * killed and restarted. In the end every valid payment has exactly one committed decision, by id,
 * and every bad record is on the dead-letter topic with its reason: a bad payment exactly once (it
 * goes through the screener's transactions), a bad feed record at least once (the global thread
 * dead-letters outside them and re-reads its topic after a restart, see {@code FeedDeadLetters}).
 *
 * <p>Sized for the build by default; {@code -Dsoak.payments=100000} runs the full size (see
 * docs/reliability.md for the figures).
 */
class SoakIntegrationTest {
  private static final int PAYMENTS = Integer.getInteger("soak.payments", 20_000);

  /**
   * SIGKILLs of a screener, alternating between the two; one more every 12,500 payments past
   * 50,000.
   */
  private static final int KILLS = Integer.getInteger("soak.kills", Math.max(4, PAYMENTS / 12_500));

  /** Payments a second the feeder aims at: slow enough that every fault lands while they flow. */
  private static final int RATE = Integer.getInteger("soak.rate", 250);

  private static final int BAD_EVERY = 100;
  private static final int PARTITIONS = 4;
  private static final Map<String, String> FAST_GROUP =
      Map.of("kafka.session.timeout.ms", "6000", "kafka.heartbeat.interval.ms", "1500");

  @TempDir Path work;

  /** One kind of bad record: how to make the i-th, and what its dead letter must say. */
  private record Kind(
      String name,
      String stage,
      boolean feed,
      Function<Integer, ProducerRecord<byte[], byte[]>> make,
      Function<Integer, String> errorStart) {}

  /** A bad record that was sent: its kind and number. */
  private record Bad(Kind kind, int number) {}

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void shouldDecideEveryValidPaymentOnceAndDeadLetterEveryBadRecordThroughKillsAndABrokerRestart()
      throws Exception {
    long began = System.nanoTime();
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .mode(EmbeddedKafkaBroker.Mode.CHILD_PROCESS)
            .partitions(PARTITIONS)
            .start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, work.resolve("state"), FAST_GROUP);
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, PARTITIONS);
      List<Kind> kinds = kinds(topics);

      List<PaymentEvent> valid =
          Flow.payments("soak", PAYMENTS, Instant.now().minus(Duration.ofHours(1)));
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      Map<Integer, Bad> badAt = new HashMap<>();
      Map<String, Integer> badPerKind = new TreeMap<>();
      Set<String> validIds = new HashSet<>();
      for (int i = 0; i < valid.size(); i++) {
        PaymentEvent payment = valid.get(i);
        if (i % 1_000 == 500) {
          // Ahead of the wall clock by less than validation.max-future-skew: clamped and decided.
          payment =
              PaymentEvent.newBuilder(payment)
                  .setEventTime(Instant.now().plus(Duration.ofMinutes(2)))
                  .build();
        }
        validIds.add(payment.getTransactionId());
        records.add(KafkaFixtures.paymentRecord(topics.payments(), payment));
        if (i % BAD_EVERY == BAD_EVERY / 2) {
          int number = i / BAD_EVERY;
          Kind kind = kinds.get(number % kinds.size());
          badAt.put(records.size(), new Bad(kind, number));
          records.add(kind.make().apply(number));
          badPerKind.merge(kind.name(), 1, Integer::sum);
        }
      }
      Map<String, Bad> badBySource = new ConcurrentHashMap<>();

      List<ScreenerProcess> screeners = new ArrayList<>();
      List<String> faults = new ArrayList<>();
      try {
        for (String name : List.of("a", "b")) {
          ScreenerProcess screener =
              new ScreenerProcess(
                  DeliveryGuaranteesIntegrationTest.childOverrides(broker, settings, name),
                  work.resolve(name + ".log"));
          screeners.add(screener);
          screener.start();
        }
        for (ScreenerProcess screener : screeners) {
          screener.awaitHealthy(Duration.ofMinutes(2));
        }
        int batch = Math.max(1, RATE / 10);
        Duration feedBudget = Duration.ofSeconds(records.size() / RATE * 3L + 180);
        int faultCount = KILLS + 1;
        int brokerFault = faultCount / 2;
        // Fault f comes once record at(f) is sent; until it is in and the screener is back, the
        // feeder holds before the next fault's record (before the last record, for the last fault),
        // so that every fault comes while records still flow, however slow the restarts.
        IntUnaryOperator at = f -> (int) ((long) records.size() * (f + 1) / (faultCount + 1));
        IntUnaryOperator holdDuring =
            f -> f + 1 < faultCount ? at.applyAsInt(f + 1) : records.size() - 1;
        try (Feeder feeder =
            Feeder.start(
                broker,
                records,
                batch,
                Duration.ofMillis(100),
                (index, metadata) -> {
                  Bad bad = badAt.get(index);
                  if (bad != null) {
                    badBySource.put(
                        metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset(),
                        bad);
                  }
                },
                holdDuring.applyAsInt(0))) {
          for (int f = 0; f < faultCount; f++) {
            feeder.awaitSent(at.applyAsInt(f), feedBudget);
            int sent = feeder.sent();
            if (f == brokerFault) {
              broker.kill();
              broker.restart();
              faults.add("broker SIGKILL+restart at " + sent);
            } else {
              ScreenerProcess victim = screeners.get(f % 2);
              victim.kill();
              victim.start();
              faults.add("screener " + (f % 2 == 0 ? "a" : "b") + " SIGKILL at " + sent);
              victim.awaitHealthy(Duration.ofMinutes(2));
            }
            if (f + 1 < faultCount) {
              feeder.holdAt(holdDuring.applyAsInt(f + 1));
            }
          }
          feeder.release();
          feeder.join(feedBudget);
        }
        long fed = System.nanoTime();

        String tails = "a:\n" + screeners.get(0).tail() + "\nb:\n" + screeners.get(1).tail();
        Decisions.ReadBack read =
            Decisions.assertExactlyOne(
                broker, topics, settings.applicationId(), validIds, Duration.ofMinutes(10), tails);

        Map<String, List<ConsumerRecord<byte[], byte[]>>> deadBySource =
            readDeadLetters(broker, topics, badBySource.keySet());
        List<String> problems = new ArrayList<>();
        int feedRepeats = 0;
        int deadLetters = 0;
        for (var entry : deadBySource.entrySet()) {
          Bad bad = badBySource.get(entry.getKey());
          List<ConsumerRecord<byte[], byte[]>> letters = entry.getValue();
          deadLetters += letters.size();
          if (bad == null) {
            problems.add(
                letters.size()
                    + " dead letters from "
                    + entry.getKey()
                    + ", which is no bad record: "
                    + header(letters.get(0), DeadLetters.ERROR));
            continue;
          }
          if (!bad.kind().feed() && letters.size() != 1) {
            problems.add(
                bad.kind().name()
                    + " #"
                    + bad.number()
                    + " dead-lettered "
                    + letters.size()
                    + " times");
          }
          feedRepeats += bad.kind().feed() ? letters.size() - 1 : 0;
          String errorStart = bad.kind().errorStart().apply(bad.number());
          for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String stage = header(letter, DeadLetters.STAGE);
            String error = header(letter, DeadLetters.ERROR);
            if (!bad.kind().stage().equals(stage)
                || error == null
                || !error.startsWith(errorStart)) {
              problems.add(
                  bad.kind().name()
                      + " #"
                      + bad.number()
                      + ": "
                      + stage
                      + " "
                      + error
                      + ", expected "
                      + bad.kind().stage()
                      + " "
                      + errorStart);
            }
          }
        }
        Set<String> notDeadLettered = new TreeSet<>(badBySource.keySet());
        notDeadLettered.removeAll(deadBySource.keySet());
        notDeadLettered.forEach(
            source ->
                problems.add(
                    badBySource.get(source).kind().name()
                        + " #"
                        + badBySource.get(source).number()
                        + " at "
                        + source
                        + " is not on the dead-letter topic"));
        assertEquals(badAt.size(), badBySource.size(), "every bad record acknowledged");
        assertEquals(
            List.of(),
            problems.subList(0, Math.min(problems.size(), 30)),
            problems.size() + " problems");

        for (ScreenerProcess screener : screeners) {
          assertEquals(
              143,
              screener.terminate(Duration.ofSeconds(60)),
              "ran to the end, then stopped by SIGTERM");
        }
        System.out.printf(
            "soak: %d payments (%d records with the bad ones), %d bad records (%s), faults %s; "
                + "%d decisions for %d valid payments, 0 lost, 0 doubled; %d dead letters (%d feed dead letters "
                + "beyond one per bad feed record: each instance's global thread writes its own, and re-reads after a kill); "
                + "last record acknowledged after %d s, the whole test %d s%n",
            PAYMENTS,
            records.size(),
            badAt.size(),
            badPerKind,
            faults,
            read.records(),
            validIds.size(),
            deadLetters,
            feedRepeats,
            TimeUnit.NANOSECONDS.toSeconds(fed - began),
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
      } finally {
        for (ScreenerProcess screener : screeners) {
          screener.close();
        }
      }
    }
  }

  /** Every kind of bad record the screener dead-letters, on payments and on each feed. */
  private static List<Kind> kinds(TopicNames topics) {
    var payments = AvroSerde.of(PaymentEvent.class).serializer();
    Instant now = Instant.now().minusSeconds(60);
    Function<Payments, byte[]> encode =
        p -> payments.serialize(topics.payments(), p.at(now).build());
    byte[] valid = encode.apply(Payments.grocery().id("shape"));
    byte[] random = new byte[64];
    new Random(42).nextBytes(random);
    byte[] unknownSchema = valid.clone();
    Arrays.fill(unknownSchema, 2, 10, (byte) 0x5A);
    byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
    Instant ahead = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
    List<Kind> kinds = new ArrayList<>();
    kinds.add(
        payment(topics, "random bytes", "DECODE", n -> random, "not Avro single-object encoding"));
    kinds.add(
        payment(
            topics, "unknown schema", "DECODE", n -> unknownSchema, "unknown schema fingerprint"));
    kinds.add(
        payment(topics, "truncated", "DECODE", n -> truncated, "truncated or corrupt Avro body"));
    kinds.add(payment(topics, "tombstone", "DECODE", n -> null, "record has no value"));
    kinds.add(
        payment(
            topics,
            "missing transaction id",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id(" ")),
            "transactionId is missing"));
    kinds.add(
        payment(
            topics,
            "missing payer",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).payer("")),
            "payerId is missing"));
    kinds.add(
        payment(
            topics,
            "missing payee",
            "VALIDATE",
            n -> encode.apply(Payments.transfer("p-" + n, " ", 1_000).id("bad-" + n)),
            "payeeId is missing"));
    kinds.add(
        payment(
            topics,
            "zero amount",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).amount(0)),
            "amountMinor must be positive, was 0"));
    kinds.add(
        payment(
            topics,
            "negative amount",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).amount(-100)),
            "amountMinor must be positive, was -100"));
    kinds.add(
        payment(
            topics,
            "amount above the max",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).amount(Long.MAX_VALUE)),
            "amountMinor 9223372036854775807 is above validation.max-amount-minor"));
    kinds.add(
        payment(
            topics,
            "unknown currency",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).currency("XXXX")),
            "currency is not an ISO 4217 code"));
    kinds.add(
        payment(
            topics,
            "mcc not four digits",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).mcc("12a4")),
            "mcc is not four digits"));
    kinds.add(
        payment(
            topics,
            "memo too long",
            "VALIDATE",
            n -> encode.apply(Payments.grocery().id("bad-" + n).memo("x".repeat(2_000))),
            "memo is longer than 1024 characters (2000)"));
    kinds.add(
        payment(
            topics,
            "dated 2001",
            "VALIDATE",
            n ->
                payments.serialize(
                    topics.payments(),
                    Payments.grocery()
                        .id("bad-" + n)
                        .at(Instant.parse("2001-01-01T00:00:00Z"))
                        .build()),
            "eventTime 2001-01-01T00:00:00Z is before"));
    kinds.add(
        payment(
            topics,
            "dated two hours ahead",
            "VALIDATE",
            n ->
                payments.serialize(
                    topics.payments(), Payments.grocery().id("bad-" + n).at(ahead).build()),
            "eventTime " + ahead + " is more than PT5M ahead of now"));
    kinds.add(
        feed(
            "merchant reputation bytes",
            topics.merchantReputation(),
            n -> "m-bad-" + n,
            n -> random,
            "not Avro single-object encoding"));
    kinds.add(
        feed(
            "counterparty risk 150",
            topics.counterpartyReputation(),
            n -> "acct-bad-" + n,
            n ->
                AvroSerde.of(CounterpartyReputation.class)
                    .serializer()
                    .serialize(
                        topics.counterpartyReputation(),
                        new CounterpartyReputation(
                            "acct-bad-" + n, CounterpartyCategory.MULE, 150, 1, now)),
            "invalid CounterpartyReputation: riskScore must be 0-100, was 150"));
    kinds.add(
        feed(
            "quote negative price",
            topics.cryptoQuotes(),
            n -> "USDT/CNY",
            n ->
                AvroSerde.of(CryptoQuote.class)
                    .serializer()
                    .serialize(topics.cryptoQuotes(), new CryptoQuote("USDT/CNY", -7.1, now)),
            "invalid CryptoQuote: price must be a positive number, was -7.1"));
    kinds.add(
        feed(
            "verdict without analyst",
            topics.reviewVerdicts(),
            n -> "tx-bad-" + n,
            n ->
                AvroSerde.of(ReviewVerdict.class)
                    .serializer()
                    .serialize(
                        topics.reviewVerdicts(),
                        new ReviewVerdict(
                            "tx-bad-" + n, VerdictKind.CONFIRMED_CRYPTO, " ", null, now)),
            "invalid ReviewVerdict: analyst is missing"));
    kinds.add(
        feed(
            "verdict tombstone",
            topics.reviewVerdicts(),
            n -> "tx-gone-" + n,
            n -> null,
            "invalid ReviewVerdict: record has no value"));
    kinds.add(
        feed(
            "account action bytes",
            topics.accountActions(),
            n -> "acct-bytes-" + n,
            n -> random,
            "not Avro single-object encoding"));
    kinds.add(
        feed(
            "rules document bytes",
            topics.screenerConfig(),
            n -> "rules",
            n -> random,
            "not Avro single-object encoding"));
    return kinds;
  }

  /** Sent without a timestamp (the producer stamps now): a broker refuses one two hours ahead. */
  private static Kind payment(
      TopicNames topics,
      String name,
      String stage,
      Function<Integer, byte[]> value,
      String errorStart) {
    return new Kind(
        name,
        stage,
        false,
        n -> new ProducerRecord<>(topics.payments(), bytes("bad-" + n), value.apply(n)),
        n -> errorStart);
  }

  private static Kind feed(
      String name,
      String topic,
      Function<Integer, String> key,
      Function<Integer, byte[]> value,
      String errorStart) {
    return new Kind(
        name,
        "DECODE",
        true,
        n -> new ProducerRecord<>(topic, bytes(key.apply(n)), value.apply(n)),
        n -> errorStart);
  }

  /**
   * The dead-letter topic by source ({@code topic/partition/offset}), read committed until every
   * expected source has appeared and the end is reached, or five minutes pass.
   */
  private static Map<String, List<ConsumerRecord<byte[], byte[]>>> readDeadLetters(
      EmbeddedKafkaBroker broker, TopicNames topics, Set<String> expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> bySource = new TreeMap<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.deadLetter()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String source =
              header(record, DeadLetters.SOURCE_TOPIC)
                  + "/"
                  + header(record, DeadLetters.SOURCE_PARTITION)
                  + "/"
                  + header(record, DeadLetters.SOURCE_OFFSET);
          bySource.computeIfAbsent(source, k -> new ArrayList<>(1)).add(record);
        }
        if (bySource.keySet().containsAll(expected)) {
          Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
          if (partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
            break;
          }
        }
      }
    }
    return bySource;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
