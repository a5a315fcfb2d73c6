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
  @Test
  void shouldBeTheDefaultSetterAndLeaveAnExplicitOneAlone() {
    ScreenerSettings shipped =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
    assertEquals(
        RocksDbSettings.class.getName(),
        StreamsProperties.of(shipped).get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
    ScreenerSettings own =
        ScreenerSettings.load(
            Path.of("config", "screener.properties"),
            Map.of(),
            Map.of("kafka.rocksdb.config.setter", RocksDbSettings.KafkaDefaults.class.getName()));
    assertEquals(
        RocksDbSettings.KafkaDefaults.class.getName(),
        StreamsProperties.of(own).get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
  }

  @Test
  void shouldSetAMemtableBloomFilterAndABlockHashIndex() {
    RocksDB.loadLibrary();
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());
      new RocksDbSettings().setConfig("seen-transactions", options, Map.of());
      assertTrue(options.memtableWholeKeyFiltering());
      assertEquals(0.1, options.memtablePrefixBloomSizeRatio(), 1e-9);
      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertEquals(DataBlockIndexType.kDataBlockBinaryAndHash, table.dataBlockIndexType());
      assertTrue(table.cacheIndexAndFilterBlocks());
    }
  }
}
