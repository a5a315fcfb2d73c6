package io.screener.topology;

import io.screener.screening.DeadLetterStage;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;

/** The headers a dead-lettered record carries: why it was rejected and where it came from. */
public final class DeadLetters {
  public static final String ERROR = "screener.error";
  public static final String STAGE = "screener.error.stage";
  public static final String SOURCE_TOPIC = "screener.source.topic";
  public static final String SOURCE_PARTITION = "screener.source.partition";
  public static final String SOURCE_OFFSET = "screener.source.offset";

  private DeadLetters() {}

  static void annotate(
      Headers headers, DeadLetterStage stage, String reason, @Nullable RecordMetadata source) {
    if (source == null) {
      annotate(headers, stage, reason, null, -1, -1);
    } else {
      annotate(headers, stage, reason, source.topic(), source.partition(), source.offset());
    }
  }

  /** Says why and where from on a dead letter's headers; a null topic leaves the source out. */
  public static void annotate(
      Headers headers,
      DeadLetterStage stage,
      String reason,
      @Nullable String topic,
      int partition,
      long offset) {
    put(headers, ERROR, reason);
    put(headers, STAGE, stage.name());
    if (topic != null) {
      put(headers, SOURCE_TOPIC, topic);
      put(headers, SOURCE_PARTITION, Integer.toString(partition));
      put(headers, SOURCE_OFFSET, Long.toString(offset));
    }
  }

  /**
   * The reason a record could not be read, for its dead letter: the first message in its causes.
   */
  public static String reason(Throwable failure) {
    Throwable cause = failure;
    String message = failure.getMessage();
    while (message == null && cause.getCause() != null) {
      cause = cause.getCause();
      message = cause.getMessage();
    }
    return message != null ? message : failure.getClass().getSimpleName();
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
