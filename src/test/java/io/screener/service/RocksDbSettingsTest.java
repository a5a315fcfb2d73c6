package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.config.ScreenerSettings;
import io.screener.topology.ScreenerTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbSettingsTest {
  /** The memtable size Kafka Streams sets before the config setter runs. */
  private static final long KAFKA_WRITE_BUFFER_BYTES = 16L * 1024 * 1024;

  /** The settings of config/, as shipped; {@code overrides} as {@code --set} gives them. */
  private static ScreenerSettings shipped(Map<String, String> overrides) {
    return ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), overrides);
  }

  /** Options as Kafka Streams hands them to the setter, after the settings for {@code store}. */
  private static Options configured(String store) {
    RocksDB.loadLibrary();
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    options.setWriteBufferSize(KAFKA_WRITE_BUFFER_BYTES);
    new RocksDbSettings().setConfig(store, options, Map.of());
    return options;
  }

  @Test
  void shouldBeTheDefaultSetterAndLeaveAnExplicitOneAlone() {
    assertEquals(
        RocksDbSettings.class.getName(),
        StreamsProperties.of(shipped(Map.of()))
            .get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
    ScreenerSettings own =
        shipped(
            Map.of("kafka.rocksdb.config.setter", RocksDbSettings.KafkaDefaults.class.getName()));
    assertEquals(
        RocksDbSettings.KafkaDefaults.class.getName(),
        StreamsProperties.of(own).get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
  }

  @Test
  void shouldSetAMemtableBloomFilterAndABlockHashIndex() {
    try (Options options = configured("account-activity")) {
      assertTrue(options.memtableWholeKeyFiltering());
      assertEquals(0.1, options.memtablePrefixBloomSizeRatio(), 1e-9);
      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertEquals(DataBlockIndexType.kDataBlockBinaryAndHash, table.dataBlockIndexType());
      assertTrue(table.cacheIndexAndFilterBlocks());
      assertEquals(
          KAFKA_WRITE_BUFFER_BYTES, options.writeBufferSize(), "Kafka Streams' memtable kept");
    }
  }

  @Test
  void shouldGiveTheSpilledLegsSegmentsASmallMemtableWithoutABloomFilter() {
    try (Options options = configured("spilled-legs.1733011200000")) {
      assertEquals(RocksDbSettings.SEGMENT_WRITE_BUFFER_BYTES, options.writeBufferSize());
      assertEquals(0.0, options.memtablePrefixBloomSizeRatio(), 1e-9);
      assertFalse(options.memtableWholeKeyFiltering());
    }
  }

  /** Records the store names Kafka Streams configures, then applies the screener's settings. */
  public static final class Recording implements RocksDBConfigSetter {
    static final List<String> NAMES = new CopyOnWriteArrayList<>();
    private final RocksDbSettings settings = new RocksDbSettings();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
      NAMES.add(storeName + " " + options.writeBufferSize());
      settings.setConfig(storeName, options, configs);
      NAMES.add(storeName + " " + options.writeBufferSize());
    }

    @Override
    public void close(String storeName, Options options) {
      settings.close(storeName, options);
    }
  }

  @Test
  void shouldReachTheSegmentsByTheNamesKafkaStreamsGivesThem(@TempDir Path dir) {
    Properties config = new Properties();
    config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, Recording.class.getName());
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(config, new TaskId(0, 0), dir.toFile());
    WindowStore<Bytes, byte[]> store =
        Stores.windowStoreBuilder(
                ScreenerTopology.spilledLegsStore(shipped(Map.of())),
                Serdes.Bytes(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    Recording.NAMES.clear();
    store.init(context.getStateStoreContext(), store);
    try {
      store.put(Bytes.wrap(new byte[] {1}), new byte[] {1}, Duration.ofDays(30).toMillis());
      store.put(Bytes.wrap(new byte[] {2}), new byte[] {1}, Duration.ofDays(31).toMillis());
    } finally {
      store.close();
    }
    List<String> segments =
        Recording.NAMES.stream()
            .filter(n -> n.startsWith(ScreenerTopology.SPILLED_LEGS_STORE + "."))
            .toList();
    assertEquals(
        4, segments.size(), () -> "two segments opened, each before and after: " + segments);
    for (int i = 0; i < segments.size(); i += 2) {
      assertTrue(segments.get(i).endsWith(" " + KAFKA_WRITE_BUFFER_BYTES), segments.get(i));
      assertTrue(
          segments.get(i + 1).endsWith(" " + RocksDbSettings.SEGMENT_WRITE_BUFFER_BYTES),
          () -> "not reached by its name: " + segments);
    }
  }
}
