package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.PaymentEvent;
import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.fixtures.Decisions;
import io.screener.fixtures.Feeder;
import io.screener.fixtures.Flow;
import io.screener.fixtures.KafkaFixtures;
import io.screener.fixtures.ScreenerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart that does not stall (issue 23): two instances in child JVMs, static members of
 * the group under their {@code instance.id}, share four partitions while payments flow at about 300
 * a second. One is stopped with SIGTERM and started again, then the other is killed with SIGKILL
 * and started again; each must decide payments again within {@link #BAR} of its launch (its own
 * {@code screener_payments_decided_total} counting again), and in the end every payment has exactly
 * one decision, and every member of the group is a static one named by its instance. The session
 * timeout is Kafka's default (45 s): a restart that needed the group to notice the member gone
 * takes longer than the bar (about 46 s, docs/operations.md).
 *
 * <p>Issue 23's target, 10 s, is a figure measured by this test (it prints it; 4.0-8.9 s on a
 * shared 2-core machine, docs/operations.md), not its bar: a loaded machine has taken 16.7 s to
 * start the JVM and restore the state of a killed instance.
 */
class RollingRestartIntegrationTest {
  /**
   * Well inside the 45 s session timeout, after which a killed member's partitions would have moved
   * anyway; a restart that waits for it takes about 46 s.
   */
  private static final Duration BAR = Duration.ofSeconds(30);

  /** About 50 s of payments at the feeder's pace: both restarts land while they flow. */
  private static final int PAYMENTS = 15_000;

  /** Kafka Streams' warning when it throws a task's local state away and restores it in full. */
  static final String WIPE = "wipe out the local state";

  @TempDir Path work;

  private enum Stop {
    SIGTERM,
    SIGKILL
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldDecideAgainWithoutWaitingForTheSessionTimeoutAfterARestartUnderLoad()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().partitions(4).start()) {
      ScreenerSettings settings = KafkaFixtures.settings(broker, work.resolve("state"), Map.of());
      TopicNames topics = settings.topics();
      KafkaFixtures.createTopics(broker, topics, 4);
      List<PaymentEvent> payments =
          Flow.payments("restart", PAYMENTS, Instant.now().minus(Duration.ofHours(1)));
      Path aLog = work.resolve("a.log");
      Path bLog = work.resolve("b.log");
      try (ScreenerProcess a = new ScreenerProcess(overrides(broker, settings, "a"), aLog);
          ScreenerProcess b = new ScreenerProcess(overrides(broker, settings, "b"), bLog)) {
        a.start();
        b.start();
        a.awaitHealthy(Duration.ofSeconds(90));
        b.awaitHealthy(Duration.ofSeconds(90));
        DeliveryGuaranteesIntegrationTest.awaitMembersWithPartitions(broker, settings, 2);
        Duration afterSigterm;
        Duration afterSigkill;
        // Each restart comes while payments are still to be sent: the feeder holds at half of them
        // until the first restart is done, and at the last one until the second is.
        try (Feeder feeder =
            Feeder.start(
                broker,
                payments.stream()
                    .map(p -> KafkaFixtures.paymentRecord(topics.payments(), p))
                    .toList(),
                30,
                Duration.ofMillis(100),
                PAYMENTS / 2)) {
          afterSigterm = restart(b, bLog, Stop.SIGTERM);
          feeder.holdAt(PAYMENTS - 1);
          DeliveryGuaranteesIntegrationTest.awaitMembersWithPartitions(broker, settings, 2);
          afterSigkill = restart(a, aLog, Stop.SIGKILL);
          feeder.release();
          feeder.join(Duration.ofMinutes(2));
        }
        List<String> wipedAfterSigterm = wipes(bLog, Stop.SIGTERM);
        System.out.printf(
            "rolling restart: launch to first decision %d ms after SIGTERM, %d ms after SIGKILL;"
                + " local state wiped on restart: %s after SIGTERM, %s after SIGKILL%n",
            afterSigterm.toMillis(),
            afterSigkill.toMillis(),
            wipedAfterSigterm,
            wipes(aLog, Stop.SIGKILL));

        Set<String> ids =
            payments.stream().map(PaymentEvent::getTransactionId).collect(Collectors.toSet());
        Decisions.assertExactlyOne(
            broker,
            topics,
            settings.applicationId(),
            ids,
            Duration.ofMinutes(2),
            a.tail() + "\n" + b.tail());
        assertStaticMembers(broker, settings.applicationId());
        assertEquals(143, a.terminate(Duration.ofSeconds(45)), "a stops on SIGTERM");
        assertEquals(143, b.terminate(Duration.ofSeconds(45)), "b stops on SIGTERM");
        assertTrue(afterSigterm.compareTo(BAR) <= 0, "after SIGTERM: " + afterSigterm);
        // A clean shutdown leaves every store's offsets on disk: no task restores in full. (After
        // SIGKILL, exactly-once has to: a store may hold writes of a transaction that aborted.)
        assertEquals(List.of(), wipedAfterSigterm, "state wiped after a clean shutdown");
        assertTrue(afterSigkill.compareTo(BAR) <= 0, "after SIGKILL: " + afterSigkill);
      }
    }
  }

  /**
   * Once the instance is deciding, stops it as {@code how} says and starts it again; returns the
   * time from its launch to its first decision (a minute at most, past which it fails).
   */
  private Duration restart(ScreenerProcess screener, Path log, Stop how) throws Exception {
    awaitDeciding(screener, Duration.ofSeconds(60));
    if (how == Stop.SIGTERM) {
      assertEquals(143, screener.terminate(Duration.ofSeconds(45)), "exit by SIGTERM");
    } else {
      screener.kill();
    }
    Files.writeString(
        log, "\n" + marker(how) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    long launched = System.nanoTime();
    screener.start();
    awaitDeciding(screener, Duration.ofSeconds(60));
    return Duration.ofNanos(System.nanoTime() - launched);
  }

  /**
   * Every member of the group is a stream thread of instance a or b under its static id ({@code
   * instance.id} and the thread's number): what lets a restart skip the rebalance.
   */
  private static void assertStaticMembers(EmbeddedKafkaBroker broker, String group)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<String> ids =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(10, TimeUnit.SECONDS)
              .members()
              .stream()
              .map(m -> m.groupInstanceId().orElse("(dynamic " + m.clientId() + ")"))
              .sorted()
              .toList();
      assertTrue(
          !ids.isEmpty() && ids.stream().allMatch(id -> id.matches("screener-[ab]-[0-9]+")),
          "members' group.instance.id: " + ids);
    }
  }

  /** Waits until the process has decided a payment since it started. */
  private static void awaitDeciding(ScreenerProcess screener, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (screener.decidedPayments() <= 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no decision within " + timeout + "\n" + screener.tail());
      }
      Thread.sleep(50);
    }
  }

  private static String marker(Stop how) {
    return "---- restarted after " + how + " ----";
  }

  /**
   * What the instance's log, after the restart by {@code how}, says was wiped: Kafka Streams' line
   * "State store S did not find checkpoint offsets while stores are not empty, ... wipe out the
   * local state of task T", as "S in T", or the whole line if it says something else.
   */
  private static List<String> wipes(Path log, Stop how) throws IOException {
    String text = Files.readString(log, StandardCharsets.UTF_8);
    String after = text.substring(text.indexOf(marker(how)));
    Pattern wiped = Pattern.compile("State store (\\S+) did not find .* of task (\\S+)");
    return after
        .lines()
        .filter(line -> line.contains(WIPE))
        .map(
            line -> {
              Matcher m = wiped.matcher(line);
              return m.find() ? m.group(1) + " in " + m.group(2) : line;
            })
        .toList();
  }

  /** One instance: the shared application id, its own state folder and instance id. */
  private static Map<String, String> overrides(
      EmbeddedKafkaBroker broker, ScreenerSettings settings, String name) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("bootstrap.servers", broker.bootstrapServers());
    overrides.put("application.id", settings.applicationId());
    overrides.put("state.dir", settings.stateDir().resolve(name).toString());
    overrides.put("instance.id", "screener-" + name);
    return overrides;
  }
}
