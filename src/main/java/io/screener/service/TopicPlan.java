package io.screener.service;

import io.screener.config.ScreenerSettings.TopicNames;
import java.util.List;

/**
 * The topics the screener reads and writes, as it expects them: payments, decisions, verdicts and
 * shadow diffs with the given partition count, reputation feeds, account actions and rules
 * compacted, quotes and dead letters on one partition. Kafka Streams creates the screener's
 * internal topics itself.
 */
public final class TopicPlan {
  private TopicPlan() {}

  /** Every topic of the settings, none of them internal. */
  public static List<TopicSpec> of(TopicNames names, int partitions) {
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
        TopicSpec.compacted(names.screenerConfig(), 1),
        TopicSpec.deleting(names.shadowDiff(), partitions));
  }
}
