package io.screener.serialization;

import io.screener.config.RegistrySettings;
import io.screener.config.RegistrySettings.Framing;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the topics the screener shares with other applications, as {@code serde.format} and
 * {@code schema.registry.*} say: single-object encoding without a registry (the serdes are plain
 * {@link AvroSerde}s), or either framing read and the configured one written ({@link
 * FramedAvroSerde}). Internal topics never use it. One instance per process shares its registry
 * client's caches among all serdes it makes. Thread-safe.
 */
public final class WireFormat {
  private final RegistrySettings settings;
  private final Optional<SchemaRegistryClient> registry;

  private WireFormat(RegistrySettings settings, Optional<SchemaRegistryClient> registry) {
    this.settings = settings;
    this.registry = registry;
  }

  /** The format {@code settings} describe; a registry client only if an address is set. */
  public static WireFormat of(RegistrySettings settings) {
    return new WireFormat(
        settings,
        settings.urls().isEmpty()
            ? Optional.empty()
            : Optional.of(SchemaRegistryClient.of(settings)));
  }

  /** Single-object encoding, no registry: what the screener does unless configured otherwise. */
  public static WireFormat singleObject() {
    return of(RegistrySettings.none());
  }

  /** How records are written. */
  public Framing writes() {
    return settings.framing();
  }

  /** The serde for values of {@code type} on a shared topic. */
  public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    AvroSerde<T> singleObject = AvroSerde.of(type);
    if (registry.isEmpty()) {
      return singleObject;
    }
    return new FramedAvroSerde<>(
        singleObject,
        settings.framing(),
        registry.get(),
        settings.subjects(),
        settings.autoRegister(),
        settings.cacheCapacity());
  }

  /**
   * In registry framing, registers (or looks up) the schema of each output topic's values now, so
   * that a registry that cannot be reached or refuses a schema stops start-up with its reason
   * instead of failing the first record written. Does nothing in single-object framing.
   *
   * @param outputs each topic the screener writes, with the record class of its values
   * @throws SchemaRegistryException naming the topic, subject and the registry's answer
   */
  public void prepare(Map<String, Class<? extends SpecificRecord>> outputs) {
    if (settings.framing() != Framing.REGISTRY) {
      return;
    }
    outputs.forEach(
        (topic, type) -> {
          var serde = (FramedAvroSerde<?>) serde(type);
          serde.registeredId(topic);
        });
  }
}
