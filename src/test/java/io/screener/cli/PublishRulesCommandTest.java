package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.fixtures.RulesDocuments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** publish-rules checks the rules before it sends anything. */
class PublishRulesCommandTest {
  @TempDir Path dir;

  @Test
  void shouldRefuseInvalidRulesNamingTheKeyWithoutContactingKafka() throws Exception {
    Path rules = RulesDocuments.write(dir, "threshold.block=80", "threshold.block=eighty");
    CommandLine cli = ScreenerCommand.commandLine();
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    java.io.PrintStream previous = System.err;
    System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      // An unroutable broker: had it tried to send, it would wait out max.block.ms.
      exit =
          cli.execute(
              "publish-rules",
              "--set",
              "bootstrap.servers=127.0.0.1:1",
              "--rules",
              rules.toString());
    } finally {
      System.setErr(previous);
    }
    assertEquals(2, exit);
    String message = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(message.contains("threshold.block"), message);
    assertTrue(message.contains(rules.toString()), message);
  }
}
