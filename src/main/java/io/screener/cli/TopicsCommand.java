package io.screener.cli;

import io.screener.config.ScreenerSettings;
import io.screener.service.TopicPlan;
import io.screener.service.TopicProvisioner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code screener topics}: creates the screener's topics on a cluster, or checks them, as {@link
 * TopicPlan} says; idempotent.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description =
        "Create the screener's topics (names from the settings) with their partitions and cleanup "
            + "policies, and set a wrong cleanup.policy right; print what was done. A second run has "
            + "nothing to change. Partition counts that differ are reported, never changed. Exit 0 when "
            + "the cluster matches the plan afterwards (with --dry-run: already), 1 when not.")
final class TopicsCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Mixin
  SettingsOptions settings;

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Spec
  CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "The cluster (default: the settings' bootstrap.servers).")
  @Nullable String bootstrapServers;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "6",
      description =
          "Partitions of the payment, decision and verdict topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description = "Replication factor of the topics it creates (default: the broker's).")
  @Nullable Short replicationFactor;

  @Option(names = "--dry-run", description = "Say what would change; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (partitions < 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be at least 1");
    }
    if (replicationFactor != null && replicationFactor < 1) {
      throw new ParameterException(spec.commandLine(), "--replication-factor must be at least 1");
    }
    ScreenerSettings s = settings.load();
    Properties props = new Properties();
    props.putAll(s.kafka());
    props.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers == null ? s.bootstrapServers() : bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(props)) {
      TopicProvisioner.Outcome outcome =
          new TopicProvisioner(
                  admin, Optional.ofNullable(replicationFactor), Duration.ofSeconds(30))
              .apply(TopicPlan.of(s.topics(), partitions), dryRun);
      outcome.lines().forEach(out::println);
      if (outcome.nothingToChange()) {
        out.println("topics: nothing to change");
        return 0;
      }
      out.printf(
          "topics: %s%d created, %d altered, %d left different%n",
          dryRun ? "dry run, " : "", outcome.created(), outcome.altered(), outcome.leftDifferent());
      out.flush();
      return dryRun || outcome.leftDifferent() > 0 ? 1 : 0;
    }
  }
}
