package io.screener.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders cleanly: picocli formats descriptions as format strings,
 * so a bare {@code %} in one prints a warning instead of the text; and the list of commands shows
 * each one's whole description, not a line cut mid-sentence.
 */
class UsageTest {
  @Test
  void shouldRenderEveryCommandsHelpWithoutAWarning() {
    CommandLine top = ScreenerTools.commandLine();
    Map<String, CommandLine> commands = top.getSubcommands();
    assertTrue(commands.keySet().containsAll(List.of("demo", "bench", "run", "replay")));
    PrintStream err = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      String usage = top.getUsageMessage();
      for (CommandLine command : commands.values()) {
        assertTrue(command.getUsageMessage().contains("Usage:"), command.getCommandName());
        // The list of commands shows a description's first line only: it must be whole sentences.
        String summary = command.getCommandSpec().usageMessage().description()[0];
        assertTrue(summary.endsWith("."), () -> command.getCommandName() + ": " + summary);
      }
      assertTrue(usage.contains("bench"), usage);
    } finally {
      System.setErr(err);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }
}
