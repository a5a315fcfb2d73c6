package io.screener.replay;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.serialization.WireFormat;
import io.screener.service.SendFailures;
import io.screener.topology.ScreenerTopology;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a history to Kafka for the live screener: reputation and quotes first, then the
 * payments in file order, each keyed by payee ({@link ScreenerTopology#inputKey}) with its own
 * event time as the record timestamp, values framed as {@code serde.format} says. Refuses before
 * publishing anything when a topic's retention would delete the history's oldest records ({@link
 * RetentionCheck}). Lines that are not records are skipped and counted (the offline replay
 * dead-letters them); payments that fail validation are published, since the service dead-letters
 * them itself.
 */
public final class Republisher {

  /** What to publish and where. {@code rate}: payments per second, 0 for as fast as possible. */
  public record Options(
      Path payments,
      @Nullable Path merchants,
      @Nullable Path counterparties,
      @Nullable Path quotes,
      String bootstrapServers,
      TopicNames topics,
      String paymentsTopic,
      double rate,
      Properties kafka,
      WireFormat wire) {}

  /** Counts of one run. */
  public record Result(long payments, long feedRecords, long skipped, long failed) {}

  private Republisher() {}

  public static Result run(Options o, PrintStream err) throws IOException {
    Properties p = new Properties();
    p.putAll(o.kafka());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    RetentionCheck retention = new RetentionCheck();
    retention.scan(
        o.merchants(),
        MerchantReputation.class,
        o.topics().merchantReputation(),
        MerchantReputation::getUpdatedAt);
    retention.scan(
        o.counterparties(),
        CounterpartyReputation.class,
        o.topics().counterpartyReputation(),
        CounterpartyReputation::getUpdatedAt);
    retention.scan(
        o.quotes(), CryptoQuote.class, o.topics().cryptoQuotes(), CryptoQuote::getEventTime);
    retention.scan(o.payments(), PaymentEvent.class, o.paymentsTopic(), PaymentEvent::getEventTime);
    retention.carriedTo(
        o.paymentsTopic(),
        List.of(
            o.topics().blocked(),
            o.topics().flagged(),
            o.topics().cleared(),
            o.topics().deadLetter()));
    Properties admin = new Properties();
    admin.putAll(o.kafka());
    admin.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
    retention.require(admin, o.bootstrapServers(), Instant.now());
    SendFailures failures = new SendFailures();
    long feed = 0;
    long payments = 0;
    long skipped = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      Sender sender = new Sender(producer, failures, o.wire());
      feed +=
          publish(
              sender,
              o.merchants(),
              MerchantReputation.class,
              o.topics().merchantReputation(),
              MerchantReputation::getMerchantId,
              m -> m.getUpdatedAt());
      feed +=
          publish(
              sender,
              o.counterparties(),
              CounterpartyReputation.class,
              o.topics().counterpartyReputation(),
              CounterpartyReputation::getAccountId,
              c -> c.getUpdatedAt());
      feed +=
          publish(
              sender,
              o.quotes(),
              CryptoQuote.class,
              o.topics().cryptoQuotes(),
              CryptoQuote::getPair,
              q -> q.getEventTime());
      producer.flush();
      Serializer<PaymentEvent> serializer = o.wire().serde(PaymentEvent.class).serializer();
      long start = System.nanoTime();
      try (RecordReader<PaymentEvent> reader =
          RecordReader.open(o.payments(), PaymentEvent.class)) {
        InputRecord<PaymentEvent> record;
        while ((record = reader.next()) != null) {
          if (record.value() == null) {
            skipped++;
            continue;
          }
          PaymentEvent payment = record.value();
          sender.send(
              o.paymentsTopic(),
              ScreenerTopology.inputKey(payment),
              serializer.serialize(o.paymentsTopic(), payment),
              payment.getEventTime());
          payments++;
          if (o.rate() > 0) {
            long due = start + (long) (payments / o.rate() * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              sleep(wait);
            }
          }
        }
      }
      producer.flush();
    }
    if (failures.failed() > 0) {
      err.println(
          "replay: "
              + failures.failed()
              + " records were not published; first error: "
              + Objects.requireNonNull(failures.first(), "the first of the failures counted")
                  .getMessage());
    }
    err.println(
        String.format(
            Locale.ROOT,
            "replay: published %,d payments and %,d feed records to %s (%,d unreadable lines skipped)",
            payments,
            feed,
            o.bootstrapServers(),
            skipped));
    return new Result(payments, feed, skipped, failures.failed());
  }

  private static <T extends SpecificRecord> long publish(
      Sender sender,
      @Nullable Path file,
      Class<T> type,
      String topic,
      Function<T, String> key,
      Function<T, Instant> time)
      throws IOException {
    if (file == null) {
      return 0;
    }
    Serializer<T> serializer = sender.wire().serde(type).serializer();
    long n = 0;
    try (RecordReader<T> reader = RecordReader.open(file, type)) {
      InputRecord<T> record;
      while ((record = reader.next()) != null) {
        if (record.value() != null) {
          sender.send(
              topic,
              key.apply(record.value()),
              serializer.serialize(topic, record.value()),
              time.apply(record.value()));
          n++;
        }
      }
    }
    return n;
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends and counts asynchronous failures; a record with a timestamp Kafka cannot take goes
   * without one.
   */
  private record Sender(
      KafkaProducer<byte[], byte[]> producer, SendFailures failures, WireFormat wire) {
    void send(String topic, String key, byte[] value, Instant time) {
      Long timestamp = time == null || time.toEpochMilli() < 0 ? null : time.toEpochMilli();
      failures.send(
          producer,
          new ProducerRecord<>(
              topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value));
    }
  }
}
