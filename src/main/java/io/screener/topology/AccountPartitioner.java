package io.screener.topology;

import io.screener.avro.PaymentEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where each account's behaviour state lives: partition {@code murmur2(account) mod n} of the
 * by-account repartition topic, which is also what Kafka's default partitioner gives a record keyed
 * by the account. It remembers the topic's partition count from the sends, so that a payment leg
 * that arrived on its account's own partition can stay in its task instead of taking the hop.
 */
final class AccountPartitioner implements StreamPartitioner<String, PaymentEvent> {
  private final AtomicInteger partitions = new AtomicInteger();

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String account, PaymentEvent payment, int count) {
    partitions.set(count);
    return Optional.of(Set.of(partitionOf(account, count)));
  }

  /**
   * Whether the task reading input partition {@code partition} holds {@code account}'s state, as
   * far as is known: false until a send has told the repartition topic's partition count.
   */
  boolean ownedBy(int partition, String account) {
    int count = partitions.get();
    return count > 0 && partition >= 0 && partitionOf(account, count) == partition;
  }

  static int partitionOf(String account, int count) {
    return Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % count;
  }
}
