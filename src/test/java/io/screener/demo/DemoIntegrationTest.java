package io.screener.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DemoIntegrationTest {

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldDecideEveryStreamedPaymentAndReport() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Demo demo =
        new Demo(
            new Demo.Options(
                Path.of("config", "screener.properties"),
                300,
                Duration.ofSeconds(6),
                2,
                5,
                Map.of("metrics.address", "127.0.0.1:0", "application.id", "demo-it")),
            new PrintStream(text, true, StandardCharsets.UTF_8));

    Demo.Report report = demo.run();

    String printed = text.toString(StandardCharsets.UTF_8);
    assertTrue(report.sent() >= 1_000, () -> report + "\n" + printed);
    assertEquals(report.sent(), report.decided(), () -> report + "\n" + printed);
    assertEquals(0, report.deadLetters(), printed);
    assertEquals(0, report.feedDeadLetters(), printed);
    assertTrue(
        report.blocked() > 0 && report.flagged() > 0 && report.cleared() > 0, report::toString);
    assertTrue(
        report.p99Millis() >= report.p50Millis() && report.p50Millis() >= 0, report::toString);
    assertTrue(printed.contains("payments/s | sent"), printed);
    assertTrue(printed.contains("demo: done. sent"), printed);
  }
}
