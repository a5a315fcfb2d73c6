package io.screener.broker;

import io.screener.config.ScreenerSettings.TopicNames;
import java.util.List;

/**
 * The topics the screener reads and writes, as it expects them: payments and decision topics with
 * the given partition count, reputation feeds compacted, quotes and dead letters on one partition.
 * The screener creates only its internal topics itself; tests and the demo create these.
 */
public final class TopicSetup {
  private TopicSetup() {}

  /** Every topic of the settings, none of them internal. */
  public static List<TopicSpec> specs(TopicNames names, int partitions) {
    return List.of(
        TopicSpec.deleting(names.payments(), partitions),
        TopicSpec.compacted(names.merchantReputation(), 1),
        TopicSpec.compacted(names.counterpartyReputation(), 1),
        TopicSpec.deleting(names.cryptoQuotes(), 1),
        TopicSpec.deleting(names.blocked(), partitions),
        TopicSpec.deleting(names.flagged(), partitions),
        TopicSpec.deleting(names.cleared(), partitions),
        TopicSpec.deleting(names.deadLetter(), 1),
        TopicSpec.compacted(names.accountActions(), 1),
        TopicSpec.deleting(names.reviewVerdicts(), partitions),
        TopicSpec.compacted(names.screenerConfig(), 1));
  }

  /** Creates them on an embedded broker and waits until every partition has a leader. */
  public static void create(EmbeddedKafkaBroker broker, TopicNames names, int partitions) {
    broker.createTopics(specs(names, partitions));
  }
}
