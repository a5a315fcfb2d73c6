package io.screener.bench;

import io.screener.config.ScreenerSettings;
import io.screener.service.RocksDbSettings;
import io.screener.topology.ScreenerTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What event time costs the {@code spilled-legs} window store: each call puts one leg half a dedup
 * retention (Kafka Streams' segment interval) after the last, so Kafka Streams opens a new segment,
 * a RocksDB database of its own, and drops the one that left the retention. The store is the one
 * the topology builds with the shipped settings ({@link ScreenerTopology#spilledLegsStore}), on
 * local disk, configured by {@code setter}: the screener's {@link RocksDbSettings} or Kafka
 * Streams' defaults. Run with {@code bench/jmh SpilledLegSegmentBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpilledLegSegmentBenchmark {
  @Param({"RocksDbSettings", "RocksDbSettings$KafkaDefaults"})
  public String setter;

  private Path dir;
  private WindowStore<Bytes, byte[]> store;
  private long segmentInterval;
  private long time;
  private final Bytes leg = Bytes.wrap(new byte[] {'a', 1, 2, 3, 4, 5, 6, 7, 8});
  private final byte[] value = {1};

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("spilled-leg-segments");
    Properties config = new Properties();
    config.put(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
        RocksDbSettings.class.getPackageName() + "." + setter);
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(config, new TaskId(0, 0), dir.toFile());
    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
    segmentInterval = settings.dedupRetention().toMillis() / 2;
    store =
        Stores.windowStoreBuilder(
                ScreenerTopology.spilledLegsStore(settings), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    time = Duration.ofDays(20_000).toMillis();
  }

  @Benchmark
  public void nextSegment() {
    time += segmentInterval;
    store.put(leg, value, time);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
