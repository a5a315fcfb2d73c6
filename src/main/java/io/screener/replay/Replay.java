package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.Decision;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreeningDecision;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.serialization.AvroJson;
import io.screener.topology.FeedValidation;
import io.screener.topology.PaymentValidation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * An offline replay: reads the reference feeds, then streams the payments through one engine (or
 * two, for a what-if comparison) and writes decisions, dead letters, the summary and the report.
 * Memory holds the behaviour state, the feeds and the labels, never the payments.
 */
public final class Replay {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * What to replay.
   *
   * @param rules the model (a rules file); {@code compareRules} the second model, or null
   * @param progress whether to draw a progress bar (only when stderr is a terminal)
   * @param limits the longest line and record of every input file; longer ones are dead letters
   */
  public record Options(
      Path payments,
      Path merchants,
      Path counterparties,
      Path quotes,
      Path labels,
      Path verdicts,
      ScreenerSettings settings,
      Scorer scorer,
      Path rules,
      Scorer compareScorer,
      Path compareRules,
      Path out,
      boolean progress,
      RecordReader.Limits limits) {
    /** Options with the {@link RecordReader.Limits#DEFAULT} limits. */
    public Options(
        Path payments,
        Path merchants,
        Path counterparties,
        Path quotes,
        Path labels,
        Path verdicts,
        ScreenerSettings settings,
        Scorer scorer,
        Path rules,
        Scorer compareScorer,
        Path compareRules,
        Path out,
        boolean progress) {
      this(payments, merchants, counterparties, quotes, labels, verdicts, settings, scorer, rules, compareScorer,
          compareRules, out, progress, RecordReader.Limits.DEFAULT);
    }
  }

  /** What a run did, for the summary line and tests. */
  public record Result(
      long payments, long decided, long deadLetters, long duplicates, long[] decisions, double seconds, long diffs) {
    /** Payments per second, end to end. */
    public double rate() {
      return seconds > 0 ? payments / seconds : 0;
    }
  }

  private Replay() {}

  public static Result run(Options o, PrintStream err, LongSupplier wallClock) throws IOException {
    long start = System.nanoTime();
    Future<Labels> labels =
        o.labels() == null ? CompletableFuture.completedFuture(Labels.none()) : Labels.loadInBackground(o.labels());
    ReplayFeeds feeds = new ReplayFeeds(o.settings().quoteRetention());
    long feedErrors = 0;
    try (ReplayOutput output = new ReplayOutput(o.out());
        // The payments are read and decoded from the start, beside the feeds and the labels.
        Prefetcher<PaymentEvent> records = new Prefetcher<>(RecordReader.open(o.payments(), PaymentEvent.class, o.limits()))) {
      JsonGenerator dead = output.jsonLines("dead-letter.jsonl");
      FeedValidation checks = new FeedValidation(new PaymentValidation(o.settings().validation()), wallClock);
      RecordReader.Limits limits = o.limits();
      feedErrors += loadFeed(o.merchants(), MerchantReputation.class, checks::problem, feeds::merchant, dead, limits);
      feedErrors +=
          loadFeed(o.counterparties(), CounterpartyReputation.class, checks::problem, feeds::counterparty, dead, limits);
      feedErrors += loadFeed(o.quotes(), CryptoQuote.class, checks::problem, feeds::quote, dead, limits);

      List<ReviewVerdict> verdicts = new ArrayList<>();
      Map<ReviewVerdict, Long> verdictLines = new IdentityHashMap<>();
      feedErrors +=
          loadFeed(o.verdicts(), ReviewVerdict.class, checks::problem, verdicts::add, dead, limits, verdictLines);
      BufferedWriter actions = output.writer("account-actions.jsonl");
      long[] enforcement = new long[2];
      ReplayEngine engine = new ReplayEngine(o.settings(), o.scorer(), feeds, wallClock);
      engine.verdicts(
          verdicts,
          new ReplayEngine.EnforcementSink() {
            @Override
            public void action(AccountAction action) {
              enforcement[0]++;
              try {
                actions.write(AvroJson.toJson(action));
                actions.write('\n');
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }

            @Override
            public void verdictDeadLettered(ReviewVerdict verdict, String reason) {
              enforcement[1]++;
              try {
                deadLetter(dead, o.verdicts(), verdictLines.get(verdict), AvroJson.toJson(verdict), "VALIDATE", reason);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
      ReplayEngine other =
          o.compareScorer() == null ? null : new ReplayEngine(o.settings(), o.compareScorer(), feeds, wallClock);
      if (other != null) {
        other.verdicts(verdicts, ReplayEngine.EnforcementSink.NONE);
      }
      OutputStream[] byDecision = new OutputStream[3];
      byDecision[Decision.BLOCK.ordinal()] = output.stream("blocked.jsonl");
      byDecision[Decision.FLAG.ordinal()] = output.stream("flagged.jsonl");
      byDecision[Decision.CLEAR.ordinal()] = output.stream("cleared.jsonl");
      JsonGenerator diff = other == null ? null : output.jsonLines("diff.jsonl");

      long payments = 0;
      long deadLetters = 0;
      long duplicates = 0;
      boolean finished = false;
      RecordReader<PaymentEvent> reader = records.reader();
      DecisionWriter writer = new DecisionWriter(labels, byDecision, diff);
      try {
        Progress progress =
            new Progress(err, o.progress() && Progress.stderrIsTerminal(), reader::bytesRead, reader.size());
        InputRecord<PaymentEvent> record;
        while ((record = records.next()) != null) {
          payments++;
          progress.update(payments);
          if (record.value() == null) {
            deadLetter(dead, o.payments(), record, "DECODE", record.error());
            deadLetters++;
            continue;
          }
          ReplayEngine.Outcome outcome = engine.process(record.value());
          ReplayEngine.Outcome otherOutcome = other == null ? null : other.process(record.value());
          if (outcome instanceof ReplayEngine.Outcome.Rejected rejected) {
            deadLetter(dead, o.payments(), record, "VALIDATE", rejected.reason());
            deadLetters++;
            continue;
          }
          if (!(outcome instanceof ReplayEngine.Outcome.Decided decided)) {
            duplicates++;
            continue;
          }
          writer.add(
              decided.decision(),
              otherOutcome instanceof ReplayEngine.Outcome.Decided otherDecided ? otherDecided.decision() : null,
              record);
        }
        engine.finish();
        if (other != null) {
          other.finish();
        }
        writer.finish();
        actions.flush();
        finished = true;
        progress.finish();
      } finally {
        if (!finished) {
          writer.abandon();
        }
      }
      ReplayStats stats = writer.stats;
      ReplayStats otherStats = writer.otherStats;
      Map<String, Long> moved = writer.moved;
      long diffs = writer.diffs;
      double seconds = (System.nanoTime() - start) / 1e9;
      Result result =
          new Result(payments, stats.decided, deadLetters, duplicates, stats.decisions.clone(), seconds, diffs);
      try (BufferedWriter summary = output.writer("summary.json");
          JsonGenerator out = JSON.createGenerator(summary).useDefaultPrettyPrinter()) {
        out.writeStartObject();
        out.writeStringField("payments", o.payments().toString());
        out.writeStringField("configVersion", o.scorer().rules().version());
        out.writeStringField("rules", String.valueOf(o.rules()));
        out.writeNumberField("inputRecords", payments);
        out.writeNumberField("decided", stats.decided);
        out.writeNumberField("deadLetters", deadLetters);
        out.writeNumberField("duplicates", duplicates);
        out.writeNumberField("feedDeadLetters", feedErrors);
        out.writeObjectFieldStart("enforcement");
        out.writeNumberField("verdicts", verdicts.size());
        out.writeNumberField("deadLetteredVerdicts", enforcement[1]);
        out.writeNumberField("accountActions", enforcement[0]);
        out.writeEndObject();
        if (o.labels() != null) {
          out.writeNumberField("badLabelLines", writer.labels().badLines());
        }
        out.writeObjectFieldStart("throughput");
        out.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
        out.writeNumberField("paymentsPerSecond", Math.round(result.rate()));
        out.writeEndObject();
        stats.write(out);
        if (other != null) {
          out.writeObjectFieldStart("compare");
          out.writeStringField("configVersion", o.compareScorer().rules().version());
          out.writeStringField("rules", String.valueOf(o.compareRules()));
          out.writeNumberField("differing", diffs);
          out.writeObjectFieldStart("moved");
          for (Map.Entry<String, Long> e : moved.entrySet()) {
            out.writeNumberField(e.getKey(), e.getValue());
          }
          out.writeEndObject();
          otherStats.write(out);
          out.writeEndObject();
        }
        out.writeEndObject();
      }
      try (BufferedWriter html = output.writer("report.html")) {
        ReplayReport.write(html, o, result, stats, other == null ? null : otherStats, moved);
      }
      output.commit();
      return result;
    }
  }

  /** Loads a feed file; undecodable and unusable records go to the dead letters, as the live feeds' do. */
  private static <T extends SpecificRecord> long loadFeed(
      Path file,
      Class<T> type,
      Function<T, String> validation,
      Consumer<T> sink,
      JsonGenerator dead,
      RecordReader.Limits limits)
      throws IOException {
    return loadFeed(file, type, validation, sink, dead, limits, null);
  }

  /** Likewise, noting each record's line in {@code lines} (when given). */
  private static <T extends SpecificRecord> long loadFeed(
      Path file,
      Class<T> type,
      Function<T, String> validation,
      Consumer<T> sink,
      JsonGenerator dead,
      RecordReader.Limits limits,
      Map<T, Long> lines)
      throws IOException {
    if (file == null) {
      return 0;
    }
    long errors = 0;
    try (RecordReader<T> reader = RecordReader.open(file, type, limits)) {
      InputRecord<T> record;
      while ((record = reader.next()) != null) {
        String problem;
        if (record.value() == null) {
          deadLetter(dead, file, record, "DECODE", record.error());
          errors++;
        } else if ((problem = validation.apply(record.value())) != null) {
          deadLetter(dead, file, record, "VALIDATE", problem);
          errors++;
        } else {
          sink.accept(record.value());
          if (lines != null) {
            lines.put(record.value(), record.line());
          }
        }
      }
    }
    return errors;
  }

  private static void deadLetter(
      JsonGenerator out, Path file, InputRecord<?> record, String stage, String error) throws IOException {
    String text = record.input();
    if (text == null && record.value() instanceof SpecificRecord value) {
      text = AvroJson.toJson(value);
    }
    deadLetter(out, file, record.line(), text, stage, error);
  }

  private static void deadLetter(
      JsonGenerator out, Path file, long line, String text, String stage, String error) throws IOException {
    out.writeStartObject();
    out.writeStringField("file", file.getFileName().toString());
    out.writeNumberField("line", line);
    out.writeStringField("input", text);
    out.writeStringField("stage", stage);
    out.writeStringField("error", error);
    out.writeEndObject();
  }

  static void writeDiff(JsonGenerator out, ScreeningDecision a, ScreeningDecision b, Labels.Label label)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("transactionId", a.getTransactionId());
    out.writeStringField("eventTime", Instant.ofEpochMilli(a.getPayment().getEventTime().toEpochMilli()).toString());
    if (label != null) {
      out.writeBooleanField("crypto", label.crypto());
    }
    out.writeStringField("moved", a.getDecision() + " -> " + b.getDecision());
    writeSide(out, "a", a);
    writeSide(out, "b", b);
    out.writeEndObject();
  }

  private static void writeSide(JsonGenerator out, String name, ScreeningDecision d) throws IOException {
    out.writeObjectFieldStart(name);
    out.writeStringField("decision", d.getDecision().name());
    out.writeNumberField("score", d.getScore());
    out.writeStringField("category", d.getCategory() == null ? null : d.getCategory().name());
    out.writeArrayFieldStart("reasons");
    for (io.screener.avro.Reason r : d.getReasons()) {
      out.writeStartObject();
      out.writeStringField("code", r.getCode());
      out.writeNumberField("points", r.getPoints());
      out.writeStringField("detail", r.getDetail());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("configVersion", d.getConfigVersion());
    out.writeEndObject();
  }

  /** The one line printed at the end of every run, terminal or not. */
  public static String summaryLine(Result r, Path out) {
    return String.format(
        Locale.ROOT,
        "replay: %,d records in %.1f s (%,.0f/s): %,d blocked, %,d flagged, %,d cleared, %,d duplicates, %,d dead letters%s -> %s",
        r.payments(),
        r.seconds(),
        r.rate(),
        r.decisions()[Decision.BLOCK.ordinal()],
        r.decisions()[Decision.FLAG.ordinal()],
        r.decisions()[Decision.CLEAR.ordinal()],
        r.duplicates(),
        r.deadLetters(),
        r.diffs() > 0 ? String.format(Locale.ROOT, ", %,d differ", r.diffs()) : "",
        out);
  }
}
