package io.screener.service;

import io.screener.domain.UnreadableStateException;
import io.screener.screening.DeadLetterStage;
import io.screener.serialization.SchemaRegistryException;
import io.screener.topology.DeadLetters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a record makes a processor throw, or what it produced cannot be written: isolate
 * it, never stop the instance. The input record that caused it goes to the dead-letter topic as it
 * was read, with headers naming the stage, the exception and where it came from, inside the task's
 * transaction (Kafka Streams' dead-letter path, KIP-1034), and the task goes on. Each is logged and
 * counted ({@code screener_dead_letters_total}, stage PROCESS or PRODUCE). A retriable production
 * error is retried. With exactly-once the set-aside record's other output is not committed with it:
 * a payment either gets its decision or is on the dead-letter topic with the reason. The one
 * exception is state this build cannot read ({@link UnreadableStateException}): that is no record's
 * fault, and the instance stops ({@link ThreadFailurePolicy}).
 */
public final class RecordFailureHandler
    implements ProcessingExceptionHandler, ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RecordFailureHandler.class);

  private @Nullable FeedDeadLetters deadLetters;
  private Set<?> feedTopics = Set.of();

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (unreadableState(exception) != null || SchemaRegistryException.in(exception) != null) {
      // Not the record's fault: every record of that account would fail alike (or every record,
      // while the registry cannot be asked). The thread stops; ThreadFailurePolicy stops the
      // instance (unreadable state) or replaces the thread, which reads the record again.
      return ProcessingExceptionHandler.Response.fail();
    }
    return ProcessingExceptionHandler.Response.resume(
        deadLetter(context, DeadLetterStage.PROCESS, exception));
  }

  @Override
  public ProductionExceptionHandler.Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return ProductionExceptionHandler.Response.retry();
    }
    if (SchemaRegistryException.in(exception) != null) {
      return ProductionExceptionHandler.Response.fail();
    }
    return ProductionExceptionHandler.Response.resume(
        deadLetter(context, DeadLetterStage.PRODUCE, exception));
  }

  // Kafka's interface declares the record raw; an override must too.
  @SuppressWarnings("rawtypes")
  @Override
  public ProductionExceptionHandler.Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      ProductionExceptionHandler.SerializationExceptionOrigin origin) {
    if (SchemaRegistryException.in(exception) != null) {
      return ProductionExceptionHandler.Response.fail();
    }
    return ProductionExceptionHandler.Response.resume(
        deadLetter(context, DeadLetterStage.PRODUCE, exception));
  }

  /** The {@link UnreadableStateException} behind {@code error}, or null. */
  static @Nullable UnreadableStateException unreadableState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UnreadableStateException unreadable) {
        return unreadable;
      }
    }
    return null;
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetter(
      ErrorHandlerContext context, DeadLetterStage stage, Exception exception) {
    String reason = exception.getClass().getSimpleName() + ": " + DeadLetters.reason(exception);
    String where = context.topic() + "-" + context.partition() + "@" + context.offset();
    // The reason, the exception's own message, may quote the record: it goes on the dead letter's
    // header only; the log has the classes and stack frames.
    LOG.error(
        "dead-lettered record {} at {} ({}): {}; the reason is in its screener.error header",
        where,
        context.processorNodeId(),
        stage,
        RedactedException.classes(exception),
        RedactedException.of(exception));
    if (deadLetters == null) {
      return List.of();
    }
    deadLetters.events().deadLettered(stage, reason);
    if (feedTopics.contains(context.topic())) {
      // The global thread takes no dead-letter records from a handler: written directly, as for
      // unreadable feed records.
      ConsumerRecord<byte[], byte[]> source =
          new ConsumerRecord<>(
              context.topic(),
              context.partition(),
              context.offset(),
              context.sourceRawKey(),
              context.sourceRawValue());
      context.headers().forEach(h -> source.headers().add(h));
      deadLetters.send(source, stage, reason);
      return List.of();
    }
    RecordHeaders headers = new RecordHeaders(context.headers().toArray());
    DeadLetters.annotate(
        headers, stage, reason, context.topic(), context.partition(), context.offset());
    return List.of(
        new ProducerRecord<>(
            deadLetters.topic(), null, context.sourceRawKey(), context.sourceRawValue(), headers));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(FeedDeserializationHandler.DEAD_LETTERS_CONFIG)
        instanceof FeedDeadLetters given) {
      deadLetters = given;
    }
    if (configs.get(FeedDeserializationHandler.FEED_TOPICS_CONFIG) instanceof Set<?> topics) {
      feedTopics = topics;
    }
  }
}
