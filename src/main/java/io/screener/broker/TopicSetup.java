package io.screener.broker;

import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.service.TopicPlan;
import io.screener.service.TopicSpec;
import java.util.List;

/**
 * The screener's topics ({@link TopicPlan}) on an embedded broker, for the tests, the demo and the
 * bench.
 */
public final class TopicSetup {
  private TopicSetup() {}

  /** Every topic of the settings, none of them internal: {@link TopicPlan#of}. */
  public static List<TopicSpec> specs(TopicNames names, int partitions) {
    return TopicPlan.of(names, partitions);
  }

  /** Creates them on an embedded broker and waits until every partition has a leader. */
  public static void create(EmbeddedKafkaBroker broker, TopicNames names, int partitions) {
    broker.createTopics(specs(names, partitions));
  }
}
