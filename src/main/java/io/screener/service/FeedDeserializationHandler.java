package io.screener.service;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do with a reputation or quote record that cannot be read. Payments never get here (the
 * topology reads them as bytes and dead-letters them itself); a feed record that cannot be read is
 * logged with where it is and skipped, so one bad entry does not stop screening.
 */
public final class FeedDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FeedDeserializationHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn(
        "skipped unreadable feed record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.getMessage());
    return Response.resume();
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
