package io.screener.cli;

import io.screener.config.ConfigException;
import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.replay.Failures;
import io.screener.replay.RecordReader;
import io.screener.replay.Replay;
import io.screener.replay.Republisher;
import io.screener.serialization.WireFormat;
import io.screener.service.Logs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code screener replay}: screens a recorded history offline with the live topology's logic and
 * writes decisions, dead letters, a summary and a report; or compares two rules files over it; or
 * republishes it to Kafka for the live service.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Screen a recorded payment history offline, exactly as the live service would (event time, same"
          + " topology logic), and write blocked/flagged/cleared.jsonl, dead-letter.jsonl, summary.json and"
          + " report.html to --out.",
      "Inputs: .jsonl (Avro field names), .csv (header row of the same names) or .avro container files,"
          + " optionally .gz. Exit codes: 0 done (bad lines go to dead-letter.jsonl), 1 unreadable input or"
          + " any other failure (one line on stderr), 2 unusable arguments."
    })
public final class ReplayCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli sets it
  @Spec
  CommandSpec spec;

  @Option(
      names = "--payments",
      required = true,
      paramLabel = "FILE",
      description = "Payments to replay, in order.")
  @SuppressWarnings("NullAway.Init") // picocli sets it: the option is required
  Path payments;

  @Option(
      names = "--merchants",
      paramLabel = "FILE",
      description = "Merchant reputation, loaded first.")
  @Nullable Path merchants;

  @Option(
      names = "--counterparties",
      paramLabel = "FILE",
      description = "Counterparty reputation, loaded first.")
  @Nullable Path counterparties;

  @Option(names = "--quotes", paramLabel = "FILE", description = "Crypto quotes, loaded first.")
  @Nullable Path quotes;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "JSON Lines of {\"transactionId\", \"crypto\": true|false, \"scenario\"} for precision/recall.")
  @Nullable Path labels;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      defaultValue = "${sys:screener.home:-.}/config/rules.properties",
      description = "Rules file, the model (default: ${DEFAULT-VALUE}).")
  @SuppressWarnings("NullAway.Init") // picocli sets it: it has a defaultValue
  Path rules;

  @Option(
      names = "--verdicts",
      paramLabel = "FILE",
      description =
          "Analysts' verdicts (JSON Lines, CSV or Avro with the ReviewVerdict fields), applied as the history reaches their decidedAt; status changes go to account-actions.jsonl.")
  @Nullable Path verdicts;

  @Option(
      names = "--compare",
      paramLabel = "FILE",
      description = "Second rules file: what-if comparison, writes diff.jsonl.")
  @Nullable Path compare;

  @Option(
      names = {"--config", "--settings"},
      paramLabel = "FILE",
      defaultValue = "${sys:screener.home:-.}/config/screener.properties",
      description =
          "Settings file, as for every command: retention, validation and topic names (default: ${DEFAULT-VALUE}; --settings is its older name).")
  @SuppressWarnings("NullAway.Init") // picocli sets it: it has a defaultValue
  Path settingsFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required offline).")
  @Nullable Path out;

  @Option(
      names = "--no-progress",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Progress bar on stderr when it is a terminal (default: on).")
  boolean progress;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "N",
      defaultValue = "1048576",
      description =
          "Longest input line; a longer one is a dead letter (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(
      names = "--max-record-bytes",
      paramLabel = "N",
      defaultValue = "4194304",
      description =
          "Longest CSV row over its quoted line breaks; a longer one is a dead letter (default: ${DEFAULT-VALUE}).")
  int maxRecordBytes;

  @Option(
      names = "--to-kafka",
      description = "Publish the history to Kafka instead of replaying it offline.")
  boolean toKafka;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOSTS",
      description = "Brokers, with --to-kafka.")
  @Nullable String bootstrapServers;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Payments topic, with --to-kafka (default: the settings' topic.payments).")
  @Nullable String topic;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "0",
      description = "Payments per second with --to-kafka; 0 (default) is unthrottled.")
  double rate;

  @Override
  public Integer call() throws IOException {
    requireReadable("--payments", payments);
    requireReadable("--merchants", merchants);
    requireReadable("--counterparties", counterparties);
    requireReadable("--quotes", quotes);
    requireReadable("--labels", labels);
    requireReadable("--verdicts", verdicts);
    RecordReader.Limits limits;
    try {
      limits = new RecordReader.Limits(maxLineBytes, maxRecordBytes);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--max-line-bytes/--max-record-bytes: " + e.getMessage());
    }
    ScreenerSettings settings = ScreenerSettings.load(settingsFile, System.getenv(), Map.of());
    Logs.use(settings.logFormat());
    try {
      if (toKafka) {
        if (bootstrapServers == null) {
          throw new ParameterException(spec.commandLine(), "--to-kafka needs --bootstrap-servers");
        }
        if (rate < 0) {
          throw new ParameterException(spec.commandLine(), "--rate must not be negative");
        }
        Republisher.Result result =
            Republisher.run(
                new Republisher.Options(
                    payments,
                    merchants,
                    counterparties,
                    quotes,
                    bootstrapServers,
                    settings.topics(),
                    topic == null ? settings.topics().payments() : topic,
                    rate,
                    settings.kafka(),
                    WireFormat.of(settings.registry())),
                System.err);
        return result.failed() > 0 ? 1 : 0;
      }
      if (out == null) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new ParameterException(
            spec.commandLine(), "--out: " + out + " exists and is not a folder");
      }
      Scorer scorer = Scorer.standard(RulesLoader.load(rules));
      Scorer other = compare == null ? null : Scorer.standard(RulesLoader.load(compare));
      Replay.Result result =
          Replay.run(
              new Replay.Options(
                  payments,
                  merchants,
                  counterparties,
                  quotes,
                  labels,
                  verdicts,
                  settings,
                  scorer,
                  rules,
                  other,
                  compare,
                  out,
                  progress,
                  limits),
              System.err,
              System::currentTimeMillis);
      System.err.println(Replay.summaryLine(result, out));
      return 0;
    } catch (NoSuchFileException e) {
      System.err.println("screener replay: cannot read " + e.getFile());
      return 1;
    } catch (IOException e) {
      System.err.println("screener replay: " + Failures.describe(e));
      return 1;
    } catch (ParameterException | ConfigException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // A failure on any of the replay's threads ends up here: one line and exit 1, not a stack
      // trace.
      System.err.println("screener replay: " + Failures.describe(e));
      return 1;
    }
  }

  private void requireReadable(String option, @Nullable Path file) {
    if (file == null) {
      return;
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), option + ": cannot read " + file);
    }
    if (RecordReader.formatOf(file) == null && !option.equals("--labels")) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + ": "
              + file
              + ": unknown format (expected .jsonl, .csv or .avro, optionally .gz)");
    }
  }
}
