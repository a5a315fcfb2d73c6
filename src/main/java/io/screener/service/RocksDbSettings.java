package io.screener.service;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * RocksDB settings for the screener's stores (registered as {@code rocksdb.config.setter} by {@link
 * StreamsProperties}; {@code kafka.rocksdb.config.setter} replaces it).
 *
 * <p>The workload: the behaviour store ({@code account-activity}) and the reputation tables, all
 * read by point look-ups; each payment reads and writes its payee's record of a few hundred bytes,
 * and looks up reputation keys that are mostly absent (most accounts are in no list). Range scans
 * happen only where a store is read whole: as a task starts (to build its expiry index) and, in
 * slices, when a store is too large for that index; and in {@code spilled-legs}, read by a short
 * range for busy accounts only. So:
 *
 * <ul>
 *   <li>A whole-key Bloom filter on the memtable ({@code memtable_prefix_bloom_size_ratio} 0.01
 *       with {@code memtable_whole_key_filtering}): a look-up for an absent key, the common case,
 *       skips the memtable's skip-list search (the SST files already have Kafka Streams' Bloom
 *       filter). The filter is sized from the memtable's bytes, not its keys: 0.01 of a 16 MB
 *       memtable is 160 KB, 8 or more bits a key for entries of up to about 150 bytes. It was 0.1,
 *       1.6 MB a memtable of every store, which no CPU cache holds: each probe of it missed, and
 *       the probes were the largest item inside the reputation look-ups (BENCHMARKS.md).
 *   <li>A hash index inside data blocks ({@code kDataBlockBinaryAndHash}): a point look-up in a
 *       block is one hash probe instead of a binary search; range scans still work.
 *   <li>One block cache for every store of the process, index and filter blocks in it, instead of
 *       Kafka Streams' 50 MB cache per store: memory stays bounded as partitions (tasks, so stores)
 *       are added, and the state of this workload is small enough to fit.
 *   <li>Kafka Streams' other defaults are kept: 16 MB memtables (3 at most), no compression (small
 *       values, and CPU is the scarce resource), level compaction.
 * </ul>
 */
public final class RocksDbSettings implements RocksDBConfigSetter {
  /** Block cache shared by every store in this JVM. */
  static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;

  /**
   * Created on first use: the class is loaded (by config validation) before RocksDB's native
   * library.
   */
  private static final class Shared {
    static final Cache CACHE;

    static {
      RocksDB.loadLibrary();
      CACHE = new LRUCache(BLOCK_CACHE_BYTES);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(Shared.CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinL0FilterAndIndexBlocksInCache(true);
    table.setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash);
    table.setDataBlockHashTableUtilRatio(0.75);
    options.setTableFormatConfig(table);
    options.setMemtablePrefixBloomSizeRatio(0.01);
    options.setMemtableWholeKeyFiltering(true);
  }

  @Override
  public void close(String storeName, Options options) {
    // The shared cache lives as long as the process.
  }

  /**
   * Kafka Streams' own RocksDB settings, unchanged: {@code --set
   * kafka.rocksdb.config.setter=io.screener.service.RocksDbSettings$KafkaDefaults} measures them.
   */
  public static final class KafkaDefaults implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {}

    @Override
    public void close(String storeName, Options options) {}
  }
}
