package io.screener.generate;

import io.screener.serialization.AvroJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a history as the replay tool's input: JSON Lines files in one folder, one record per line
 * in {@link AvroJson}'s form (Avro field names, epoch-millis timestamps, enum names).
 *
 * <ul>
 *   <li>{@value #PAYMENTS}: {@code PaymentEvent}s sorted by event time, then transaction id
 *   <li>{@value #LABELS}: {@code
 *       {"transactionId":"...","crypto":true,"scenario":"otc-unlisted-dealer"}} per payment, in the
 *       same order
 *   <li>{@value #MERCHANTS}: {@code MerchantReputation}s, {@value #COUNTERPARTIES}: {@code
 *       CounterpartyReputation}s, {@value #QUOTES}: {@code CryptoQuote}s
 * </ul>
 *
 * <p>Each file is written under a temporary name in the folder and renamed when all are complete,
 * so a reader never sees a half-written history under the final names.
 */
public final class HistoryFiles {
  public static final String PAYMENTS = "payments.jsonl";
  public static final String LABELS = "labels.jsonl";
  public static final String MERCHANTS = "merchants.jsonl";
  public static final String COUNTERPARTIES = "counterparties.jsonl";
  public static final String QUOTES = "quotes.jsonl";

  private static final int BUFFER = 1 << 16;

  private HistoryFiles() {}

  /** Writes the history into {@code dir} (created if missing), replacing files of the same name. */
  public static HistorySummary write(HistoryGenerator history, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path[]> moves = new ArrayList<>();
    try {
      long merchants = writeAll(dir, MERCHANTS, history.merchantReputations().iterator(), moves);
      long counterparties =
          writeAll(dir, COUNTERPARTIES, history.counterpartyReputations().iterator(), moves);
      long quotes = writeAll(dir, QUOTES, history.quotes(), moves);
      HistorySummary summary =
          writePayments(history, dir, merchants, counterparties, quotes, moves);
      for (Path[] move : moves) {
        rename(move[0], move[1]);
      }
      return summary;
    } finally {
      for (Path[] move : moves) {
        Files.deleteIfExists(move[0]);
      }
    }
  }

  private static Path temp(Path dir, String name, List<Path[]> moves) throws IOException {
    Path temp = dir.resolve("." + name + ".tmp");
    moves.add(new Path[] {temp, dir.resolve(name)});
    return temp;
  }

  private static Writer open(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
  }

  private static long writeAll(
      Path dir, String name, Iterator<? extends SpecificRecord> records, List<Path[]> moves)
      throws IOException {
    long count = 0;
    try (Writer out = open(temp(dir, name, moves))) {
      while (records.hasNext()) {
        out.write(AvroJson.toJson(records.next()));
        out.write('\n');
        count++;
      }
    }
    return count;
  }

  private static HistorySummary writePayments(
      HistoryGenerator history,
      Path dir,
      long merchants,
      long counterparties,
      long quotes,
      List<Path[]> moves)
      throws IOException {
    Map<Scenario, Long> counts = new EnumMap<>(Scenario.class);
    long total = 0;
    Instant first = null;
    Instant last = null;
    try (Writer payments = open(temp(dir, PAYMENTS, moves));
        Writer labels = open(temp(dir, LABELS, moves))) {
      for (Iterator<LabeledPayment> it = history.payments(); it.hasNext(); ) {
        LabeledPayment labeled = it.next();
        payments.write(AvroJson.toJson(labeled.payment()));
        payments.write('\n');
        labels.write(labelLine(labeled));
        labels.write('\n');
        counts.merge(labeled.scenario(), 1L, Long::sum);
        if (first == null) {
          first = labeled.payment().getEventTime();
        }
        last = labeled.payment().getEventTime();
        total++;
      }
    }
    return new HistorySummary(total, counts, merchants, counterparties, quotes, first, last);
  }

  /** The label line; ids and scenario names are plain ASCII, so no escaping is needed. */
  static String labelLine(LabeledPayment labeled) {
    return "{\"transactionId\":\""
        + labeled.transactionId()
        + "\",\"crypto\":"
        + labeled.crypto()
        + ",\"scenario\":\""
        + labeled.scenario().label()
        + "\"}";
  }

  private static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
