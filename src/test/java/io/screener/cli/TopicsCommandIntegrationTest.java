package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.broker.EmbeddedKafkaBroker;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.service.TopicPlan;
import io.screener.service.TopicSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code screener topics} against a real broker: creates the plan, then finds nothing to change.
 */
class TopicsCommandIntegrationTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void createsEveryTopicOnAnEmptyBrokerThenHasNothingToChange() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicNames names = names();
      List<TopicSpec> plan = TopicPlan.of(names, 4);

      Run dry = run(broker, "--partitions", "4", "--dry-run");
      assertEquals(1, dry.exit, dry.out);
      assertTrue(dry.out.contains("would create " + names.payments() + ": 4 partitions"), dry.out);
      assertEquals(Set.of(), admin.listTopics().names().get(), "a dry run creates nothing");

      Run first = run(broker, "--partitions", "4");
      assertEquals(0, first.exit, first.out);
      assertTrue(first.out.contains("12 created, 0 altered, 0 left different"), first.out);
      Map<String, TopicDescription> described =
          admin.describeTopics(plan.stream().map(TopicSpec::name).toList()).allTopicNames().get();
      for (TopicSpec spec : plan) {
        assertEquals(
            spec.partitions(), described.get(spec.name()).partitions().size(), spec.name());
        assertEquals(spec.cleanupPolicy(), policy(admin, spec.name()), spec.name());
      }

      Run second = run(broker, "--partitions", "4");
      assertEquals(0, second.exit, second.out);
      assertTrue(second.out.contains("topics: nothing to change"), second.out);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void setsAWrongCleanupPolicyAndReportsButKeepsADifferentPartitionCount() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicNames names = names();
      // Account actions must be compacted (a ban is its latest record); payments has 2 partitions.
      broker.createTopics(
          TopicSpec.deleting(names.accountActions(), 1), TopicSpec.deleting(names.payments(), 2));

      Run dry = run(broker, "--partitions", "4", "--dry-run");
      assertTrue(
          dry.out.contains(names.accountActions() + ": would set cleanup.policy delete -> compact"),
          dry.out);
      assertEquals("delete", policy(admin, names.accountActions()), "a dry run changes nothing");

      Run apply = run(broker, "--partitions", "4");
      assertEquals(1, apply.exit, "a partition count left different: " + apply.out);
      assertTrue(
          apply.out.contains(
              names.payments() + ": has 2 partitions where the plan says 4: left as is"),
          apply.out);
      assertEquals("compact", awaitPolicy(admin, names.accountActions(), "compact"));
      assertEquals(
          2,
          admin
              .describeTopics(List.of(names.payments()))
              .allTopicNames()
              .get()
              .get(names.payments())
              .partitions()
              .size());

      Run again = run(broker, "--partitions", "4");
      assertEquals(1, again.exit, again.out);
      assertTrue(again.out.contains("0 created, 0 altered, 1 left different"), again.out);
    }
  }

  private record Run(int exit, String out) {}

  private static Run run(EmbeddedKafkaBroker broker, String... args) {
    CommandLine cli = ScreenerCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    String[] all = new String[args.length + 3];
    all[0] = "topics";
    all[1] = "--bootstrap-servers";
    all[2] = broker.bootstrapServers();
    System.arraycopy(args, 0, all, 3, args.length);
    int exit = cli.execute(all);
    return new Run(exit, out.toString());
  }

  private static TopicNames names() {
    return io.screener.config.ScreenerSettings.load(
            java.nio.file.Path.of("config", "screener.properties"), Map.of(), Map.of())
        .topics();
  }

  /**
   * The policy once it reads {@code expected} (the broker applies an alteration a moment later).
   */
  private static String awaitPolicy(Admin admin, String topic, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String policy = policy(admin, topic);
    while (!policy.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      policy = policy(admin, topic);
    }
    return policy;
  }

  private static String policy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get()
        .get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
        .value();
  }
}
