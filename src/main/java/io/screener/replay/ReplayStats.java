package io.screener.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import io.screener.avro.Decision;
import io.screener.avro.Reason;
import io.screener.avro.ScreeningDecision;
import io.screener.domain.Evidence;
import io.screener.domain.ReasonCode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What one configuration did over a replay: counts per decision, category and reason, the score
 * histogram, decisions per hour of event time and, for labelled payments, the confusion matrix and
 * precision and recall at every score threshold. Fixed size apart from the hourly timeline and the
 * per-category, per-reason and per-scenario maps.
 */
public final class ReplayStats {
  static final int SCORES = 101;
  private static final long HOUR = 3_600_000L;

  /** The reasons that say an account's enforcement status barred the payment. */
  private static final Set<String> STATUS_REASONS =
      Arrays.stream(ReasonCode.values())
          .filter(code -> code.evidence() == Evidence.ENFORCEMENT)
          .map(Enum::name)
          .collect(Collectors.toUnmodifiableSet());

  /** Label index: 0 crypto, 1 not crypto, 2 unlabelled. */
  final long[][] scoreHistogram = new long[3][SCORES];

  /** [label 0..2][decision ordinal BLOCK, FLAG, CLEAR]. */
  final long[][] confusion = new long[3][3];

  final long[] decisions = new long[3];

  /** Blocks with an account's enforcement status among the reasons, by label index. */
  final long[] blockedByStatus = new long[3];

  final Map<String, Long> categories = new TreeMap<>();
  final Map<String, Long> reasons = new TreeMap<>();

  /** Per scenario: total, crypto, flagged, blocked. */
  final Map<String, long[]> scenarios = new TreeMap<>();

  /** Per hour of event time: blocked, flagged, cleared. */
  final TreeMap<Long, long[]> timeline = new TreeMap<>();

  long decided;
  // The hour the last decision fell in and its counts: payments come in about event-time order.
  private long lastHour = Long.MIN_VALUE;
  private long @Nullable [] lastHourCounts;

  void add(ScreeningDecision d, Labels.@Nullable Label label) {
    int decision = d.getDecision().ordinal();
    int labelIndex = label == null ? 2 : label.crypto() ? 0 : 1;
    decided++;
    decisions[decision]++;
    confusion[labelIndex][decision]++;
    scoreHistogram[labelIndex][Math.max(0, Math.min(100, d.getScore()))]++;
    if (d.getCategory() != null) {
      categories.merge(d.getCategory().name(), 1L, Long::sum);
    }
    boolean byStatus = false;
    for (Reason reason : d.getReasons()) {
      reasons.merge(reason.getCode(), 1L, Long::sum);
      byStatus |= reason.getPoints() > 0 && STATUS_REASONS.contains(reason.getCode());
    }
    if (byStatus && d.getDecision() == Decision.BLOCK) {
      blockedByStatus[labelIndex]++;
    }
    long hour = Math.floorDiv(d.getPayment().getEventTime().toEpochMilli(), HOUR) * HOUR;
    long[] hourCounts = lastHourCounts;
    if (hour != lastHour || hourCounts == null) {
      lastHour = hour;
      hourCounts = timeline.computeIfAbsent(hour, h -> new long[3]);
      lastHourCounts = hourCounts;
    }
    hourCounts[decision]++;
    if (label != null && label.scenario() != null) {
      long[] s = scenarios.computeIfAbsent(label.scenario(), k -> new long[4]);
      s[0]++;
      if (label.crypto()) {
        s[1]++;
      }
      if (d.getDecision() == Decision.FLAG) {
        s[2]++;
      } else if (d.getDecision() == Decision.BLOCK) {
        s[3]++;
      }
    }
  }

  boolean labelled() {
    return confusion[0][0]
            + confusion[0][1]
            + confusion[0][2]
            + confusion[1][0]
            + confusion[1][1]
            + confusion[1][2]
        > 0;
  }

  /** Writes the counts, and the label measures when any payment was labelled, as JSON fields. */
  void write(JsonGenerator out) throws IOException {
    out.writeObjectFieldStart("decisions");
    for (Decision d : Decision.values()) {
      out.writeNumberField(d.name(), decisions[d.ordinal()]);
    }
    out.writeEndObject();
    writeCounts(out, "categories", categories);
    writeCounts(out, "reasons", reasons);
    out.writeObjectFieldStart("blockedByAccountStatus");
    out.writeNumberField("total", blockedByStatus[0] + blockedByStatus[1] + blockedByStatus[2]);
    if (labelled()) {
      out.writeNumberField("crypto", blockedByStatus[0]);
      out.writeNumberField("notCrypto", blockedByStatus[1]);
    }
    out.writeEndObject();
    out.writeArrayFieldStart("scoreHistogram");
    for (int s = 0; s < SCORES; s++) {
      out.writeNumber(scoreHistogram[0][s] + scoreHistogram[1][s] + scoreHistogram[2][s]);
    }
    out.writeEndArray();
    if (!labelled()) {
      return;
    }
    out.writeObjectFieldStart("labels");
    long crypto = confusion[0][0] + confusion[0][1] + confusion[0][2];
    long other = confusion[1][0] + confusion[1][1] + confusion[1][2];
    out.writeNumberField("crypto", crypto);
    out.writeNumberField("notCrypto", other);
    out.writeNumberField("unlabelled", confusion[2][0] + confusion[2][1] + confusion[2][2]);
    out.writeObjectFieldStart("confusionMatrix");
    String[] rows = {"crypto", "notCrypto"};
    for (int r = 0; r < 2; r++) {
      out.writeObjectFieldStart(rows[r]);
      for (Decision d : Decision.values()) {
        out.writeNumberField(d.name(), confusion[r][d.ordinal()]);
      }
      out.writeEndObject();
    }
    out.writeEndObject();
    writeMeasure(
        out,
        "flagOrBlock",
        confusion[0][0] + confusion[0][1],
        confusion[1][0] + confusion[1][1],
        crypto);
    writeMeasure(out, "block", confusion[0][0], confusion[1][0], crypto);
    out.writeArrayFieldStart("scoreHistogramCrypto");
    for (long n : scoreHistogram[0]) {
      out.writeNumber(n);
    }
    out.writeEndArray();
    out.writeArrayFieldStart("scoreHistogramNotCrypto");
    for (long n : scoreHistogram[1]) {
      out.writeNumber(n);
    }
    out.writeEndArray();
    out.writeArrayFieldStart("thresholds");
    for (Threshold t : thresholds()) {
      out.writeStartObject();
      out.writeNumberField("score", t.score);
      out.writeNumberField("truePositives", t.truePositives);
      out.writeNumberField("falsePositives", t.falsePositives);
      writeRatio(out, "precision", t.precision());
      writeRatio(out, "recall", t.recall());
      out.writeEndObject();
    }
    out.writeEndArray();
    if (!scenarios.isEmpty()) {
      out.writeObjectFieldStart("scenarios");
      for (Map.Entry<String, long[]> e : scenarios.entrySet()) {
        long[] s = e.getValue();
        out.writeObjectFieldStart(e.getKey());
        out.writeNumberField("payments", s[0]);
        out.writeNumberField("crypto", s[1]);
        out.writeNumberField("flagged", s[2]);
        out.writeNumberField("blocked", s[3]);
        // Recall is the share of this scenario's crypto payments caught; for an innocent scenario
        // the same share is its false-positive rate.
        writeRatio(out, s[1] > 0 ? "recall" : "falsePositiveRate", ratio(s[2] + s[3], s[0]));
        writeRatio(out, "blockedShare", ratio(s[3], s[0]));
        out.writeEndObject();
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  /** Precision and recall if every payment scoring at least t were caught, for t = 0..100. */
  Threshold[] thresholds() {
    long crypto = 0;
    for (long n : scoreHistogram[0]) {
      crypto += n;
    }
    Threshold[] out = new Threshold[SCORES];
    long tp = 0;
    long fp = 0;
    for (int s = SCORES - 1; s >= 0; s--) {
      tp += scoreHistogram[0][s];
      fp += scoreHistogram[1][s];
      out[s] = new Threshold(s, tp, fp, crypto);
    }
    return out;
  }

  /** One row of the threshold table. */
  record Threshold(int score, long truePositives, long falsePositives, long crypto) {
    @Nullable Double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    @Nullable Double recall() {
      return ratio(truePositives, crypto);
    }
  }

  @Nullable Double precision(boolean blockOnly) {
    long tp = confusion[0][0] + (blockOnly ? 0 : confusion[0][1]);
    long fp = confusion[1][0] + (blockOnly ? 0 : confusion[1][1]);
    return ratio(tp, tp + fp);
  }

  @Nullable Double recall(boolean blockOnly) {
    long tp = confusion[0][0] + (blockOnly ? 0 : confusion[0][1]);
    return ratio(tp, confusion[0][0] + confusion[0][1] + confusion[0][2]);
  }

  private static void writeMeasure(JsonGenerator out, String name, long tp, long fp, long positives)
      throws IOException {
    out.writeObjectFieldStart(name);
    out.writeNumberField("truePositives", tp);
    out.writeNumberField("falsePositives", fp);
    out.writeNumberField("falseNegatives", positives - tp);
    writeRatio(out, "precision", ratio(tp, tp + fp));
    writeRatio(out, "recall", ratio(tp, positives));
    out.writeEndObject();
  }

  static @Nullable Double ratio(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 1_000_000.0 / whole) / 1_000_000.0;
  }

  static void writeRatio(JsonGenerator out, String name, @Nullable Double value)
      throws IOException {
    if (value == null) {
      out.writeNullField(name);
    } else {
      out.writeNumberField(name, value);
    }
  }

  private static void writeCounts(JsonGenerator out, String name, Map<String, Long> counts)
      throws IOException {
    out.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      out.writeNumberField(e.getKey(), e.getValue());
    }
    out.writeEndObject();
  }
}
