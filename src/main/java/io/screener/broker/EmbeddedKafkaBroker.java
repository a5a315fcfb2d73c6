package io.screener.broker;

import io.screener.files.Folders;
import io.screener.service.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller, node id 1)
 * for integration tests and the demo command. It listens on 127.0.0.1 only, on free ports chosen at
 * first start and kept across {@link #restart()}, and is tuned for one node: replication factor 1
 * for every internal topic (consumer offsets, transaction state, share-group state), {@code
 * min.insync.replicas=1}, no initial rebalance delay and no automatic topic creation.
 *
 * <p>The broker runs either {@linkplain Mode#IN_PROCESS inside this JVM} or in a {@linkplain
 * Mode#CHILD_PROCESS child JVM}; only the latter can be {@linkplain #kill() killed} abruptly. A JVM
 * shutdown hook closes the broker if the caller does not, and a child broker also exits by itself
 * when this JVM dies. Instances are thread-safe.
 *
 * <p>An in-process broker shares this JVM's fate: Kafka's fatal-error handling (for example on a
 * failed log directory) halts the whole JVM, as it would a real broker.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(3).start()) {
 *   broker.createTopics(TopicSpec.deleting("payments", 3), TopicSpec.compacted("lists", 1));
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /** Where the broker runs. */
  public enum Mode {
    /**
     * In this JVM, through {@code kafka.server.KafkaRaftServer}: fastest to start, cannot be killed
     * abruptly.
     */
    IN_PROCESS,
    /**
     * In a child JVM running {@code kafka.Kafka server.properties} on this JVM's class path: slower
     * to start, but {@link #kill()} sends it SIGKILL.
     */
    CHILD_PROCESS
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String LOOPBACK = "127.0.0.1";
  private static final String LOG_DIR_NAME = "kafka-logs";
  private static final String PROPERTIES_FILE_NAME = "server.properties";
  private static final String OUTPUT_FILE_NAME = "broker.out";
  private static final int OUTPUT_TAIL_LINES = 60;
  private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Settings that define the node's identity and addresses; a caller overriding them would break
   * the helper.
   */
  private static final Set<String> RESERVED_PROPERTIES =
      Set.of(
          "process.roles",
          "node.id",
          "broker.id",
          "listeners",
          "advertised.listeners",
          "controller.listener.names",
          "inter.broker.listener.name",
          "listener.security.protocol.map",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "log.dirs",
          "log.dir",
          "metadata.log.dir");

  /** Broker packages whose INFO chatter is lowered to WARN unless the caller configured them. */
  private static final List<String> DEFAULT_CHILD_JVM_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx512m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true");

  private final Mode mode;
  private final Path workDirectory;
  private final boolean ownsWorkDirectory;
  private final int brokerPort;
  private final int controllerPort;
  private final Properties serverProperties;
  private final Duration startupTimeout;
  private final Duration shutdownTimeout;
  private final List<String> childJvmOptions;
  private final Thread shutdownHook;

  private @Nullable KafkaRaftServer server;
  private @Nullable Process process;
  private boolean closed;

  private EmbeddedKafkaBroker(
      Builder builder,
      Path workDirectory,
      boolean ownsWorkDirectory,
      int brokerPort,
      int controllerPort) {
    this.mode = builder.mode;
    this.workDirectory = workDirectory;
    this.ownsWorkDirectory = ownsWorkDirectory;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.startupTimeout = builder.startupTimeout;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.childJvmOptions = List.copyOf(builder.childJvmOptions);
    // Without it an exiting JVM would leave the temporary directory behind and a child broker
    // running until its stdin watchdog notices.
    this.shutdownHook = new Thread(this::close, "embedded-kafka-close-" + brokerPort);
    this.serverProperties =
        serverProperties(builder, workDirectory.resolve(LOG_DIR_NAME), brokerPort, controllerPort);
  }

  /**
   * Starts an in-process broker with default settings.
   *
   * @return the running broker
   * @throws BrokerStartupException if it does not come up within the default start-up timeout
   */
  public static EmbeddedKafkaBroker start() {
    return builder().start();
  }

  /**
   * Returns a builder for a broker.
   *
   * @return a new builder with default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the bootstrap servers for clients.
   *
   * @return {@code 127.0.0.1:<port>} of the PLAINTEXT listener
   */
  public String bootstrapServers() {
    return LOOPBACK + ":" + brokerPort;
  }

  /**
   * Returns the port of the client (PLAINTEXT) listener.
   *
   * @return the port on 127.0.0.1
   */
  public int brokerPort() {
    return brokerPort;
  }

  /**
   * Returns the port of the KRaft controller listener.
   *
   * @return the port on 127.0.0.1
   */
  public int controllerPort() {
    return controllerPort;
  }

  /**
   * Returns the directory holding this broker's {@code server.properties}, its {@code kafka-logs}
   * data directory and, in child-process mode, its output file {@code broker.out}.
   *
   * @return the working directory
   */
  public Path workDirectory() {
    return workDirectory;
  }

  /**
   * Returns where the broker runs.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Tells whether the broker was started and not stopped or killed since; it does not probe the
   * network.
   *
   * @return {@code true} while running
   */
  public synchronized boolean isRunning() {
    return mode == Mode.IN_PROCESS ? server != null : process != null && process.isAlive();
  }

  /**
   * Creates the given topics with replication factor 1 and waits until every partition has a
   * leader.
   *
   * @param topics the topics to create
   * @throws IllegalStateException if the broker is not running, a topic already exists, or creation
   *     does not finish within the start-up timeout
   */
  public void createTopics(TopicSpec... topics) {
    createTopics(List.of(topics));
  }

  /**
   * Creates the given topics with replication factor 1 and waits until every partition has a
   * leader.
   *
   * @param topics the topics to create
   * @throws IllegalStateException if the broker is not running, a topic already exists, or creation
   *     does not finish within the start-up timeout
   */
  public void createTopics(Collection<TopicSpec> topics) {
    if (topics.isEmpty()) {
      return;
    }
    if (!isRunning()) {
      throw new IllegalStateException("broker at " + bootstrapServers() + " is not running");
    }
    List<NewTopic> newTopics =
        topics.stream()
            .map(
                topic ->
                    new NewTopic(topic.name(), topic.partitions(), (short) 1)
                        .configs(
                            Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                topic.compacted()
                                    ? TopicConfig.CLEANUP_POLICY_COMPACT
                                    : TopicConfig.CLEANUP_POLICY_DELETE)))
            .collect(Collectors.toList());
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    Admin admin = Admin.create(adminProperties());
    try {
      admin.createTopics(newTopics).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      awaitLeaders(admin, topics, deadline);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        throw new IllegalStateException(
            "topic already exists: " + e.getCause().getMessage(), e.getCause());
      }
      throw new IllegalStateException("cannot create topics " + names(topics), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "creating topics " + names(topics) + " took longer than " + startupTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + names(topics), e);
    } finally {
      admin.close(ADMIN_CLOSE_TIMEOUT);
    }
  }

  /**
   * Creates one topic; see {@link #createTopics(TopicSpec...)}.
   *
   * @param name the topic name
   * @param partitions the number of partitions
   * @param compacted {@code true} for a compacted topic
   */
  public void createTopic(String name, int partitions, boolean compacted) {
    createTopics(new TopicSpec(name, partitions, compacted));
  }

  /**
   * Shuts the broker down gracefully, keeping its data and ports for {@link #restart()}. Does
   * nothing if it is not running.
   *
   * @throws IllegalStateException if shutdown does not finish within the shutdown timeout (a child
   *     process is then killed)
   */
  public synchronized void stop() {
    if (mode == Mode.IN_PROCESS) {
      stopInProcess();
    } else {
      stopChildProcess(false);
    }
  }

  /**
   * Kills the child-process broker with SIGKILL, without any shutdown, as a crash would; data
   * written to the log before the kill survives for {@link #restart()}. Does nothing if it is not
   * running.
   *
   * @throws UnsupportedOperationException in {@link Mode#IN_PROCESS}, where no abrupt stop exists
   */
  public synchronized void kill() {
    if (mode == Mode.IN_PROCESS) {
      throw new UnsupportedOperationException(
          "an in-process broker cannot be killed; build it with Mode.CHILD_PROCESS");
    }
    stopChildProcess(true);
  }

  /**
   * Stops the broker gracefully if it is running, then starts it again on the same ports with the
   * same data.
   *
   * @throws BrokerStartupException if it does not come up within the start-up timeout
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("broker at " + bootstrapServers() + " is closed");
    }
    stop();
    startServer();
  }

  /**
   * Stops the broker (gracefully, falling back to killing a child process) and deletes its working
   * directory unless the caller supplied it. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already exiting and runs the hook anyway; this close() got there first.
      }
    }
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("Embedded Kafka broker at {} did not stop cleanly", bootstrapServers(), e);
    } finally {
      if (ownsWorkDirectory) {
        deleteRecursively(workDirectory);
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaBroker[" + mode + ", " + bootstrapServers() + ", " + workDirectory + "]";
  }

  private synchronized void startServer() {
    long startNanos = System.nanoTime();
    long deadline = startNanos + startupTimeout.toNanos();
    writeServerProperties();
    formatIfNeeded();
    if (mode == Mode.IN_PROCESS) {
      startInProcess(deadline);
    } else {
      startChildProcess();
    }
    try {
      awaitReady(deadline);
    } catch (BrokerStartupException e) {
      try {
        if (mode == Mode.IN_PROCESS) {
          stopInProcess();
        } else {
          stopChildProcess(true);
        }
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    LOG.info(
        "Embedded Kafka broker ({}) ready at {} in {} ms",
        mode,
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private void writeServerProperties() {
    try {
      Files.createDirectories(workDirectory.resolve(LOG_DIR_NAME));
      try (Writer writer = Files.newBufferedWriter(propertiesFile(), StandardCharsets.UTF_8)) {
        serverProperties.store(writer, "Written by " + EmbeddedKafkaBroker.class.getName());
      }
    } catch (IOException e) {
      throw new BrokerStartupException("cannot write " + propertiesFile(), e);
    }
  }

  /**
   * Equivalent of {@code kafka-storage format --standalone}, skipped when the data directory is
   * already formatted.
   */
  private void formatIfNeeded() {
    if (Files.exists(workDirectory.resolve(LOG_DIR_NAME).resolve("meta.properties"))) {
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                propertiesFile().toString(),
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--standalone"
              },
              printStream);
    } catch (Exception e) {
      throw new BrokerStartupException(
          "cannot format "
              + workDirectory.resolve(LOG_DIR_NAME)
              + ": "
              + output.toString(StandardCharsets.UTF_8),
          e);
    }
    if (exitCode != 0) {
      throw new BrokerStartupException(
          "formatting "
              + workDirectory.resolve(LOG_DIR_NAME)
              + " exited with "
              + exitCode
              + ": "
              + output.toString(StandardCharsets.UTF_8),
          null);
    }
  }

  private void startInProcess(long deadline) {
    KafkaRaftServer candidate;
    try {
      candidate = new KafkaRaftServer(KafkaConfig.fromProps(serverProperties, false), Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new BrokerStartupException("invalid broker configuration in " + propertiesFile(), e);
    }
    // startup() can block indefinitely (for example waiting to be unfenced), so it runs on its own
    // thread.
    CompletableFuture<Void> startup = new CompletableFuture<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                candidate.startup();
                startup.complete(null);
              } catch (Throwable t) {
                startup.completeExceptionally(t);
              }
            },
            "embedded-kafka-startup-" + brokerPort);
    starter.setDaemon(true);
    starter.start();
    try {
      startup.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      shutdownQuietly(candidate);
      String what =
          e instanceof ExecutionException
              ? "failed to start"
              : "did not start within " + startupTimeout;
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new BrokerStartupException(
          "in-process broker at "
              + bootstrapServers()
              + " "
              + what
              + " (data in "
              + workDirectory
              + ")",
          cause);
    }
    server = candidate;
  }

  private void stopInProcess() {
    KafkaRaftServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    CompletableFuture<Void> shutdown =
        CompletableFuture.runAsync(
            () -> {
              running.shutdown();
              running.awaitShutdown();
            },
            command -> {
              Thread thread = new Thread(command, "embedded-kafka-shutdown-" + brokerPort);
              thread.setDaemon(true);
              thread.start();
            });
    try {
      shutdown.get(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "in-process broker at "
              + bootstrapServers()
              + " did not shut down within "
              + shutdownTimeout,
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "in-process broker at " + bootstrapServers() + " failed to shut down", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while stopping broker at " + bootstrapServers(), e);
    }
  }

  private static void shutdownQuietly(KafkaRaftServer candidate) {
    Thread thread =
        new Thread(
            () -> {
              try {
                candidate.shutdown();
              } catch (RuntimeException e) {
                LOG.debug("Shutting down a broker that failed to start failed too", e);
              }
            },
            "embedded-kafka-abort");
    thread.setDaemon(true);
    thread.start();
  }

  private void startChildProcess() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(childJvmOptions);
    command.add(BrokerProcessMain.class.getName());
    command.add(propertiesFile().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
    // CLASSPATH rather than -cp keeps a long class path off the command line.
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BrokerStartupException("cannot launch " + command, e);
    }
  }

  private void stopChildProcess(boolean abruptly) {
    Process running = process;
    if (running == null) {
      return;
    }
    process = null;
    try {
      if (!abruptly) {
        running.destroy();
        if (running.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        running.destroyForcibly();
        running.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        throw new IllegalStateException(
            "child broker at "
                + bootstrapServers()
                + " ignored SIGTERM for "
                + shutdownTimeout
                + " and was killed");
      }
      running.destroyForcibly();
      if (!running.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "child broker pid " + running.pid() + " survived SIGKILL for " + shutdownTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.destroyForcibly();
      throw new IllegalStateException(
          "interrupted while stopping broker at " + bootstrapServers(), e);
    } finally {
      try {
        running.getOutputStream().close();
      } catch (IOException ignored) {
        // The pipe only ever carried end-of-stream to the child's watchdog.
      }
    }
  }

  private void awaitReady(long deadline) {
    if (mode == Mode.CHILD_PROCESS) {
      awaitPortOpen(deadline);
    }
    Properties probe = adminProperties();
    probe.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    probe.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    Admin admin = Admin.create(probe);
    try {
      Exception last = null;
      while (System.nanoTime() < deadline) {
        failIfChildDied();
        try {
          if (!admin
              .describeCluster()
              .nodes()
              .get(Math.min(remainingMillis(deadline), 5_000), TimeUnit.MILLISECONDS)
              .isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw startupFailure("interrupted while waiting for the broker", e);
        }
        sleep(100);
      }
      throw startupFailure("broker did not answer describeCluster within " + startupTimeout, last);
    } finally {
      admin.close(ADMIN_CLOSE_TIMEOUT);
    }
  }

  /**
   * Polling the socket first keeps the admin client from logging a warning per refused connection.
   */
  private void awaitPortOpen(long deadline) {
    IOException last = null;
    while (System.nanoTime() < deadline) {
      failIfChildDied();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(FreePorts.loopbackAddress(), brokerPort), 1_000);
        return;
      } catch (IOException e) {
        last = e;
      }
      sleep(100);
    }
    throw startupFailure(
        "broker port " + brokerPort + " did not open within " + startupTimeout, last);
  }

  private void failIfChildDied() {
    Process running = process;
    if (mode == Mode.CHILD_PROCESS && running != null && !running.isAlive()) {
      throw startupFailure("child broker exited with code " + running.exitValue(), null);
    }
  }

  private BrokerStartupException startupFailure(String message, @Nullable Throwable cause) {
    StringBuilder text =
        new StringBuilder(message)
            .append(" (")
            .append(mode)
            .append(", ")
            .append(bootstrapServers())
            .append(", controller port ")
            .append(controllerPort)
            .append(", data in ")
            .append(workDirectory)
            .append(')');
    if (mode == Mode.CHILD_PROCESS) {
      text.append(System.lineSeparator())
          .append("--- last lines of ")
          .append(outputFile())
          .append(" ---")
          .append(System.lineSeparator())
          .append(outputTail());
    }
    return new BrokerStartupException(text.toString(), cause);
  }

  private String outputTail() {
    try {
      List<String> lines = Files.readAllLines(outputFile(), StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private void awaitLeaders(Admin admin, Collection<TopicSpec> topics, long deadline)
      throws InterruptedException, TimeoutException {
    List<String> names = names(topics);
    while (true) {
      try {
        Map<String, TopicDescription> descriptions =
            admin
                .describeTopics(names)
                .allTopicNames()
                .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        boolean allLed =
            descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
        if (allLed) {
          return;
        }
      } catch (ExecutionException e) {
        // The broker's metadata cache can lag the controller for a moment after creation.
        LOG.debug("Topics {} not described yet", names, e.getCause());
      }
      if (System.nanoTime() >= deadline) {
        throw new TimeoutException("partitions of " + names + " have no leader yet");
      }
      sleep(50);
    }
  }

  /**
   * Sets one topic setting ({@code retention.ms}, {@code message.timestamp.type}) on each topic.
   */
  public void setTopicConfig(List<String> topics, String key, String value) throws Exception {
    try (Admin admin = Admin.create(adminProperties())) {
      Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
      for (String topic : topics) {
        changes.put(
            new ConfigResource(ConfigResource.Type.TOPIC, topic),
            List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
      // The controller has taken the change; the broker applies it a moment later, and describes
      // (and enforces) the old value until then. Return once it has.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        Map<ConfigResource, Config> applied =
            admin.describeConfigs(changes.keySet()).all().get(30, TimeUnit.SECONDS);
        boolean done =
            applied.values().stream()
                .allMatch(c -> c.get(key) != null && value.equals(c.get(key).value()));
        if (done) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the broker did not apply " + key + "=" + value + " within 30 s: " + applied);
        }
        sleep(50);
      }
    }
  }

  private Properties adminProperties() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin-" + brokerPort);
    return properties;
  }

  private Path propertiesFile() {
    return workDirectory.resolve(PROPERTIES_FILE_NAME);
  }

  private Path outputFile() {
    return workDirectory.resolve(OUTPUT_FILE_NAME);
  }

  private static Properties serverProperties(
      Builder builder, Path logDirectory, int brokerPort, int controllerPort) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", Integer.toString(NODE_ID));
    String listeners =
        BROKER_LISTENER
            + "://"
            + LOOPBACK
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + LOOPBACK
            + ":"
            + controllerPort;
    settings.put("listeners", listeners);
    settings.put("advertised.listeners", listeners);
    settings.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    settings.put("inter.broker.listener.name", BROKER_LISTENER);
    settings.put("controller.listener.names", CONTROLLER_LISTENER);
    settings.put("controller.quorum.bootstrap.servers", LOOPBACK + ":" + controllerPort);
    settings.put("log.dirs", logDirectory.toAbsolutePath().toString());
    settings.put("num.partitions", Integer.toString(builder.partitions));
    settings.put("default.replication.factor", "1");
    settings.put("min.insync.replicas", "1");
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("transaction.state.log.num.partitions", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("share.coordinator.state.topic.num.partitions", "1");
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("auto.create.topics.enable", "false");
    // After a crash the restarted broker cannot register until the controller expires its previous
    // session (9 s by default); a short session keeps kill-and-restart fast.
    settings.put("broker.session.timeout.ms", "3000");
    settings.put("broker.heartbeat.interval.ms", "500");
    // The default 128 MiB compaction buffer is sized for production; a few MiB is plenty for test
    // topics.
    settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    // Makes a broker that cannot finish starting give up instead of blocking forever.
    settings.put("server.max.startup.time.ms", Long.toString(builder.startupTimeout.toMillis()));
    settings.putAll(builder.extraProperties);
    Properties properties = new Properties();
    properties.putAll(settings);
    return properties;
  }

  private static List<String> names(Collection<TopicSpec> topics) {
    return topics.stream().map(TopicSpec::name).collect(Collectors.toList());
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path root) {
    try {
      Folders.delete(root);
    } catch (IOException e) {
      LOG.warn("Cannot delete embedded Kafka directory {}", root, e);
    }
  }

  /** Configures and starts an {@link EmbeddedKafkaBroker}. Not thread-safe. */
  public static final class Builder {
    private Mode mode = Mode.IN_PROCESS;
    private int partitions = 1;
    private @Nullable Path workDirectory;
    private int brokerPort;
    private int controllerPort;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private boolean closeOnJvmExit = true;
    private final List<String> childJvmOptions = new ArrayList<>(DEFAULT_CHILD_JVM_OPTIONS);
    private final Map<String, String> extraProperties = new TreeMap<>();

    private Builder() {}

    /**
     * Sets where the broker runs; default {@link Mode#IN_PROCESS}.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets {@code num.partitions}, the partition count of topics created without one; default 1.
     *
     * @param partitions at least 1
     * @return this builder
     */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * Uses the given working directory instead of a fresh temporary one. It is formatted on first
     * use and reused as it is afterwards (pair it with {@link #ports(int, int)} to reopen a
     * previous broker's data), and it is never deleted by {@link EmbeddedKafkaBroker#close()}.
     *
     * @param directory the directory, created if missing
     * @return this builder
     */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Uses fixed ports on 127.0.0.1 instead of free ones.
     *
     * @param brokerPort the client (PLAINTEXT) listener port, or 0 for a free one
     * @param controllerPort the KRaft controller listener port, or 0 for a free one
     * @return this builder
     */
    public Builder ports(int brokerPort, int controllerPort) {
      if (brokerPort < 0 || brokerPort > 65_535 || controllerPort < 0 || controllerPort > 65_535) {
        throw new IllegalArgumentException(
            "ports must be in 0..65535: " + brokerPort + ", " + controllerPort);
      }
      if (brokerPort != 0 && brokerPort == controllerPort) {
        throw new IllegalArgumentException(
            "broker and controller ports must differ: " + brokerPort);
      }
      this.brokerPort = brokerPort;
      this.controllerPort = controllerPort;
      return this;
    }

    /**
     * Sets an extra broker setting, overriding this class's default for the same key. Settings
     * fixing the node's identity, listeners, quorum and log directories are reserved.
     *
     * @param key a broker setting such as {@code log.retention.ms}
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for a reserved setting
     */
    public Builder property(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (RESERVED_PROPERTIES.contains(key)) {
        throw new IllegalArgumentException(
            "broker setting " + key + " is managed by EmbeddedKafkaBroker");
      }
      extraProperties.put(key, value);
      return this;
    }

    /**
     * Sets extra broker settings; see {@link #property(String, String)}.
     *
     * @param properties settings to add
     * @return this builder
     */
    public Builder properties(Map<String, String> properties) {
      properties.forEach(this::property);
      return this;
    }

    /**
     * Bounds the wait for the broker to format, start and answer clients, and for topic creation;
     * default 60 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = positive(timeout, "startupTimeout");
      return this;
    }

    /**
     * Bounds the wait for a graceful shutdown; default 30 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = positive(timeout, "shutdownTimeout");
      return this;
    }

    /**
     * Replaces the child JVM's options (default: a 512 MiB heap, serial GC, C1 only). Only used in
     * {@link Mode#CHILD_PROCESS}.
     *
     * @param options JVM options such as {@code -Xmx1g}
     * @return this builder
     */
    public Builder childJvmOptions(List<String> options) {
      childJvmOptions.clear();
      childJvmOptions.addAll(options);
      return this;
    }

    /**
     * Whether a JVM shutdown hook closes the broker (default true). A caller that must finish its
     * own work on the broker while the JVM exits (the demo drains and reports on Ctrl-C) turns it
     * off and closes the broker itself.
     */
    public Builder closeOnJvmExit(boolean close) {
      this.closeOnJvmExit = close;
      return this;
    }

    /**
     * Formats the working directory if needed, starts the broker and waits until it answers
     * clients.
     *
     * @return the running broker
     * @throws BrokerStartupException if it does not come up within the start-up timeout
     */
    public EmbeddedKafkaBroker start() {
      Path requested = workDirectory;
      boolean owned = requested == null;
      Path directory;
      try {
        directory =
            requested == null
                ? Files.createTempDirectory("embedded-kafka-")
                : Files.createDirectories(requested);
      } catch (IOException e) {
        throw new BrokerStartupException("cannot create the broker's working directory", e);
      }
      int[] free = FreePorts.onLoopback(2);
      int chosenBrokerPort = brokerPort != 0 ? brokerPort : pick(free, controllerPort);
      int chosenControllerPort =
          controllerPort != 0 ? controllerPort : pick(free, chosenBrokerPort);
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(
              this, directory.toAbsolutePath(), owned, chosenBrokerPort, chosenControllerPort);
      if (closeOnJvmExit) {
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
      }
      try {
        broker.startServer();
        return broker;
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
    }

    private static int pick(int[] free, int taken) {
      return free[0] != taken ? free[0] : free[1];
    }

    private static Duration positive(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + timeout);
      }
      return timeout;
    }
  }
}
