package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.config.ScreenerSettings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
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
      assertEquals(0.01, options.memtablePrefixBloomSizeRatio(), 1e-9);
      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertEquals(DataBlockIndexType.kDataBlockBinaryAndHash, table.dataBlockIndexType());
      assertTrue(table.cacheIndexAndFilterBlocks());
      assertEquals(
          KAFKA_WRITE_BUFFER_BYTES, options.writeBufferSize(), "Kafka Streams' memtable kept");
    }
  }
}
