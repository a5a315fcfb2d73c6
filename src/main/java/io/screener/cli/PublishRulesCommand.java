package io.screener.cli;

import io.screener.avro.ScreenerConfig;
import io.screener.config.ConfigException;
import io.screener.config.RulesDocument;
import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.screening.RulesUpdate;
import io.screener.serialization.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screener publish-rules}: checks a rules file and its lists exactly as a running screener
 * will, then writes them as one versioned document to {@code topic.screener-config}; every running
 * instance puts it in force from its next payment on, without a restart.
 *
 * <p>With {@code --shadow FILE} the document goes under the key {@code shadow} instead: running
 * screeners score every payment by it too, decide by the live rules alone, and write the payments
 * the two decide differently to {@code topic.shadow-diff}. {@code --promote} makes the shadow
 * document the live one and removes the shadow; {@code --shadow-off} removes it.
 */
@Command(
    name = "publish-rules",
    mixinStandardHelpOptions = true,
    description = {
      "Check a rules file (and its term lists) and publish it to screener-config: running screeners"
          + " switch to it without a restart.",
      "With --shadow, publish it as shadow rules instead: every payment is scored by them too,"
          + " they decide nothing, and the payments they would decide otherwise go to"
          + " payments-shadow-diff. --promote makes the shadow rules live; --shadow-off removes"
          + " them."
    })
final class PublishRulesCommand implements Callable<Integer> {

  /** How long {@code --promote} may take to read {@code screener-config} to its end. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  /** What to publish: one of these, or none for the settings' rules file as the live rules. */
  static final class Action {
    @Option(
        names = "--rules",
        paramLabel = "FILE",
        description =
            "Rules file to publish as the live rules (default: the settings' rules.file).")
    @Nullable Path rules;

    @Option(
        names = "--shadow",
        paramLabel = "FILE",
        description =
            "Rules file to publish as shadow rules, scored beside the live ones and deciding"
                + " nothing.")
    @Nullable Path shadow;

    @Option(
        names = "--promote",
        description =
            "Make the shadow rules in screener-config the live rules, then remove the shadow.")
    boolean promote;

    @Option(names = "--shadow-off", description = "Remove the shadow rules.")
    boolean shadowOff;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable Action action;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${sys:user.name}",
      description = "Who publishes (default: ${DEFAULT-VALUE}).")
  @SuppressWarnings("NullAway.Init") // picocli sets it: it has a defaultValue
  String publishedBy;

  @Override
  public Integer call() throws InterruptedException {
    ScreenerSettings s = settings.load();
    Action chosen = action == null ? new Action() : action;
    if (chosen.promote) {
      return promote(s);
    }
    if (chosen.shadowOff) {
      return send(s, RulesUpdate.SHADOW_KEY, null, "removed the shadow rules");
    }
    boolean shadow = chosen.shadow != null;
    Path file =
        chosen.shadow != null ? chosen.shadow : chosen.rules != null ? chosen.rules : s.rulesFile();
    ScreenerConfig document;
    try {
      RulesDocument doc = RulesDocument.read(file);
      RulesLoader.parse(doc);
      document = RulesUpdate.document(doc, publishedBy, System.currentTimeMillis());
    } catch (ConfigException e) {
      // Checked before anything is sent: nothing reaches the topic that a screener would reject.
      System.err.println("screener publish-rules: " + file + ": " + e.getMessage());
      return 2;
    }
    return shadow
        ? send(
            s, RulesUpdate.SHADOW_KEY, document, "published shadow rules " + document.getVersion())
        : send(s, RulesUpdate.LIVE_KEY, document, "published rules " + document.getVersion());
  }

  /**
   * Publishes the shadow document as the live rules, then deletes the shadow. Each step is safe to
   * repeat: run again after a failure half-way, it finds the shadow still there and does both.
   */
  private int promote(ScreenerSettings s) throws InterruptedException {
    String topic = s.topics().screenerConfig();
    Serde<ScreenerConfig> serde = WireFormat.of(s.registry()).serde(ScreenerConfig.class);
    byte @Nullable [] stored;
    try {
      stored = latest(s, topic, RulesUpdate.SHADOW_KEY);
    } catch (TimeoutException | RuntimeException e) {
      System.err.println(
          "screener publish-rules: could not read "
              + topic
              + " at "
              + s.bootstrapServers()
              + ": "
              + e);
      return 1;
    }
    if (stored == null) {
      System.err.println(
          "screener publish-rules: no shadow rules to promote: "
              + topic
              + " holds none (publish them with --shadow FILE)");
      return 1;
    }
    ScreenerConfig shadow;
    try {
      shadow = serde.deserializer().deserialize(topic, stored);
      RulesUpdate.of(shadow);
    } catch (RuntimeException e) {
      // Running screeners rejected it too: they kept the shadow before it, or none.
      System.err.println(
          "screener publish-rules: the shadow document in "
              + topic
              + " is not usable rules, nothing promoted: "
              + e.getMessage());
      return 2;
    }
    ScreenerConfig promoted =
        ScreenerConfig.newBuilder(shadow)
            .setPublishedBy(publishedBy)
            .setPublishedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
            .build();
    int published =
        send(s, RulesUpdate.LIVE_KEY, promoted, "promoted shadow rules " + shadow.getVersion());
    if (published != 0) {
      return published;
    }
    return send(s, RulesUpdate.SHADOW_KEY, null, "removed the shadow rules");
  }

  /**
   * The value of the latest record under {@code key} in {@code topic}, read from the start to the
   * end as it is now; null when there is none, or the latest is a tombstone.
   */
  private static byte @Nullable [] latest(ScreenerSettings s, String topic, String key)
      throws TimeoutException {
    Properties props = new Properties();
    props.putAll(s.kafka());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis());
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      byte @Nullable [] value = null;
      while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.getOrDefault(p, 0L))) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("not at the end of " + topic + " after " + READ_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            value = record.value();
          }
        }
      }
      return value;
    }
  }

  /** Writes {@code document} (null: a tombstone) under {@code key}; 0 once the brokers have it. */
  private static int send(
      ScreenerSettings s, String key, @Nullable ScreenerConfig document, String done)
      throws InterruptedException {
    Properties props = new Properties();
    props.putAll(s.kafka());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    String topic = s.topics().screenerConfig();
    try (KafkaProducer<String, ScreenerConfig> producer =
        new KafkaProducer<>(
            props,
            new StringSerializer(),
            WireFormat.of(s.registry()).serde(ScreenerConfig.class).serializer())) {
      RecordMetadata sent =
          producer.send(new ProducerRecord<>(topic, key, document)).get(40, TimeUnit.SECONDS);
      System.out.println(
          done
              + " ("
              + topic
              + "-"
              + sent.partition()
              + "@"
              + sent.offset()
              + ", key "
              + key
              + ")");
      return 0;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      System.err.println(
          "screener publish-rules: could not publish to "
              + topic
              + " at "
              + s.bootstrapServers()
              + ": "
              + cause);
      return 1;
    }
  }
}
