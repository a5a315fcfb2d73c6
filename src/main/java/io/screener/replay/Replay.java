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
import io.screener.screening.PaymentValidation;
import io.screener.serialization.AvroJson;
import io.screener.topology.FeedValidation;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

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
      @Nullable Path merchants,
      @Nullable Path counterparties,
      @Nullable Path quotes,
      @Nullable Path labels,
      @Nullable Path verdicts,
      ScreenerSettings settings,
      Scorer scorer,
      Path rules,
      @Nullable Scorer compareScorer,
      @Nullable Path compareRules,
      Path out,
      boolean progress,
      RecordReader.Limits limits) {
    /** Options with the {@link RecordReader.Limits#DEFAULT} limits. */
    public Options(
        Path payments,
        @Nullable Path merchants,
        @Nullable Path counterparties,
        @Nullable Path quotes,
        @Nullable Path labels,
        @Nullable Path verdicts,
        ScreenerSettings settings,
        Scorer scorer,
        Path rules,
        @Nullable Scorer compareScorer,
        @Nullable Path compareRules,
        Path out,
        boolean progress) {
      this(
          payments,
          merchants,
          counterparties,
          quotes,
          labels,
          verdicts,
          settings,
          scorer,
          rules,
          compareScorer,
          compareRules,
          out,
          progress,
          RecordReader.Limits.DEFAULT);
    }
  }

  /** What a run did, for the summary line and tests. */
  public record Result(
      long payments,
      long decided,
      long deadLetters,
      long duplicates,
      long blocked,
      long flagged,
      long cleared,
      double seconds,
      long diffs) {
    /** Payments per second, end to end. */
    public double rate() {
      return seconds > 0 ? payments / seconds : 0;
    }
  }

  /** What a run counts beside the decisions, for the summary. */
  private static final class Counts {
    long payments;
    long deadLetters;
    long duplicates;
    long feedDeadLetters;
    long verdicts;
    long deadLetteredVerdicts;
    long accountActions;
  }

  /** The review verdicts of {@code --verdicts}, each with the line it was read from. */
  private record Verdicts(List<ReviewVerdict> list, Map<ReviewVerdict, Long> lines) {}

  private Replay() {}

  public static Result run(Options o, PrintStream err, LongSupplier wallClock) throws IOException {
    long start = System.nanoTime();
    Future<Labels> labels =
        o.labels() == null
            ? CompletableFuture.completedFuture(Labels.none())
            : Labels.loadInBackground(o.labels());
    ReplayFeeds feeds = new ReplayFeeds(o.settings().quoteRetention());
    Counts counts = new Counts();
    try (ReplayOutput output = new ReplayOutput(o.out());
        // The payments are read and decoded from the start, beside the feeds and the labels.
        Prefetcher<PaymentEvent> records =
            new Prefetcher<>(RecordReader.open(o.payments(), PaymentEvent.class, o.limits()))) {
      JsonGenerator dead = output.jsonLines("dead-letter.jsonl");
      Verdicts verdicts = loadFeeds(o, feeds, dead, wallClock, counts);
      BufferedWriter actions = output.writer("account-actions.jsonl");
      ReplayEngine engine = new ReplayEngine(o.settings(), o.scorer(), feeds, wallClock);
      engine.verdicts(
          verdicts.list(),
          new EnforcementFile(actions, dead, o.verdicts(), verdicts.lines(), counts));
      ReplayEngine other =
          o.compareScorer() == null
              ? null
              : new ReplayEngine(o.settings(), o.compareScorer(), feeds, wallClock);
      if (other != null) {
        other.verdicts(verdicts.list(), ReplayEngine.EnforcementSink.NONE);
      }
      OutputStream[] byDecision = new OutputStream[3];
      byDecision[Decision.BLOCK.ordinal()] = output.stream("blocked.jsonl");
      byDecision[Decision.FLAG.ordinal()] = output.stream("flagged.jsonl");
      byDecision[Decision.CLEAR.ordinal()] = output.stream("cleared.jsonl");
      DecisionWriter writer =
          new DecisionWriter(
              labels, byDecision, other == null ? null : output.jsonLines("diff.jsonl"));

      screen(o, records, engine, other, writer, dead, counts, err);
      actions.flush();
      ReplayStats stats = writer.stats;
      Result result =
          new Result(
              counts.payments,
              stats.decided,
              counts.deadLetters,
              counts.duplicates,
              stats.decisions[Decision.BLOCK.ordinal()],
              stats.decisions[Decision.FLAG.ordinal()],
              stats.decisions[Decision.CLEAR.ordinal()],
              (System.nanoTime() - start) / 1e9,
              writer.diffs);
      writeSummary(output, o, counts, writer, result);
      try (BufferedWriter html = output.writer("report.html")) {
        ReplayReport.write(
            html, o, result, stats, other == null ? null : writer.otherStats, writer.moved);
      }
      output.commit();
      return result;
    }
  }

  /**
   * The reference feeds into {@code feeds}, and the verdicts; unusable records are dead letters.
   */
  private static Verdicts loadFeeds(
      Options o, ReplayFeeds feeds, JsonGenerator dead, LongSupplier wallClock, Counts counts)
      throws IOException {
    FeedValidation checks =
        new FeedValidation(new PaymentValidation(o.settings().validation()), wallClock);
    RecordReader.Limits limits = o.limits();
    counts.feedDeadLetters +=
        loadFeed(
            o.merchants(),
            MerchantReputation.class,
            checks::problem,
            feeds::merchant,
            dead,
            limits);
    counts.feedDeadLetters +=
        loadFeed(
            o.counterparties(),
            CounterpartyReputation.class,
            checks::problem,
            feeds::counterparty,
            dead,
            limits);
    counts.feedDeadLetters +=
        loadFeed(o.quotes(), CryptoQuote.class, checks::problem, feeds::quote, dead, limits);
    Verdicts verdicts = new Verdicts(new ArrayList<>(), new IdentityHashMap<>());
    counts.feedDeadLetters +=
        loadFeed(
            o.verdicts(),
            ReviewVerdict.class,
            checks::problem,
            verdicts.list()::add,
            dead,
            limits,
            verdicts.lines());
    counts.verdicts = verdicts.list().size();
    return verdicts;
  }

  /**
   * Every payment through the engine (and the comparison's), in file order: each is decided, a
   * duplicate, or a dead letter.
   */
  private static void screen(
      Options o,
      Prefetcher<PaymentEvent> records,
      ReplayEngine engine,
      @Nullable ReplayEngine other,
      DecisionWriter writer,
      JsonGenerator dead,
      Counts counts,
      PrintStream err)
      throws IOException {
    boolean finished = false;
    RecordReader<PaymentEvent> reader = records.reader();
    try {
      Progress progress =
          new Progress(
              err, o.progress() && Progress.stderrIsTerminal(), reader::bytesRead, reader.size());
      InputRecord<PaymentEvent> record;
      while ((record = records.next()) != null) {
        counts.payments++;
        progress.update(counts.payments);
        if (record.value() == null) {
          deadLetter(dead, o.payments(), record, "DECODE", record.error());
          counts.deadLetters++;
          continue;
        }
        ReplayEngine.Outcome outcome = engine.process(record.value());
        ReplayEngine.Outcome otherOutcome = other == null ? null : other.process(record.value());
        if (outcome instanceof ReplayEngine.Outcome.Rejected rejected) {
          deadLetter(dead, o.payments(), record, "VALIDATE", rejected.reason());
          counts.deadLetters++;
          continue;
        }
        if (!(outcome instanceof ReplayEngine.Outcome.Decided decided)) {
          counts.duplicates++;
          continue;
        }
        writer.add(
            decided.decision(),
            otherOutcome instanceof ReplayEngine.Outcome.Decided otherDecided
                ? otherDecided.decision()
                : null,
            record);
      }
      engine.finish();
      if (other != null) {
        other.finish();
      }
      writer.finish();
      finished = true;
      progress.finish();
    } finally {
      if (!finished) {
        writer.abandon();
      }
    }
  }

  /** {@code summary.json}: the counts, the throughput and each model's statistics. */
  private static void writeSummary(
      ReplayOutput output, Options o, Counts counts, DecisionWriter writer, Result result)
      throws IOException {
    try (BufferedWriter summary = output.writer("summary.json");
        JsonGenerator out = JSON.createGenerator(summary).useDefaultPrettyPrinter()) {
      out.writeStartObject();
      out.writeStringField("payments", o.payments().toString());
      out.writeStringField("configVersion", o.scorer().rules().version());
      out.writeStringField("rules", String.valueOf(o.rules()));
      out.writeNumberField("inputRecords", counts.payments);
      out.writeNumberField("decided", result.decided());
      out.writeNumberField("deadLetters", counts.deadLetters);
      out.writeNumberField("duplicates", counts.duplicates);
      out.writeNumberField("feedDeadLetters", counts.feedDeadLetters);
      out.writeObjectFieldStart("enforcement");
      out.writeNumberField("verdicts", counts.verdicts);
      out.writeNumberField("deadLetteredVerdicts", counts.deadLetteredVerdicts);
      out.writeNumberField("accountActions", counts.accountActions);
      out.writeEndObject();
      if (o.labels() != null) {
        out.writeNumberField("badLabelLines", writer.labels().badLines());
      }
      out.writeObjectFieldStart("throughput");
      out.writeNumberField("seconds", Math.round(result.seconds() * 1000) / 1000.0);
      out.writeNumberField("paymentsPerSecond", Math.round(result.rate()));
      out.writeEndObject();
      writer.stats.write(out);
      if (o.compareScorer() != null) {
        out.writeObjectFieldStart("compare");
        out.writeStringField("configVersion", o.compareScorer().rules().version());
        out.writeStringField("rules", String.valueOf(o.compareRules()));
        out.writeNumberField("differing", result.diffs());
        out.writeObjectFieldStart("moved");
        for (Map.Entry<String, Long> e : writer.moved.entrySet()) {
          out.writeNumberField(e.getKey(), e.getValue());
        }
        out.writeEndObject();
        writer.otherStats.write(out);
        out.writeEndObject();
      }
      out.writeEndObject();
    }
  }

  /**
   * The ladder's account actions to {@code account-actions.jsonl}; unusable verdicts to the dead
   * letters.
   */
  private static final class EnforcementFile implements ReplayEngine.EnforcementSink {
    private final BufferedWriter actions;
    private final JsonGenerator dead;
    private final @Nullable Path verdictsFile;
    private final Map<ReviewVerdict, Long> verdictLines;
    private final Counts counts;

    EnforcementFile(
        BufferedWriter actions,
        JsonGenerator dead,
        @Nullable Path verdictsFile,
        Map<ReviewVerdict, Long> verdictLines,
        Counts counts) {
      this.actions = actions;
      this.dead = dead;
      this.verdictsFile = verdictsFile;
      this.verdictLines = verdictLines;
      this.counts = counts;
    }

    @Override
    public void action(AccountAction action) {
      counts.accountActions++;
      try {
        actions.write(AvroJson.toJson(action));
        actions.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void verdictDeadLettered(ReviewVerdict verdict, String reason) {
      counts.deadLetteredVerdicts++;
      try {
        deadLetter(
            dead,
            Objects.requireNonNull(verdictsFile, "the verdicts file a verdict came from"),
            Objects.requireNonNull(verdictLines.get(verdict), "the line of a verdict read"),
            AvroJson.toJson(verdict),
            "VALIDATE",
            reason);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Loads a feed file; undecodable and unusable records go to the dead letters, as the live feeds'
   * do.
   */
  private static <T extends SpecificRecord> long loadFeed(
      @Nullable Path file,
      Class<T> type,
      Function<T, @Nullable String> validation,
      Consumer<T> sink,
      JsonGenerator dead,
      RecordReader.Limits limits)
      throws IOException {
    return loadFeed(file, type, validation, sink, dead, limits, null);
  }

  /** Likewise, noting each record's line in {@code lines} (when given). */
  private static <T extends SpecificRecord> long loadFeed(
      @Nullable Path file,
      Class<T> type,
      Function<T, @Nullable String> validation,
      Consumer<T> sink,
      JsonGenerator dead,
      RecordReader.Limits limits,
      @Nullable Map<T, Long> lines)
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
      JsonGenerator out, Path file, InputRecord<?> record, String stage, @Nullable String error)
      throws IOException {
    String text = record.input();
    if (text == null && record.value() instanceof SpecificRecord value) {
      text = AvroJson.toJson(value);
    }
    deadLetter(out, file, record.line(), text, stage, error);
  }

  private static void deadLetter(
      JsonGenerator out,
      Path file,
      long line,
      @Nullable String text,
      String stage,
      @Nullable String error)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("file", file.getFileName().toString());
    out.writeNumberField("line", line);
    out.writeStringField("input", text);
    out.writeStringField("stage", stage);
    out.writeStringField("error", error);
    out.writeEndObject();
  }

  static void writeDiff(
      JsonGenerator out, ScreeningDecision a, ScreeningDecision b, Labels.@Nullable Label label)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("transactionId", a.getTransactionId());
    out.writeStringField(
        "eventTime", Instant.ofEpochMilli(a.getPayment().getEventTime().toEpochMilli()).toString());
    if (label != null) {
      out.writeBooleanField("crypto", label.crypto());
    }
    out.writeStringField("moved", a.getDecision() + " -> " + b.getDecision());
    writeSide(out, "a", a);
    writeSide(out, "b", b);
    out.writeEndObject();
  }

  private static void writeSide(JsonGenerator out, String name, ScreeningDecision d)
      throws IOException {
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
        r.blocked(),
        r.flagged(),
        r.cleared(),
        r.duplicates(),
        r.deadLetters(),
        r.diffs() > 0 ? String.format(Locale.ROOT, ", %,d differ", r.diffs()) : "",
        out);
  }
}
