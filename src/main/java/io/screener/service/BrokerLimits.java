package io.screener.service;

import io.screener.config.ConfigException;
import io.screener.config.ScreenerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Checks at start-up what the cluster will accept against the settings. The screener stamps its
 * records with payment, verdict and action times up to {@code validation.max-future-skew} ahead of
 * its clock, and since Kafka 4.0 a broker refuses a record stamped more than {@code
 * log.message.timestamp.after.max.ms} (topic: {@code message.timestamp.after.max.ms}, 1 hour by
 * default) ahead of its own: a skew at or above the smallest limit of the brokers and of the topics
 * the screener writes would halt a partition on the first payment dated that far ahead, so start-up
 * refuses it, naming the key. No broker answering within the wait stops start-up with one message
 * too.
 */
final class BrokerLimits {
  static final String BROKER_KEY = "log.message.timestamp.after.max.ms";
  static final String TOPIC_KEY = "message.timestamp.after.max.ms";

  private BrokerLimits() {}

  /**
   * @throws ConfigException when the skew is not below the cluster's limit
   * @throws StartupException when no broker answers within {@code wait}
   */
  static void check(ScreenerSettings settings, Duration wait) {
    Properties props = new Properties();
    props.putAll(settings.kafka());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) wait.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(wait.toMillis(), 30_000));
    long limit;
    try (Admin admin = Admin.create(props)) {
      limit = limitMillis(admin, settings.bootstrapServers(), written(settings), wait);
    }
    Duration skew = settings.validation().maxFutureSkew();
    if (skew.toMillis() >= limit) {
      throw new ConfigException(
          "validation.max-future-skew",
          "must be below the cluster's "
              + BROKER_KEY
              + " / "
              + TOPIC_KEY
              + " ("
              + limit
              + " ms), or the brokers refuse records stamped that far ahead; was "
              + skew);
    }
  }

  /**
   * The topics the screener writes whose settings it can read (internal ones take the brokers').
   */
  private static List<String> written(ScreenerSettings settings) {
    var t = settings.topics();
    return List.of(
        t.blocked(),
        t.flagged(),
        t.cleared(),
        t.deadLetter(),
        t.accountActions(),
        t.counterpartyReputation());
  }

  private static long limitMillis(
      Admin admin, String bootstrap, List<String> topics, Duration wait) {
    try {
      Collection<Node> nodes =
          admin.describeCluster().nodes().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      List<ConfigResource> resources = new ArrayList<>();
      for (Node node : nodes) {
        resources.add(new ConfigResource(ConfigResource.Type.BROKER, node.idString()));
      }
      long limit = Long.MAX_VALUE;
      for (Config config :
          admin
              .describeConfigs(resources)
              .all()
              .get(wait.toMillis(), TimeUnit.MILLISECONDS)
              .values()) {
        limit = Math.min(limit, value(config, BROKER_KEY));
      }
      for (String topic : topics) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
          Map<ConfigResource, Config> described =
              admin
                  .describeConfigs(List.of(resource))
                  .all()
                  .get(wait.toMillis(), TimeUnit.MILLISECONDS);
          limit = Math.min(limit, value(described.get(resource), TOPIC_KEY));
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
      }
      return limit;
    } catch (TimeoutException e) {
      throw noBroker(bootstrap, wait, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw noBroker(bootstrap, wait, e);
      }
      throw new StartupException(
          "cannot read the cluster's timestamp limits: "
              + Objects.requireNonNullElse(e.getCause(), e).getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while reading the cluster's timestamp limits", e);
    }
  }

  private static StartupException noBroker(String bootstrap, Duration wait, Exception e) {
    return new StartupException(
        "no Kafka broker answered at " + bootstrap + " within " + wait + " (bootstrap.servers)", e);
  }

  private static long value(@Nullable Config config, String key) {
    ConfigEntry entry = config == null ? null : config.get(key);
    if (entry == null || entry.value() == null) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(entry.value());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
