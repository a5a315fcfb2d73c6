package io.screener.generate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code screener generate}: writes a labeled synthetic history for the replay tool. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a labeled synthetic payment history (JSON Lines) for the replay tool.",
      "Writes payments.jsonl, labels.jsonl, merchants.jsonl, counterparties.jsonl and quotes.jsonl"
          + " to DIR. The same seed and options give byte-identical files."
    })
public final class GenerateCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Spec
  CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write to (created if missing).")
  @SuppressWarnings("NullAway.Init") // picocli sets it: the option is required
  Path out;

  @Option(
      names = "--payments",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Exact number of payments (default: ${DEFAULT-VALUE}, at least 1000).")
  long payments;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      defaultValue = "2026-01-05T00:00:00Z",
      description = "Event time the history starts at (default: ${DEFAULT-VALUE}).")
  @SuppressWarnings("NullAway.Init") // picocli sets it: it has a defaultValue
  Instant start;

  @Option(
      names = "--days",
      paramLabel = "DAYS",
      description = "Days of history (default: one per 6,500 payments, 1 to 30).")
  @Nullable Integer days;

  @Override
  public Integer call() throws Exception {
    int span = days != null ? days : HistorySpec.defaultDays(payments);
    HistorySpec history;
    try {
      history = new HistorySpec(payments, seed, start, Duration.ofDays(span));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    HistorySummary summary = HistoryFiles.write(new HistoryGenerator(history), out);
    spec.commandLine().getOut().println("generated " + out + ": " + summary.line());
    return 0;
  }
}
