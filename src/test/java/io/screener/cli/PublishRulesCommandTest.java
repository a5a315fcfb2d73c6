package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.fixtures.RulesDocuments;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void shouldCheckAShadowFileAsStrictlyAsLiveRulesBeforeSending() throws Exception {
    Path rules = RulesDocuments.write(dir, "threshold.flag=40", "threshold.flag=forty");
    Run run =
        run(
            "publish-rules",
            "--set",
            "bootstrap.servers=127.0.0.1:1",
            "--shadow",
            rules.toString());
    assertEquals(2, run.exit);
    assertTrue(run.err.contains("threshold.flag"), run.err);
    assertTrue(run.err.contains(rules.toString()), run.err);
  }

  @Test
  void shouldTakeOneOfRulesShadowPromoteAndShadowOff() throws Exception {
    Path rules = RulesDocuments.write(dir);
    for (String[] both :
        List.of(
            new String[] {"--rules", rules.toString(), "--shadow", rules.toString()},
            new String[] {"--shadow", rules.toString(), "--promote"},
            new String[] {"--promote", "--shadow-off"})) {
      List<String> line =
          new java.util.ArrayList<>(
              List.of("publish-rules", "--set", "bootstrap.servers=127.0.0.1:1"));
      line.addAll(List.of(both));
      Run run = run(line.toArray(String[]::new));
      assertEquals(2, run.exit, String.join(" ", both));
      assertTrue(run.err.contains("mutually exclusive"), run.err);
    }
  }

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    java.io.PrintStream previous = System.err;
    System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
    CommandLine cli = ScreenerCommand.commandLine();
    int exit;
    try {
      exit = cli.execute(args);
    } finally {
      System.setErr(previous);
    }
    return new Run(exit, stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
