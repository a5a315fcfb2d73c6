package io.screener.service;

import io.screener.screening.DeadLetterStage;
import io.screener.serialization.SchemaRegistryException;
import io.screener.topology.DeadLetters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do with a record that cannot be read or is unusable (a reputation, quote, account action
 * or rules document from a global feed, or an analyst's verdict): send it to the dead-letter topic
 * with headers saying why and where it came from, and go on. Payments never get here (the topology
 * reads them as bytes and dead-letters them itself).
 *
 * <p>Feed topics are read by the global thread, where Kafka Streams 4.3.1 cannot take dead-letter
 * records from a handler, so {@link FeedDeadLetters} writes them. A record from any other topic
 * (verdicts, and the internal topics the screener writes itself) goes through Kafka Streams' own
 * dead-letter path (KIP-1034), inside the task's transaction.
 */
public final class FeedDeserializationHandler implements DeserializationExceptionHandler {
  /** Config key under which {@link StreamsProperties} passes the {@link FeedDeadLetters}. */
  static final String DEAD_LETTERS_CONFIG = "screener.feed.dead.letters";

  /** Config key under which {@link StreamsProperties} passes the set of global (feed) topics. */
  static final String FEED_TOPICS_CONFIG = "screener.feed.topics";

  private static final Logger LOG = LoggerFactory.getLogger(FeedDeserializationHandler.class);

  private @Nullable FeedDeadLetters deadLetters;
  private Set<?> feedTopics = Set.of();

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (SchemaRegistryException.in(exception) != null) {
      // Not the record's fault: the thread fails, is replaced, and reads the record again.
      LOG.error(
          "cannot read record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return Response.fail();
    }
    String reason = DeadLetters.reason(exception);
    if (deadLetters == null) {
      LOG.warn(
          "skipped unreadable record {}-{}@{} (no dead-letter topic configured): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          reason);
      return Response.resume();
    }
    deadLetters.events().feedDeadLettered(record.topic(), reason);
    if (feedTopics.contains(record.topic())) {
      deadLetters.send(record, DeadLetterStage.DECODE, reason);
      return Response.resume();
    }
    LOG.warn(
        "dead-lettered record {}-{}@{} (DECODE): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    return Response.resume(
        List.of(
            FeedDeadLetters.deadLetter(
                deadLetters.topic(), record, DeadLetterStage.DECODE, reason)));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object letters = configs.get(DEAD_LETTERS_CONFIG);
    if (letters instanceof FeedDeadLetters given) {
      deadLetters = given;
    }
    Object topics = configs.get(FEED_TOPICS_CONFIG);
    if (topics instanceof Set<?> given) {
      feedTopics = given;
    }
  }
}
