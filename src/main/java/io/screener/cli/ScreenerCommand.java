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
    versionProvider = ScreenerCommand.BuildVersion.class,
    description = "Screens payments for crypto and OTC purchases.",
    subcommands = {
      RunCommand.class,
      ReplayCommand.class,
      GenerateCommand.class,
      HealthCommand.class,
      TopicsCommand.class,
      PublishRulesCommand.class,
      ConsoleCommand.class
    })
public final class ScreenerCommand implements Runnable {

  /** {@code --version}: the build's version from the jar's manifest. */
  static final class BuildVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ScreenerCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "payment-screener " + (version == null ? "(not from a packaged jar)" : version),
        "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")
      };
    }
  }

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
