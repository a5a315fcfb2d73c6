package io.screener.tools;

import io.screener.bench.BenchCommand;
import io.screener.cli.ScreenerCommand;
import io.screener.demo.DemoCommand;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The command line of the tools artifact ({@code target/screener-tools.jar}): every subcommand of
 * the service's, plus {@code demo} and {@code bench}, which start a Kafka broker of their own on
 * 127.0.0.1. The broker, Scala and Kafka's tools are in this artifact only; the service's jar and
 * image hold none of them.
 */
public final class ScreenerTools {
  private ScreenerTools() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo") && !Arrays.asList(args).contains("--verbose")) {
      DemoCommand.quietLogs();
    }
    System.exit(commandLine().execute(args));
  }

  /** The service's command line with the demo and the bench added. */
  public static CommandLine commandLine() {
    return ScreenerCommand.commandLine()
        .addSubcommand(new DemoCommand())
        .addSubcommand(new BenchCommand());
  }
}
