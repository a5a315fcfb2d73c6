package io.screener.cli;

import io.screener.config.ConfigException;
import io.screener.generate.GenerateCommand;
import io.screener.service.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code screener} command line of the service artifact ({@code target/screener.jar}, the
 * image): one subcommand per job. The demo and the bench, which bring their own broker, are added
 * by {@code io.screener.tools.ScreenerTools} in the tools artifact.
 */
@Command(
    name = "screener",
    mixinStandardHelpOptions = true,
    version = "payment-screener 0.1.0",
    description = "Screens payments for crypto and OTC purchases.",
    subcommands = {
      RunCommand.class,
      ReplayCommand.class,
      GenerateCommand.class,
      HealthCommand.class,
      TopicsCommand.class,
      PublishRulesCommand.class
    })
public final class ScreenerCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with the screener's error handling: a bad setting is one line, exit 2; a
   * start-up that cannot reach or use the cluster is one line, exit 1.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ScreenerCommand());
    cli.setExecutionExceptionHandler(
        (error, commandLine, parseResult) -> {
          Throwable cause = error;
          while (cause != null && !(cause instanceof ConfigException)) {
            cause = cause.getCause();
          }
          if (cause != null) {
            commandLine.getErr().println("screener: " + cause.getMessage());
            return 2;
          }
          for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof StartupException) {
              commandLine.getErr().println("screener: " + c.getMessage());
              return 1;
            }
          }
          throw error;
        });
    return cli;
  }
}
