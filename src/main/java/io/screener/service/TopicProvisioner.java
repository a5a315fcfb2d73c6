package io.screener.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Brings a cluster's topics to a {@link TopicPlan}: creates the missing ones and sets a wrong
 * {@code cleanup.policy}, and says what it did, line by line. Idempotent: a second run finds
 * nothing to change. It never changes a topic's partition count (adding partitions to a keyed topic
 * moves keys to other partitions, away from the state and order built for them): a count that
 * differs from the plan is reported and left for an operator to decide.
 */
public final class TopicProvisioner {
  /** What a run found and did; {@code lines} in plan order, one a topic. */
  public record Outcome(List<String> lines, int created, int altered, int leftDifferent) {
    /** Whether the cluster already matched the plan. */
    public boolean nothingToChange() {
      return created == 0 && altered == 0 && leftDifferent == 0;
    }
  }

  private final Admin admin;
  private final Optional<Short> replicationFactor;
  private final Duration timeout;

  /**
   * @param replicationFactor of the topics it creates; empty for the broker's {@code
   *     default.replication.factor}
   * @param timeout for each call to the cluster
   */
  public TopicProvisioner(Admin admin, Optional<Short> replicationFactor, Duration timeout) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  /**
   * Compares the cluster with {@code plan} and, unless {@code dryRun}, creates and alters what
   * differs.
   *
   * @throws StartupException when the cluster cannot be asked or refuses a change
   */
  public Outcome apply(List<TopicSpec> plan, boolean dryRun) {
    Map<String, TopicDescription> existing = describe(plan);
    Map<String, String> policies = cleanupPolicies(existing.keySet());
    List<String> lines = new ArrayList<>();
    List<NewTopic> toCreate = new ArrayList<>();
    Map<ConfigResource, Collection<AlterConfigOp>> toAlter = new LinkedHashMap<>();
    int leftDifferent = 0;
    String would = dryRun ? "would " : "";
    for (TopicSpec spec : plan) {
      TopicDescription found = existing.get(spec.name());
      if (found == null) {
        toCreate.add(
            new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy())));
        lines.add(
            String.format(
                "%screate %s: %d partition%s, cleanup.policy=%s",
                would,
                spec.name(),
                spec.partitions(),
                spec.partitions() == 1 ? "" : "s",
                spec.cleanupPolicy()));
        continue;
      }
      List<String> notes = new ArrayList<>();
      String policy = policies.get(spec.name());
      if (!spec.cleanupPolicy().equals(policy)) {
        toAlter.put(
            new ConfigResource(ConfigResource.Type.TOPIC, spec.name()),
            List.of(
                new AlterConfigOp(
                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy()),
                    AlterConfigOp.OpType.SET)));
        notes.add(would + "set cleanup.policy " + policy + " -> " + spec.cleanupPolicy());
      }
      int partitions = found.partitions().size();
      if (partitions != spec.partitions()) {
        leftDifferent++;
        notes.add(
            "has "
                + partitions
                + " partitions where the plan says "
                + spec.partitions()
                + ": left as is (changing it moves keys; see docs/scale.md)");
      }
      lines.add(
          (notes.isEmpty() ? "ok " : "")
              + spec.name()
              + (notes.isEmpty() ? "" : ": ")
              + String.join("; ", notes));
    }
    if (!dryRun) {
      if (!toCreate.isEmpty()) {
        await(admin.createTopics(toCreate).all(), "create topics");
      }
      if (!toAlter.isEmpty()) {
        await(admin.incrementalAlterConfigs(toAlter).all(), "set cleanup.policy");
      }
    }
    return new Outcome(List.copyOf(lines), toCreate.size(), toAlter.size(), leftDifferent);
  }

  /** The plan's topics that exist, by name. */
  private Map<String, TopicDescription> describe(List<TopicSpec> plan) {
    Map<String, TopicDescription> found = new LinkedHashMap<>();
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin.describeTopics(plan.stream().map(TopicSpec::name).toList()).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
      try {
        found.put(e.getKey(), e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException failure) {
        if (!(failure.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw failed("describe topic " + e.getKey(), failure.getCause());
        }
      } catch (TimeoutException failure) {
        throw failed("describe topic " + e.getKey(), failure);
      } catch (InterruptedException failure) {
        Thread.currentThread().interrupt();
        throw failed("describe topic " + e.getKey(), failure);
      }
    }
    return found;
  }

  private Map<String, String> cleanupPolicies(Collection<String> topics) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> configs =
        await(admin.describeConfigs(resources).all(), "describe topic configs");
    Map<String, String> policies = new LinkedHashMap<>();
    configs.forEach(
        (resource, config) -> {
          ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
          policies.put(resource.name(), entry == null ? "delete" : entry.value());
        });
    return policies;
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failed(what, e.getCause());
    } catch (TimeoutException e) {
      throw failed(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(what, e);
    }
  }

  private static StartupException failed(String what, @Nullable Throwable cause) {
    return new StartupException("cannot " + what + ": " + cause, cause);
  }
}
