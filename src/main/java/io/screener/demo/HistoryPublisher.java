package io.screener.demo;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.generate.HistoryGenerator;
import io.screener.serialization.AvroSerde;
import io.screener.service.SendFailures;
import io.screener.topology.ScreenerTopology;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Publishes a generated history to the screener's topics as the service expects it: reputation and
 * quotes keyed by their ids, payments Avro single-object encoded, keyed by transaction id, with the
 * payment's event time as record timestamp. Shared by the demo and the broker benchmark.
 */
public final class HistoryPublisher {
  /** How many feed records were published. */
  public record Seeded(int merchants, int counterparties, long quotes) {}

  private final Serializer<PaymentEvent> payments = AvroSerde.of(PaymentEvent.class).serializer();
  private final Function<PaymentEvent, String> key;

  /** Publishes payments keyed as the screener recommends ({@link ScreenerTopology#inputKey}). */
  public HistoryPublisher() {
    this(ScreenerTopology::inputKey);
  }

  /** Publishes payments under the given key. */
  public HistoryPublisher(Function<PaymentEvent, String> key) {
    this.key = key;
  }

  /** A byte-array producer with {@code acks=all} and the given linger. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, int lingerMs) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  /**
   * Sends the history's merchant and counterparty reputation and its quotes up to {@code until},
   * then flushes. A live quote feed has nothing from the future, and the screener dead-letters a
   * quote dated further ahead of its clock than {@code validation.max-future-skew}; the history's
   * tape runs a day past its last payment, so the caller passes the wall clock.
   */
  public static Seeded seedFeeds(
      KafkaProducer<byte[], byte[]> producer,
      TopicNames topics,
      HistoryGenerator history,
      Instant until) {
    Serializer<MerchantReputation> merchants = AvroSerde.of(MerchantReputation.class).serializer();
    Serializer<CounterpartyReputation> counterparties =
        AvroSerde.of(CounterpartyReputation.class).serializer();
    Serializer<CryptoQuote> quotes = AvroSerde.of(CryptoQuote.class).serializer();
    SendFailures failures = new SendFailures();
    for (MerchantReputation m : history.merchantReputations()) {
      failures.send(
          producer,
          record(
              topics.merchantReputation(),
              m.getMerchantId(),
              merchants.serialize(topics.merchantReputation(), m)));
    }
    for (CounterpartyReputation c : history.counterpartyReputations()) {
      failures.send(
          producer,
          record(
              topics.counterpartyReputation(),
              c.getAccountId(),
              counterparties.serialize(topics.counterpartyReputation(), c)));
    }
    long count = 0;
    for (Iterator<CryptoQuote> it = history.quotes(); it.hasNext(); count++) {
      CryptoQuote q = it.next();
      if (q.getEventTime().isAfter(until)) {
        break; // the tape is in time order
      }
      failures.send(
          producer,
          record(topics.cryptoQuotes(), q.getPair(), quotes.serialize(topics.cryptoQuotes(), q)));
    }
    producer.flush();
    failures.check("reputation and quote records");
    return new Seeded(
        history.merchantReputations().size(), history.counterpartyReputations().size(), count);
  }

  /** One payment as the screener reads it, timestamped with its event time. */
  public ProducerRecord<byte[], byte[]> payment(String topic, PaymentEvent p) {
    return new ProducerRecord<>(
        topic,
        null,
        p.getEventTime().toEpochMilli(),
        key.apply(p).getBytes(StandardCharsets.UTF_8),
        payments.serialize(topic, p));
  }

  /** Waits until the client is RUNNING, at most two minutes. */
  public static void awaitRunning(KafkaStreams streams) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline
          || streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(
            "the screener did not start; streams state " + streams.state());
      }
      Thread.sleep(1);
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }
}
