package io.screener.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screener.config.ConfigException;
import io.screener.config.ScreenerSettings;
import io.screener.config.ScreenerSettings.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogsTest {
  private static final Logger LOG = LoggerFactory.getLogger(LogsTest.class);

  @AfterEach
  void restoreTheConfiguredLogging() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void shouldWriteOneJsonObjectALineWithTimeLevelLoggerAndTheFormattedMessage() throws Exception {
    List<String> lines =
        stderrOf(
            () -> {
              Logs.use(LogFormat.JSON);
              Logs.use(LogFormat.JSON); // a second call changes nothing
              LOG.info("decided {} payments", 3);
              LOG.warn("cannot reach {}", "127.0.0.1:9", new IllegalStateException("refused"));
            });

    assertEquals(2, lines.size(), lines.toString());
    ObjectMapper json = new ObjectMapper();
    JsonNode info = json.readTree(lines.get(0));
    assertEquals("INFO", info.get("level").asText());
    assertEquals(LogsTest.class.getName(), info.get("loggerName").asText());
    assertEquals("decided 3 payments", info.get("formattedMessage").asText());
    long millis = info.get("timestamp").asLong();
    assertTrue(Math.abs(System.currentTimeMillis() - millis) < 60_000, "timestamp " + millis);
    assertFalse(info.has("arguments"), lines.get(0));
    JsonNode warn = json.readTree(lines.get(1));
    assertEquals("WARN", warn.get("level").asText());
    assertEquals("cannot reach 127.0.0.1:9", warn.get("formattedMessage").asText());
    assertEquals(
        IllegalStateException.class.getName(), warn.get("throwable").get("className").asText());
    assertEquals("refused", warn.get("throwable").get("message").asText());
  }

  @Test
  void shouldKeepTextLinesWithTheirTimeByDefault() {
    List<String> lines =
        stderrOf(
            () -> {
              Logs.use(LogFormat.TEXT);
              LOG.info("decided {} payments", 3);
            });

    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[.+\\] INFO .*LogsTest - decided 3 payments"),
        lines.get(0));
  }

  @Test
  void shouldLowerAGroupUnlessItsPropertySetsTheLevel() {
    Logger kafka = LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient");
    Logs.lower(Logs.KAFKA, Level.ERROR);
    assertFalse(kafka.isWarnEnabled());
    assertTrue(kafka.isErrorEnabled());

    restoreTheConfiguredLoggingUnchecked();
    System.setProperty(Logs.KAFKA.property(), "warn");
    try {
      Logs.lower(Logs.KAFKA, Level.ERROR);
      assertTrue(kafka.isWarnEnabled(), "a level given with -D" + Logs.KAFKA.property() + " wins");
    } finally {
      System.clearProperty(Logs.KAFKA.property());
    }
  }

  @Test
  void shouldReadTheFormatFromTheSettingsAndRefuseAnUnknownOneNamingTheKey() {
    Path file = Path.of("config", "screener.properties");
    assertEquals(
        LogFormat.JSON,
        ScreenerSettings.load(file, Map.of("SCREENER_LOG_FORMAT", "json"), Map.of()).logFormat());
    assertEquals(LogFormat.TEXT, ScreenerSettings.load(file, Map.of(), Map.of()).logFormat());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ScreenerSettings.load(file, Map.of(), Map.of("log.format", "xml")));
    assertEquals("log.format", e.key());
  }

  private void restoreTheConfiguredLoggingUnchecked() {
    try {
      restoreTheConfiguredLogging();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
