package io.screener.service;

import io.screener.config.ScreenerSettings;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams configuration for the screener: the settings, then the screener's defaults. */
public final class StreamsProperties {
  /** The producers' {@code linger.ms} under at-least-once, unless the settings give one. */
  static final String AT_LEAST_ONCE_LINGER_MS = "5";

  /** {@code commit.interval.ms} under exactly-once, unless the settings give one. */
  static final String EXACTLY_ONCE_COMMIT_INTERVAL_MS = "100";

  /** {@code commit.interval.ms} under at-least-once, unless the settings give one. */
  static final String AT_LEAST_ONCE_COMMIT_INTERVAL_MS = "1000";

  private StreamsProperties() {}

  /** Without a dead-letter writer for feeds: an unreadable feed record is logged and skipped. */
  public static Properties of(ScreenerSettings settings) {
    Properties props = new Properties();
    props.putAll(settings.kafka());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    // Static membership (KIP-345): the main consumers keep their place in the group across a
    // restart. Kafka Streams appends each stream thread's index ("screener-0-1", "screener-0-2"),
    // and keeps the id off the restore and global consumers, which are in no group. A restarted
    // instance that rejoins within the session timeout (the consumer's default, 45 s) gets its
    // partitions back without a rebalance; one that stays away longer is dropped then, and its
    // partitions move to the others. A longer timeout rides out longer outages but leaves a dead
    // instance's partitions undecided for that long.
    settings
        .instanceId()
        .ifPresent(
            id ->
                props.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putIfAbsent(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    props.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        FeedDeserializationHandler.class.getName());
    // One stream thread per core: a thread runs its tasks (two per payment partition: intake, and
    // behaviour to decision) one record at a time, and one thread was CPU-bound at about one core.
    props.putIfAbsent(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
    // A payment task reads two partitions, payments and the by-account repartition. The default (0)
    // holds a task back when one of them is empty locally but has records on the broker, and builds
    // a log message for it on every check whatever the log level (7.6% of the stream threads' time
    // in the bench's profile). It never ordered the two by event time anyway (records not yet known
    // to be on the broker are not waited for), and behaviour state places each leg by its event
    // time: process what is buffered.
    props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    // RocksDB tuned for the behaviour stores' point look-ups, with one bounded block cache.
    props.putIfAbsent(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbSettings.class.getName());
    // A record that makes a processor throw, or whose output cannot be written, is dead-lettered
    // and the task goes on (RecordFailureHandler); on the global thread too.
    props.putIfAbsent(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        RecordFailureHandler.class.getName());
    props.putIfAbsent(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RecordFailureHandler.class.getName());
    props.putIfAbsent(globalThreadHandlerSetting(), "true");
    // Kafka Streams lingers 100 ms before sending a batch. Exactly-once, each commit flushes the
    // producers anyway. At-least-once, a decision waits for its batch to fill or for the linger: 23
    // ms at the median in the bench at 5,000 payments/s, 5 ms with a 5 ms linger (BENCHMARKS.md).
    // Exactly-once keeps Kafka Streams' linger: small batches to partitions a transactional
    // producer has not written yet stall its first seconds (docs/configuration.md).
    boolean atLeastOnce =
        StreamsConfig.AT_LEAST_ONCE.equals(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    if (atLeastOnce
        && !props.containsKey(ProducerConfig.LINGER_MS_CONFIG)
        && !props.containsKey(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG))) {
      props.put(
          StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), AT_LEAST_ONCE_LINGER_MS);
    }
    // The commit interval. Exactly-once, a decision becomes visible to read_committed readers only
    // at the commit: Kafka Streams' 100 ms. At-least-once, no decision waits for a commit (it
    // leaves with its producer batch), while each commit holds the stream thread (the record
    // caches' flush, the producers' flush, the offsets' round trip): once a second, the bench's
    // stream threads spent about a quarter of the time in commits that they did every 100 ms
    // (BENCHMARKS.md, "Current"). Kafka Streams' own 30 s would decide up to 30 s of payments again
    // after a crash.
    props.putIfAbsent(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        atLeastOnce ? AT_LEAST_ONCE_COMMIT_INTERVAL_MS : EXACTLY_ONCE_COMMIT_INTERVAL_MS);
    return props;
  }

  /**
   * {@code processing.exception.handler.global.enabled}: deprecated since 4.3 only because 5.0
   * makes it the default and drops the setting (KIP-1270); until then it is the way to have it.
   */
  @SuppressWarnings("deprecation")
  private static String globalThreadHandlerSetting() {
    return StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG;
  }

  /** The keys under which Kafka Streams gives its main consumers a {@code group.instance.id}. */
  private static final List<String> INSTANCE_ID_KEYS =
      List.of(
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));

  /** Whether {@code props} make the stream threads static members of the group. */
  public static boolean staticMember(Properties props) {
    return INSTANCE_ID_KEYS.stream().anyMatch(props::containsKey);
  }

  /**
   * What closing does to the group membership. A dynamic member leaves, so its partitions move to
   * the other instances at once, not after the session timeout, and a restarted instance joins a
   * group that is not waiting for the member it replaces (about 46 s to decide again otherwise). A
   * static member stays: leaving would end the static membership (its partitions would move, then
   * move back when it returns); staying, its partitions wait for it, undecided, until it rejoins or
   * the session times out.
   */
  public static CloseOptions.GroupMembershipOperation onClose(Properties props) {
    return staticMember(props)
        ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
        : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
  }

  /** With unusable feed records written to the dead-letter topic by {@code deadLetters}. */
  public static Properties of(ScreenerSettings settings, FeedDeadLetters deadLetters) {
    Properties props = of(settings);
    // Objects, not strings: Kafka hands its originals to the handler's configure() as they are.
    props.put(FeedDeserializationHandler.DEAD_LETTERS_CONFIG, deadLetters);
    props.put(
        FeedDeserializationHandler.FEED_TOPICS_CONFIG,
        Set.of(
            settings.topics().merchantReputation(),
            settings.topics().counterpartyReputation(),
            settings.topics().cryptoQuotes(),
            settings.topics().accountActions(),
            settings.topics().screenerConfig()));
    return props;
  }
}
