package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.ScreeningDecision;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.fixtures.HistoryFiles;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.MixedHistory;
import io.screener.fixtures.RulesDocuments;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroJson;
import io.screener.serialization.AvroSerde;
import io.screener.serialization.WireFormat;
import io.screener.service.ScreenerService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A republished history, screened by the live service on a real broker, decides as the offline
 * replay.
 */
class RepublishIntegrationTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldDecideARepublishedHistoryAsTheOfflineReplay() throws Exception {
    MixedHistory history = MixedHistory.generate(5, 600, Duration.ofMinutes(1).toMillis(), false);
    Path in = dir.resolve("in");
    HistoryFiles.write(history, in);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start()) {
      // Live, an account's new enforcement status reaches scoring one round trip through
      // account-actions later; offline it applies at once. This history is published at full speed,
      // so both sides run with the enforcement reasons' weights at 0 (the ladder still runs) and
      // compare everything else; ReplayEngineParityTest holds enforcement itself to the driver.
      Path rules =
          RulesDocuments.write(
              dir.resolve("rules"),
              "weight.PAYEE_BANNED=100",
              "weight.PAYEE_BANNED=0",
              "weight.PAYER_BANNED=100",
              "weight.PAYER_BANNED=0",
              "weight.PAYEE_RESTRICTED=100",
              "weight.PAYEE_RESTRICTED=0",
              "weight.PAYER_RESTRICTED=100",
              "weight.PAYER_RESTRICTED=0");
      ScreenerSettings settings =
          KafkaFixtures.settings(
              broker, dir.resolve("state"), Map.of("rules.file", rules.toString()));
      KafkaFixtures.createTopics(broker, settings.topics(), 1);
      // The history is months old and each record carries its own time, as does each decision:
      // the topics that delete by time must keep it, as docs/replay.md tells a user (else the
      // publisher refuses, below).
      broker.setTopicConfig(
          deletingByTime(settings.topics()), TopicConfig.RETENTION_MS_CONFIG, "-1");
      Republisher.Result published =
          Republisher.run(
              new Republisher.Options(
                  in.resolve("payments.jsonl"),
                  in.resolve("merchants.jsonl"),
                  in.resolve("counterparties.jsonl"),
                  in.resolve("quotes.jsonl"),
                  broker.bootstrapServers(),
                  settings.topics(),
                  settings.topics().payments(),
                  0,
                  new Properties(),
                  WireFormat.singleObject()),
              quiet);
      assertEquals(0, published.failed());

      Path out = dir.resolve("out");
      Replay.Result offline =
          Replay.run(
              new Replay.Options(
                  in.resolve("payments.jsonl"),
                  in.resolve("merchants.jsonl"),
                  in.resolve("counterparties.jsonl"),
                  in.resolve("quotes.jsonl"),
                  null,
                  null,
                  settings,
                  Scorer.standard(RulesLoader.load(settings.rulesFile())),
                  settings.rulesFile(),
                  null,
                  null,
                  out,
                  false),
              quiet,
              System::currentTimeMillis);
      Map<String, String> expected = new TreeMap<>();
      for (String file : List.of("blocked.jsonl", "flagged.jsonl", "cleared.jsonl")) {
        for (String line : Files.readAllLines(out.resolve(file))) {
          ScreeningDecision d = AvroJson.fromJson(line, ScreeningDecision.class);
          expected.put(d.getTransactionId(), withoutDecidedAt(d));
        }
      }

      try (ScreenerService service = new ScreenerService(settings, ScreeningEvents.NONE)) {
        service.start();
        KafkaFixtures.waitForRunning(service.streams());
        List<ConsumerRecord<byte[], byte[]>> read =
            KafkaFixtures.readCommitted(
                broker,
                List.of(
                    settings.topics().blocked(),
                    settings.topics().flagged(),
                    settings.topics().cleared()),
                records -> records.size() >= offline.decided(),
                Duration.ofSeconds(150));
        Map<String, String> live = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
          ScreeningDecision d =
              AvroSerde.of(ScreeningDecision.class)
                  .deserializer()
                  .deserialize(record.topic(), record.value());
          live.put(d.getTransactionId(), withoutDecidedAt(d));
        }
        List<String> differing = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(expected.keySet())) {
          if (!expected.get(id).equals(live.get(id)) && differing.size() < 3) {
            differing.add(id + "\n offline " + expected.get(id) + "\n live    " + live.get(id));
          }
        }
        assertEquals(List.of(), differing, "decisions that differ");
        assertEquals(expected.keySet(), live.keySet());
        assertEquals(offline.decided(), read.size());
      }
    }
  }

  /**
   * A history older than a topic's retention would be deleted by the broker as it lands (each
   * record carries its own time): the publisher says which topics and what to change, and publishes
   * nothing.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldRefuseAHistoryTheTopicsRetentionWouldDelete() throws Exception {
    MixedHistory history = MixedHistory.generate(6, 200, Duration.ofMinutes(1).toMillis(), false);
    Path in = dir.resolve("old");
    HistoryFiles.write(history, in);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(1).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, dir.resolve("state"), Map.of());
      KafkaFixtures.createTopics(broker, settings.topics(), 1);
      // A week's retention, Kafka's default, against a history from February 2026.
      broker.setTopicConfig(
          deletingByTime(settings.topics()), TopicConfig.RETENTION_MS_CONFIG, "604800000");

      IOException refused =
          assertThrows(
              IOException.class,
              () ->
                  Republisher.run(
                      new Republisher.Options(
                          in.resolve("payments.jsonl"),
                          in.resolve("merchants.jsonl"),
                          in.resolve("counterparties.jsonl"),
                          in.resolve("quotes.jsonl"),
                          broker.bootstrapServers(),
                          settings.topics(),
                          settings.topics().payments(),
                          0,
                          new Properties(),
                          WireFormat.singleObject()),
                      new PrintStream(OutputStream.nullOutputStream())));

      String message = refused.getMessage();
      assertTrue(message.startsWith("nothing published:"), message);
      assertTrue(
          message.contains(
              "topic payments keeps records for retention.ms=604800000 and the oldest to go there"
                  + " is from 2026-02-01T"),
          message);
      assertTrue(message.contains("--entity-name crypto-quotes --add-config retention.ms=-1"));
      // The decisions would carry the payments' times: their topics would delete them at once.
      for (String decisions : decisionTopics(settings.topics())) {
        assertTrue(
            message.contains(
                "topic "
                    + decisions
                    + " keeps records for retention.ms=604800000 and the oldest to go there is"
                    + " from 2026-02-01T"),
            message);
        assertTrue(
            message.contains("--entity-name " + decisions + " --add-config retention.ms=-1"),
            message);
      }
      assertTrue(
          message.contains("a decision carrying the time of its payment on payments"), message);
      assertFalse(message.contains("merchant-reputation"), "compacted topics keep their records");
      assertFalse(message.contains("account-actions"), "compacted topics keep their records");
      assertEquals(
          List.of(),
          KafkaFixtures.readAllCommitted(
              broker,
              List.of(
                  settings.topics().payments(),
                  settings.topics().cryptoQuotes(),
                  settings.topics().merchantReputation(),
                  settings.topics().counterpartyReputation()),
              Duration.ofSeconds(30)));
    }
  }

  private static String withoutDecidedAt(ScreeningDecision d) {
    ScreeningDecision copy = ScreeningDecision.newBuilder(d).setDecidedAt(Instant.EPOCH).build();
    return AvroJson.toJson(copy);
  }

  /** The topics the screener writes decisions and dead letters to, with their payments' times. */
  private static List<String> decisionTopics(ScreenerSettings.TopicNames topics) {
    return List.of(topics.blocked(), topics.flagged(), topics.cleared(), topics.deadLetter());
  }

  /** The topics a republished history's times reach that delete by time. */
  private static List<String> deletingByTime(ScreenerSettings.TopicNames topics) {
    List<String> all = new ArrayList<>(List.of(topics.payments(), topics.cryptoQuotes()));
    all.addAll(decisionTopics(topics));
    return all;
  }
}
