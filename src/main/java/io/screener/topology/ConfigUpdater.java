package io.screener.topology;

import io.screener.avro.ScreenerConfig;
import io.screener.screening.RulesUpdate;
import io.screener.screening.ScreeningEvents;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each valid {@code screener-config} document in force (invalid ones never get here: the
 * topic's deserializer rejects them to the dead-letter topic, and the running version stays). A
 * tombstone goes back to the rules file. The document under {@link RulesUpdate#SHADOW_KEY} is the
 * shadow version instead, scored beside the live one and deciding nothing; its tombstone removes
 * the shadow. Runs on the global thread, also when the topic is re-read at start-up, so an instance
 * starts with the latest published versions.
 */
final class ConfigUpdater implements Processor<String, RulesUpdate, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigUpdater.class);

  private final ActiveRules rules;
  private final ScreeningEvents events;
  private KeyValueStore<String, ScreenerConfig> documents;

  ConfigUpdater(ActiveRules rules, ScreeningEvents events) {
    this.rules = rules;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.documents = context.getStateStore(ScreenerTopology.CONFIG_STORE);
  }

  @Override
  public void process(Record<String, RulesUpdate> record) {
    if (RulesUpdate.SHADOW_KEY.equals(record.key())) {
      shadow(record);
      return;
    }
    RulesUpdate update = record.value();
    ActiveRules.Version version;
    if (update == null) {
      documents.delete(record.key());
      version = rules.install(null);
      LOG.info(
          "screener-config {} deleted: rules {} from the rules file in force",
          record.key(),
          version.name());
    } else {
      documents.put(record.key(), update.document());
      version = rules.install(update.scorer());
      LOG.info(
          "rules {} in force (screener-config {}, published by {})",
          version.name(),
          record.key(),
          update.document().getPublishedBy());
    }
    events.rulesInForce(version.name());
  }

  private void shadow(Record<String, RulesUpdate> record) {
    RulesUpdate update = record.value();
    if (update == null) {
      documents.delete(record.key());
      rules.shadow(null);
      LOG.info("screener-config {} deleted: no shadow rules", record.key());
      events.shadowRulesInForce(null);
    } else {
      documents.put(record.key(), update.document());
      rules.shadow(update.scorer());
      String version = update.scorer().rules().version();
      LOG.info(
          "shadow rules {} beside rules {} (screener-config {}, published by {})",
          version,
          rules.current().name(),
          record.key(),
          update.document().getPublishedBy());
      events.shadowRulesInForce(version);
    }
  }
}
