package io.screener.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A topic's name bound to the serdes of its keys and values; declared once, used everywhere. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** How the topology reads it, with a named source processor. */
  public Consumed<K, V> consumed(String processorName) {
    return Consumed.with(keySerde, valueSerde).withName(processorName);
  }

  /** How the topology writes it, with a named sink processor. */
  public Produced<K, V> produced(String processorName) {
    return Produced.with(keySerde, valueSerde).withName(processorName);
  }
}
