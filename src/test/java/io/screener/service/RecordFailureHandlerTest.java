package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.screener.config.ScreenerSettings;
import io.screener.screening.DeadLetterStage;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.SchemaRegistryException;
import io.screener.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RecordFailureHandlerTest {
  private static final ScreenerSettings SETTINGS =
      ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
  private final List<String> counted = new ArrayList<>();
  private final RecordFailureHandler handler = new RecordFailureHandler();

  RecordFailureHandlerTest() {
    ScreeningEvents events =
        new ScreeningEvents() {
          @Override
          public void deadLettered(DeadLetterStage stage, String reason) {
            counted.add(stage + " " + reason);
          }
        };
    handler.configure(
        Map.of(
            FeedDeserializationHandler.DEAD_LETTERS_CONFIG,
            new FeedDeadLetters(SETTINGS, events),
            FeedDeserializationHandler.FEED_TOPICS_CONFIG,
            Set.of("crypto-quotes")));
  }

  private static ErrorHandlerContext context(String topic) {
    Headers headers = new RecordHeaders();
    headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return 3;
      }

      @Override
      public long offset() {
        return 42;
      }

      @Override
      public Headers headers() {
        return headers;
      }

      @Override
      public String processorNodeId() {
        return "behaviour-features";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(1, 3);
      }

      @Override
      public long timestamp() {
        return 1_000;
      }

      @Override
      public byte[] sourceRawKey() {
        return "k".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] sourceRawValue() {
        return new byte[] {1, 2, 3};
      }
    };
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldDeadLetterTheSourceRecordOfAThrowingProcessorAndGoOn() {
    ProcessingExceptionHandler.Response response =
        handler.handleError(
            context("payments"),
            new Record<>("k", "v", 1_000),
            new ArrayIndexOutOfBoundsException("Index 5 out of bounds for length 5"));

    assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
    assertEquals(1, response.deadLetterQueueRecords().size());
    ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
    assertEquals(SETTINGS.topics().deadLetter(), dead.topic());
    assertArrayEquals(new byte[] {1, 2, 3}, dead.value());
    assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), dead.key());
    assertEquals("PROCESS", header(dead, DeadLetters.STAGE));
    assertEquals(
        "ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5",
        header(dead, DeadLetters.ERROR));
    assertEquals("payments", header(dead, DeadLetters.SOURCE_TOPIC));
    assertEquals("3", header(dead, DeadLetters.SOURCE_PARTITION));
    assertEquals("42", header(dead, DeadLetters.SOURCE_OFFSET));
    assertEquals("t-1", header(dead, "trace"));
    assertEquals(
        List.of("PROCESS ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5"),
        counted);
  }

  @Test
  void shouldDeadLetterWhatTheBrokerRefusesButRetryWhatMayHeal() {
    ProducerRecord<byte[], byte[]> output =
        new ProducerRecord<>("payments-cleared", new byte[] {9});

    ProductionExceptionHandler.Response refused =
        handler.handleError(
            context("payments"),
            output,
            new InvalidTimestampException(
                "One or more records have been rejected due to invalid timestamp"));
    ProductionExceptionHandler.Response transient_ =
        handler.handleError(
            context("payments"), output, new NotEnoughReplicasException("not enough replicas"));

    assertEquals(ProductionExceptionHandler.Result.RESUME, refused.result());
    assertEquals("PRODUCE", header(refused.deadLetterQueueRecords().get(0), DeadLetters.STAGE));
    assertTrue(
        header(refused.deadLetterQueueRecords().get(0), DeadLetters.ERROR)
            .startsWith("InvalidTimestampException"));
    assertEquals(ProductionExceptionHandler.Result.RETRY, transient_.result());
  }

  @Test
  void shouldFailTheThreadNotTheRecordWhenTheSchemaRegistryCannotBeAsked() {
    SchemaRegistryException down =
        new SchemaRegistryException("schema registry [http://127.0.0.1:1] gave no answer");
    FeedDeserializationHandler feeds = new FeedDeserializationHandler();
    feeds.configure(
        Map.of(
            FeedDeserializationHandler.DEAD_LETTERS_CONFIG,
            new FeedDeadLetters(SETTINGS, new ScreeningEvents() {}),
            FeedDeserializationHandler.FEED_TOPICS_CONFIG,
            Set.of("crypto-quotes")));

    ProcessingExceptionHandler.Response processing =
        handler.handleError(
            context("payments"), new Record<>("k", "v", 1_000), new RuntimeException(down));
    ProductionExceptionHandler.Response production =
        handler.handleSerializationError(
            context("payments"),
            new ProducerRecord<>("payments-cleared", "v"),
            new SerializationException("cannot serialize", down),
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
    DeserializationExceptionHandler.Response reading =
        feeds.handleError(
            context("crypto-quotes"),
            new ConsumerRecord<>("crypto-quotes", 0, 7, new byte[] {1}, new byte[] {0, 0, 0, 0, 9}),
            down);

    assertEquals(ProcessingExceptionHandler.Result.FAIL, processing.result());
    assertEquals(ProductionExceptionHandler.Result.FAIL, production.result());
    assertEquals(DeserializationExceptionHandler.Result.FAIL, reading.result());
    assertTrue(processing.deadLetterQueueRecords().isEmpty());
    assertTrue(counted.isEmpty(), "nothing dead-lettered: " + counted);
  }

  @Test
  void shouldKeepTheRecordsWordsOutOfTheLogAndOnTheDeadLettersHeader() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(RecordFailureHandler.class);
    logger.addAppender(log);
    NumberFormatException parse =
        new NumberFormatException("For input string: \"tx-7f3a memo 买USDT\"");
    ProcessingExceptionHandler.Response response;
    try {
      response =
          handler.handleError(
              context("payments"),
              new Record<>("k", "v", 1_000),
              new IllegalStateException("payment tx-7f3a failed: " + parse.getMessage(), parse));
    } finally {
      logger.detachAppender(log);
    }

    assertEquals(1, log.list.size());
    ILoggingEvent line = log.list.get(0);
    assertEquals(
        "dead-lettered record payments-3@42 at behaviour-features (PROCESS): IllegalStateException"
            + " caused by NumberFormatException; the reason is in its screener.error header",
        line.getFormattedMessage());
    StringBuilder logged = new StringBuilder(line.getFormattedMessage());
    for (IThrowableProxy t = line.getThrowableProxy(); t != null; t = t.getCause()) {
      logged.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
      assertTrue(t.getStackTraceElementProxyArray().length > 0, "stack frames kept");
    }
    assertFalse(logged.toString().contains("tx-7f3a"), logged.toString());
    assertFalse(logged.toString().contains("USDT"), logged.toString());
    assertTrue(logged.toString().contains("java.lang.NumberFormatException"), logged.toString());
    assertTrue(
        header(response.deadLetterQueueRecords().get(0), DeadLetters.ERROR)
            .contains("tx-7f3a memo 买USDT"));
  }
}
