package io.screener.cli;

import io.screener.avro.ScreenerConfig;
import io.screener.config.ConfigException;
import io.screener.config.RulesDocument;
import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.screening.RulesUpdate;
import io.screener.serialization.WireFormat;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screener publish-rules}: checks a rules file and its lists exactly as a running screener
 * will, then writes them as one versioned document to {@code topic.screener-config}; every running
 * instance puts it in force from its next payment on, without a restart.
 */
@Command(
    name = "publish-rules",
    mixinStandardHelpOptions = true,
    description =
        "Check a rules file (and its term lists) and publish it to screener-config: running screeners switch to it without a restart.")
final class PublishRulesCommand implements Callable<Integer> {
  /** The key of the rules document: the compacted topic keeps the latest one. */
  static final String KEY = "rules";

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "Rules file to publish (default: the settings' rules.file).")
  @Nullable Path rules;

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
    Path file = rules == null ? s.rulesFile() : rules;
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
          producer.send(new ProducerRecord<>(topic, KEY, document)).get(40, TimeUnit.SECONDS);
      System.out.println(
          "published rules "
              + document.getVersion()
              + " to "
              + topic
              + "-"
              + sent.partition()
              + "@"
              + sent.offset());
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
