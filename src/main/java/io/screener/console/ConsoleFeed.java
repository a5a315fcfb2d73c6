package io.screener.console;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.config.ScreenerSettings;
import io.screener.domain.enforcement.EnforcementCodec;
import io.screener.serialization.WireFormat;
import io.screener.topology.DeadLetters;
import io.screener.topology.ScreenerTopology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the console shows into a {@link ConsoleState}, on a thread of its own, with one
 * consumer that joins no group (it assigns itself every partition and commits nothing, so any
 * number of consoles may run). The decisions, verdicts and dead letters are read from {@code
 * review.retention} ago (older payments can no longer take a verdict); the compacted topics
 * (account-actions, counterparty-reputation) and the changelogs of the screener's ladder and review
 * ledger stores from their beginning. Only committed records are read (the screener writes
 * exactly-once). A topic not there yet (a screener that never ran) is looked for again every few
 * seconds. A record that cannot be read is skipped with a log line.
 */
public final class ConsoleFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RECHECK = Duration.ofSeconds(3);

  private enum Role {
    DECISIONS,
    ACTIONS,
    REPUTATION,
    VERDICTS,
    LADDER,
    LEDGER,
    DEAD_LETTERS,
    SHADOW_DIFFS;

    boolean fromStart() {
      return this == ACTIONS || this == REPUTATION || this == LADDER || this == LEDGER;
    }
  }

  private final ConsoleState state;
  private final Map<String, Role> topics;
  private final Properties config;
  private final Duration lookBack;
  private final Clock clock;
  private final Deserializer<ScreeningDecision> decisions;
  private final Deserializer<AccountAction> actions;
  private final Deserializer<CounterpartyReputation> reputations;
  private final Deserializer<ReviewVerdict> verdicts;
  private final Deserializer<ShadowDiff> shadowDiffs;
  private final Thread thread;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;
  private long skipped;

  public ConsoleFeed(ScreenerSettings settings, ConsoleState state, Clock clock) {
    this.state = state;
    this.clock = clock;
    ScreenerSettings.TopicNames names = settings.topics();
    topics = new LinkedHashMap<>();
    topics.put(names.flagged(), Role.DECISIONS);
    topics.put(names.blocked(), Role.DECISIONS);
    topics.put(names.accountActions(), Role.ACTIONS);
    topics.put(names.counterpartyReputation(), Role.REPUTATION);
    topics.put(names.reviewVerdicts(), Role.VERDICTS);
    topics.put(names.deadLetter(), Role.DEAD_LETTERS);
    topics.put(names.shadowDiff(), Role.SHADOW_DIFFS);
    topics.put(changelog(settings, ScreenerTopology.ENFORCEMENT_STORE), Role.LADDER);
    topics.put(changelog(settings, ScreenerTopology.REVIEW_STORE), Role.LEDGER);
    config = consumerConfig(settings);
    lookBack = settings.reviewRetention();
    WireFormat wire = WireFormat.of(settings.registry());
    decisions = wire.serde(ScreeningDecision.class).deserializer();
    actions = wire.serde(AccountAction.class).deserializer();
    reputations = wire.serde(CounterpartyReputation.class).deserializer();
    verdicts = wire.serde(ReviewVerdict.class).deserializer();
    shadowDiffs = wire.serde(ShadowDiff.class).deserializer();
    thread = new Thread(this::run, "console-feed");
    thread.setDaemon(true);
  }

  /** Kafka Streams' name for a store's changelog topic. */
  static String changelog(ScreenerSettings settings, String store) {
    return settings.applicationId() + "-" + store + "-changelog";
  }

  /** The topics read, for the log and the docs. */
  public Set<String> topics() {
    return topics.keySet();
  }

  public void start() {
    thread.start();
  }

  /** Waits until the feed has read every topic up to where it stood at start-up. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Properties consumerConfig(ScreenerSettings settings) {
    Properties config = new Properties();
    Properties kafka = settings.kafka();
    for (String name : kafka.stringPropertyNames()) {
      String value = kafka.getProperty(name);
      if (name.startsWith("consumer.")) {
        config.put(name.substring("consumer.".length()), value);
      } else if (ConsumerConfig.configNames().contains(name)) {
        config.put(name, value);
      }
    }
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-console");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return config;
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config)) {
      consumer = c;
      if (closed) {
        return;
      }
      Set<TopicPartition> assigned = new HashSet<>();
      Map<TopicPartition, Long> startEnds = new HashMap<>();
      boolean reported = false;
      long nextCheck = 0;
      String waiting = "waiting for the screener's topics";
      while (!closed) {
        long now = clock.millis();
        if (now >= nextCheck && found(assigned).size() < topics.size()) {
          nextCheck = now + RECHECK.toMillis();
          try {
            assign(c, assigned, startEnds);
            waiting = "waiting for the screener's topics";
          } catch (WakeupException e) {
            throw e;
          } catch (KafkaException e) {
            // No broker answered in time: the topics are looked for again at the next check.
            LOG.warn("console cannot list the topics yet: {}", e.toString());
            waiting = "waiting for the cluster: " + e.getClass().getSimpleName();
          }
        }
        if (assigned.isEmpty()) {
          state.readStatus(waiting);
          sleep(POLL);
          continue;
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          read(record);
        }
        if (!reported && caughtUp(c, startEnds)) {
          reported = true;
          caughtUp.countDown();
        }
        state.readStatus(status(assigned, reported));
      }
    } catch (WakeupException e) {
      if (!closed) {
        LOG.error("console feed woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("console feed stopped: {}", e.toString(), e);
      state.readStatus("stopped reading: " + e.getClass().getSimpleName());
    }
  }

  private static Set<String> found(Set<TopicPartition> assigned) {
    Set<String> found = new HashSet<>();
    assigned.forEach(tp -> found.add(tp.topic()));
    return found;
  }

  private String status(Set<TopicPartition> assigned, boolean caughtUp) {
    Set<String> found = found(assigned);
    List<String> missing = new ArrayList<>();
    topics
        .keySet()
        .forEach(
            t -> {
              if (!found.contains(t)) {
                missing.add(t);
              }
            });
    String reading = caughtUp ? "up to date" : "catching up";
    return missing.isEmpty() ? reading : reading + "; not there yet: " + String.join(", ", missing);
  }

  /** Assigns the partitions of the topics that exist now, each from where its role starts. */
  private void assign(
      KafkaConsumer<byte[], byte[]> c,
      Set<TopicPartition> assigned,
      Map<TopicPartition, Long> startEnds) {
    Map<String, List<PartitionInfo>> existing = c.listTopics(Duration.ofSeconds(10));
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : topics.keySet()) {
      List<PartitionInfo> partitions = existing.get(topic);
      if (partitions == null) {
        continue;
      }
      for (PartitionInfo p : partitions) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        if (assigned.add(tp)) {
          added.add(tp);
        }
      }
    }
    if (added.isEmpty()) {
      return;
    }
    c.assign(assigned);
    Map<TopicPartition, Long> since = new HashMap<>();
    long from = clock.millis() - lookBack.toMillis();
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition tp : added) {
      if (Objects.requireNonNull(topics.get(tp.topic())).fromStart()) {
        fromStart.add(tp);
      } else {
        since.put(tp, from);
      }
    }
    c.seekToBeginning(fromStart);
    Map<TopicPartition, OffsetAndTimestamp> offsets =
        since.isEmpty() ? Map.of() : c.offsetsForTimes(since, Duration.ofSeconds(10));
    Map<TopicPartition, Long> ends = c.endOffsets(added, Duration.ofSeconds(10));
    for (TopicPartition tp : since.keySet()) {
      OffsetAndTimestamp at = offsets.get(tp);
      c.seek(tp, at == null ? ends.getOrDefault(tp, 0L) : at.offset());
    }
    startEnds.putAll(ends);
    LOG.info("console reads {} more partitions ({} in all)", added.size(), assigned.size());
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> startEnds) {
    for (Map.Entry<TopicPartition, Long> e : startEnds.entrySet()) {
      // Under read_committed the position may stop short of the end at a transaction marker:
      // within one offset is caught up.
      if (c.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue() - 1) {
        return false;
      }
    }
    return true;
  }

  private void read(ConsumerRecord<byte[], byte[]> record) {
    Role role = topics.get(record.topic());
    if (role == null) {
      return;
    }
    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    byte[] value = record.value();
    try {
      switch (role) {
        case DECISIONS -> {
          if (value != null) {
            state.decision(decisions.deserialize(record.topic(), value));
          }
        }
        case ACTIONS ->
            state.action(key, value == null ? null : actions.deserialize(record.topic(), value));
        case REPUTATION ->
            state.reputation(
                key, value == null ? null : reputations.deserialize(record.topic(), value));
        case VERDICTS -> {
          if (value != null) {
            state.verdict(verdicts.deserialize(record.topic(), value));
          }
        }
        case LADDER ->
            state.ladder(key, value == null ? null : EnforcementCodec.decodeState(value));
        case LEDGER -> state.ledger(key, value == null ? null : EnforcementCodec.decodeCase(value));
        case DEAD_LETTERS -> deadLetter(record);
        case SHADOW_DIFFS -> {
          if (value != null) {
            state.shadowDiff(shadowDiffs.deserialize(record.topic(), value));
          }
        }
      }
    } catch (RuntimeException e) {
      skipped++;
      LOG.warn(
          "console skipped {}-{}@{} it cannot read ({} so far): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          skipped,
          e.getClass().getSimpleName());
    }
  }

  /** A dead letter that is a verdict the screener refused: its reason goes with it. */
  private void deadLetter(ConsumerRecord<byte[], byte[]> record) {
    Header error = record.headers().lastHeader(DeadLetters.ERROR);
    byte[] value = record.value();
    if (error == null || value == null) {
      return;
    }
    ReviewVerdict verdict;
    try {
      verdict = verdicts.deserialize(record.topic(), value);
    } catch (RuntimeException notAVerdict) {
      return;
    }
    if (verdict != null) {
      state.rejected(verdict, new String(error.value(), StandardCharsets.UTF_8));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
