package io.screener.service;

import io.screener.config.ScreenerSettings;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams configuration for the screener: the settings, then the screener's defaults. */
public final class StreamsProperties {
  private StreamsProperties() {}

  public static Properties of(ScreenerSettings settings) {
    Properties props = new Properties();
    props.putAll(settings.kafka());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putIfAbsent(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    props.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        FeedDeserializationHandler.class.getName());
    return props;
  }
}
