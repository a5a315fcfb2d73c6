package io.screener.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.fixtures.KafkaFixtures;
import io.screener.service.TopicSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EmbeddedKafkaBrokerIntegrationTest {

  private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);
  private static final String LOOPBACK_HEX = "0100007F";
  private static final String LOOPBACK_V4_MAPPED_HEX = "0000000000000000FFFF00000100007F";

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldListenOnlyOnLoopback() throws Exception {
    try (EmbeddedKafkaBroker broker = startTimed(EmbeddedKafkaBroker.builder())) {
      assertEquals("127.0.0.1:" + broker.brokerPort(), broker.bootstrapServers());
      assertListensOnlyOnLoopback(broker);
      assertThrows(UnsupportedOperationException.class, broker::kill);
      assertTrue(broker.isRunning());
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void shouldCommitAndAbortTransactionsWithReplicationFactorOne() throws Exception {
    try (EmbeddedKafkaBroker broker = startTimed(EmbeddedKafkaBroker.builder().partitions(3))) {
      broker.createTopics(TopicSpec.deleting("payments", 3), TopicSpec.compacted("watch-lists", 1));
      assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(broker, "watch-lists"));
      assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanupPolicy(broker, "payments"));

      try (KafkaProducer<String, String> producer = transactionalProducer(broker, "tx-basic")) {
        producer.initTransactions();
        sendInTransaction(producer, "payments", "committed-a", 10, true);
        sendInTransaction(producer, "payments", "aborted", 5, false);
        sendInTransaction(producer, "payments", "committed-b", 10, true);
      }

      List<String> values = consumeCommitted(broker, "payments", "group-basic", 20);
      assertEquals(20, values.size());
      assertFalse(
          values.stream().anyMatch(value -> value.startsWith("aborted")), values.toString());
      assertEquals(10, values.stream().filter(value -> value.startsWith("committed-a")).count());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldKeepDataAndPortsAcrossGracefulRestart() throws Exception {
    try (EmbeddedKafkaBroker broker = startTimed(EmbeddedKafkaBroker.builder())) {
      String bootstrap = broker.bootstrapServers();
      broker.createTopic("restarted", 2, false);
      try (KafkaProducer<String, String> producer = transactionalProducer(broker, "tx-restart")) {
        producer.initTransactions();
        sendInTransaction(producer, "restarted", "before", 8, true);
      }
      assertEquals(8, consumeCommitted(broker, "restarted", "group-restart", 8).size());
      Map<TopicPartition, Long> committedBefore = committedOffsets(broker, "group-restart");
      assertFalse(committedBefore.isEmpty());

      broker.stop();
      assertFalse(broker.isRunning());
      restartTimed(broker);

      assertEquals(bootstrap, broker.bootstrapServers());
      assertEquals(committedBefore, committedOffsets(broker, "group-restart"));
      try (KafkaProducer<String, String> producer = transactionalProducer(broker, "tx-restart")) {
        producer.initTransactions();
        sendInTransaction(producer, "restarted", "after", 4, true);
      }
      List<String> all = consumeCommitted(broker, "restarted", "group-restart-2", 12);
      assertEquals(8, all.stream().filter(value -> value.startsWith("before")).count());
      assertEquals(4, all.stream().filter(value -> value.startsWith("after")).count());
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldRecoverCommittedDataAfterChildProcessBrokerIsKilled() throws Exception {
    try (EmbeddedKafkaBroker broker =
        startTimed(EmbeddedKafkaBroker.builder().mode(EmbeddedKafkaBroker.Mode.CHILD_PROCESS))) {
      assertListensOnlyOnLoopback(broker);
      broker.createTopic("crashed", 2, false);

      KafkaProducer<String, String> dangling = transactionalProducer(broker, "tx-crash");
      try {
        dangling.initTransactions();
        sendInTransaction(dangling, "crashed", "committed", 6, true);
        dangling.beginTransaction();
        for (int i = 0; i < 3; i++) {
          KafkaFixtures.send(dangling, new ProducerRecord<>("crashed", "k" + i, "open-" + i));
        }
        dangling.flush();

        broker.kill();
        assertFalse(broker.isRunning());
      } finally {
        dangling.close(Duration.ZERO);
      }
      restartTimed(broker);

      // A new producer with the same transactional id fences the old one and aborts its open
      // transaction.
      try (KafkaProducer<String, String> producer = transactionalProducer(broker, "tx-crash")) {
        producer.initTransactions();
        sendInTransaction(producer, "crashed", "recovered", 2, true);
      }
      List<String> values = consumeCommitted(broker, "crashed", "group-crash", 8);
      assertEquals(6, values.stream().filter(value -> value.startsWith("committed")).count());
      assertEquals(2, values.stream().filter(value -> value.startsWith("recovered")).count());
      assertFalse(values.stream().anyMatch(value -> value.startsWith("open")), values.toString());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldFailFastWithTheCauseWhenTheBrokerCannotStart() {
    BrokerStartupException invalidConfig =
        assertThrows(
            BrokerStartupException.class,
            () -> EmbeddedKafkaBroker.builder().property("num.io.threads", "0").start());
    assertTrue(
        String.valueOf(invalidConfig.getMessage()).contains("num.io.threads")
            || String.valueOf(invalidConfig.getCause()).contains("num.io.threads"),
        invalidConfig::toString);

    BrokerStartupException deadChild =
        assertThrows(
            BrokerStartupException.class,
            () ->
                EmbeddedKafkaBroker.builder()
                    .mode(EmbeddedKafkaBroker.Mode.CHILD_PROCESS)
                    .childJvmOptions(List.of("-XX:+NoSuchJvmOption"))
                    .start());
    assertTrue(
        deadChild.getMessage().contains("child broker exited with code"), deadChild::getMessage);
    assertTrue(deadChild.getMessage().contains("NoSuchJvmOption"), deadChild::getMessage);
  }

  private static EmbeddedKafkaBroker startTimed(EmbeddedKafkaBroker.Builder builder) {
    long start = System.nanoTime();
    EmbeddedKafkaBroker broker = builder.start();
    System.out.printf(
        Locale.ROOT,
        "broker start (%s): %d ms%n",
        broker.mode(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return broker;
  }

  private static void restartTimed(EmbeddedKafkaBroker broker) {
    long start = System.nanoTime();
    broker.restart();
    System.out.printf(
        Locale.ROOT,
        "broker restart (%s): %d ms%n",
        broker.mode(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static void assertListensOnlyOnLoopback(EmbeddedKafkaBroker broker) throws IOException {
    for (int port : new int[] {broker.brokerPort(), broker.controllerPort()}) {
      List<String> listeners = listeningAddresses(port);
      if (listeners != null) {
        assertEquals(1, listeners.size(), "listening sockets on port " + port + ": " + listeners);
        // Java on Linux binds a dual-stack IPv6 socket, so 127.0.0.1 may appear as the IPv4-mapped
        // ::ffff:127.0.0.1.
        assertTrue(
            Set.of(LOOPBACK_HEX, LOOPBACK_V4_MAPPED_HEX).contains(listeners.get(0)),
            "port " + port + " listens on " + listeners.get(0));
      }
      for (InetAddress address : nonLoopbackAddresses()) {
        assertConnectionRefused(address, port);
      }
    }
  }

  /**
   * Local addresses (hex, as in /proc/net/tcp*) of LISTEN sockets on the port, or null where /proc
   * is missing.
   */
  private static List<String> listeningAddresses(int port) throws IOException {
    Path tcp = Path.of("/proc/net/tcp");
    if (!Files.isReadable(tcp)) {
      return null;
    }
    String portHex = String.format(Locale.ROOT, "%04X", port);
    List<String> addresses = new ArrayList<>();
    for (Path table : List.of(tcp, Path.of("/proc/net/tcp6"))) {
      if (!Files.isReadable(table)) {
        continue;
      }
      for (String line : Files.readAllLines(table)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && "0A".equals(fields[3]) && fields[1].endsWith(":" + portHex)) {
          addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
        }
      }
    }
    return addresses;
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface networkInterface :
        Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!networkInterface.isUp()) {
        continue;
      }
      for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          addresses.add(address);
        }
      }
    }
    return addresses;
  }

  private static void assertConnectionRefused(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      throw new AssertionError("port " + port + " accepts connections on " + address);
    } catch (ConnectException | SocketTimeoutException expected) {
      // Nothing listens on that address.
    }
  }

  private static String cleanupPolicy(EmbeddedKafkaBroker broker, String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
  }

  private static Map<TopicPartition, Long> committedOffsets(
      EmbeddedKafkaBroker broker, String group) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((partition, offset) -> result.put(partition, offset.offset()));
      return result;
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(
      EmbeddedKafkaBroker broker, String id) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  private static void sendInTransaction(
      KafkaProducer<String, String> producer,
      String topic,
      String prefix,
      int count,
      boolean commit) {
    producer.beginTransaction();
    for (int i = 0; i < count; i++) {
      KafkaFixtures.send(producer, new ProducerRecord<>(topic, "k" + i, prefix + "-" + i));
    }
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
  }

  private static List<String> consumeCommitted(
      EmbeddedKafkaBroker broker, String topic, String group, int expected) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      // One more short poll proves nothing beyond the expected records (e.g. aborted ones) is
      // delivered.
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        values.add(record.value());
      }
      consumer.commitSync(Duration.ofSeconds(10));
    }
    assertEquals(expected, values.size(), "records read from " + topic + ": " + values);
    return values;
  }
}
