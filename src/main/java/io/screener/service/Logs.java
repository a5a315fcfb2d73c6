package io.screener.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.screener.config.ScreenerSettings.LogFormat;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The screener's logging: Logback, set up by {@code logback.xml} (text lines on stderr, the
 * screener's own at INFO, Kafka's at WARN). Here the format is switched to JSON when the settings
 * ask for it, and the tools lower levels; a level given as a system property ({@link #SCREENER},
 * {@link #KAFKA}) is never changed here.
 */
public final class Logs {
  /** The screener's own loggers; {@code -Dscreener.log.level} sets their level. */
  public static final Group SCREENER = new Group("screener.log.level", List.of("io.screener"));

  /** Kafka's loggers (clients, Streams, the broker); {@code -Dscreener.log.kafka} sets them. */
  public static final Group KAFKA =
      new Group("screener.log.kafka", List.of("org.apache.kafka", "kafka", "state.change.logger"));

  private static final String JSON_APPENDER = "JSON";

  private Logs() {}

  /**
   * Loggers whose level one system property sets.
   *
   * @param property the system property {@code logback.xml} reads their level from
   * @param loggers the loggers' names (each covers the loggers below it)
   */
  public record Group(String property, List<String> loggers) {}

  /**
   * Switches every log line from here on to {@code format}: text is {@code logback.xml}'s own; JSON
   * is one object a line on stderr ({@code timestamp} in epoch milliseconds, {@code level}, {@code
   * threadName}, {@code loggerName}, {@code formattedMessage}, {@code throwable}).
   */
  public static void use(LogFormat format) {
    if (format == LogFormat.TEXT) {
      return;
    }
    LoggerContext context = context();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(JSON_APPENDER) != null) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(JSON_APPENDER);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }

  /** Sets {@code group}'s loggers to {@code level}, unless its system property sets their level. */
  public static void lower(Group group, Level level) {
    if (System.getProperty(group.property()) != null) {
      return;
    }
    LoggerContext context = context();
    for (String name : group.loggers()) {
      context.getLogger(name).setLevel(level);
    }
  }

  private static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException(
        "logging: Logback is not the SLF4J backend on the class path (found "
            + factory.getClass().getName()
            + ")");
  }
}
