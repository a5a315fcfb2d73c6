package io.screener.replay;

import io.screener.avro.Decision;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * report.html: one self-contained page (inline SVG and CSS, no scripts, no network) with the score
 * distribution by label, decisions over time, the top reasons and precision/recall against the
 * score threshold.
 */
final class ReplayReport {
  private static final int W = 720;
  private static final int H = 240;
  private static final int PAD = 40;
  private static final String[] DECISION_COLOURS = {"#c0392b", "#e67e22", "#7f8c8d"};

  private ReplayReport() {}

  static void write(
      Writer out,
      Replay.Options o,
      Replay.Result r,
      ReplayStats a,
      @Nullable ReplayStats b,
      Map<String, Long> moved)
      throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Replay report</title>\n")
        .append(
            "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:800px;color:#222}")
        .append(
            "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}table{border-collapse:collapse}")
        .append(
            "td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}th{text-align:left}")
        .append(
            "svg{background:#fafafa;border:1px solid #eee}.k{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}")
        .append("</style></head><body>\n");
    h.append("<h1>Replay of ").append(esc(o.payments().getFileName().toString())).append("</h1>\n");
    h.append("<p>Rules ").append(esc(o.scorer().rules().version()));
    if (b != null) {
      h.append(" compared with ")
          .append(
              esc(
                  Objects.requireNonNull(o.compareScorer(), "the rules compared with")
                      .rules()
                      .version()));
    }
    h.append(
        String.format(
            Locale.ROOT,
            ". %,d input records, %,d decided, %,d duplicates, %,d dead letters, %.1f s (%,.0f/s).</p>\n",
            r.payments(),
            r.decided(),
            r.duplicates(),
            r.deadLetters(),
            r.seconds(),
            r.rate()));
    h.append("<table><tr><th>decision</th><th>payments</th>");
    if (a.labelled()) {
      h.append("<th>crypto</th><th>not crypto</th>");
    }
    h.append("</tr>\n");
    for (Decision d : Decision.values()) {
      h.append("<tr><th>")
          .append(d)
          .append("</th><td>")
          .append(a.decisions[d.ordinal()])
          .append("</td>");
      if (a.labelled()) {
        h.append("<td>")
            .append(a.confusion[0][d.ordinal()])
            .append("</td><td>")
            .append(a.confusion[1][d.ordinal()])
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    if (a.labelled()) {
      h.append(
          String.format(
              Locale.ROOT,
              "<p>Flag or block: precision %s, recall %s. Block: precision %s, recall %s.</p>\n",
              pct(a.precision(false)),
              pct(a.recall(false)),
              pct(a.precision(true)),
              pct(a.recall(true))));
    }
    if (b != null) {
      h.append(
          "<h2>What-if: moved decisions</h2><table><tr><th>moved</th><th>payments</th></tr>\n");
      for (Map.Entry<String, Long> e : moved.entrySet()) {
        h.append("<tr><th>")
            .append(esc(e.getKey()))
            .append("</th><td>")
            .append(e.getValue())
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
      if (b.labelled()) {
        h.append(
            String.format(
                Locale.ROOT,
                "<p>B, flag or block: precision %s, recall %s. Block: precision %s, recall %s.</p>\n",
                pct(b.precision(false)),
                pct(b.recall(false)),
                pct(b.precision(true)),
                pct(b.recall(true))));
      }
    }
    scoreDistribution(h, a);
    timeline(h, a);
    topReasons(h, a);
    if (a.labelled()) {
      precisionRecall(h, a, o);
    }
    h.append("</body></html>\n");
    out.write(h.toString());
  }

  private static void scoreDistribution(StringBuilder h, ReplayStats s) {
    h.append("<h2>Score distribution by label</h2>\n");
    String[] names = {"crypto", "not crypto", "unlabelled"};
    String[] colours = {"#c0392b", "#2980b9", "#95a5a6"};
    double max = 1;
    for (long[] row : s.scoreHistogram) {
      for (long n : row) {
        max = Math.max(max, Math.log10(1 + (double) n));
      }
    }
    svgStart(h);
    axes(h, "score", "payments (log scale)");
    double bw = (W - 2.0 * PAD) / ReplayStats.SCORES / 3;
    for (int label = 0; label < 3; label++) {
      for (int score = 0; score < ReplayStats.SCORES; score++) {
        long n = s.scoreHistogram[label][score];
        if (n == 0) {
          continue;
        }
        double height = Math.log10(1 + (double) n) / max * (H - 2 * PAD);
        double x = PAD + score * bw * 3 + label * bw;
        h.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"><title>score %d, %s: %d</title></rect>\n",
                x,
                H - PAD - height,
                bw,
                height,
                colours[label],
                score,
                names[label],
                n));
      }
    }
    for (int t = 0; t <= 100; t += 20) {
      label(h, PAD + t * bw * 3, H - PAD + 14, Integer.toString(t));
    }
    h.append("</svg>\n<div>");
    for (int i = 0; i < 3; i++) {
      h.append("<span class=\"k\" style=\"background:")
          .append(colours[i])
          .append("\"></span>")
          .append(names[i]);
    }
    h.append("</div>\n");
  }

  private static void timeline(StringBuilder h, ReplayStats s) {
    h.append("<h2>Decisions over time (event time)</h2>\n");
    if (s.timeline.isEmpty()) {
      h.append("<p>No decisions.</p>\n");
      return;
    }
    long first = s.timeline.firstKey();
    long last = s.timeline.lastKey();
    long hour = 3_600_000L;
    long bucket = hour;
    long[] sizes = {hour, 6 * hour, 24 * hour, 7 * 24 * hour, 30 * 24 * hour, 365 * 24 * hour};
    for (long size : sizes) {
      bucket = size;
      if ((last - first) / size < 150) {
        break;
      }
    }
    int n = (int) ((last - first) / bucket) + 1;
    long[][] counts = new long[n][3];
    for (Map.Entry<Long, long[]> e : s.timeline.entrySet()) {
      int i = (int) ((e.getKey() - first) / bucket);
      for (int d = 0; d < 3; d++) {
        counts[i][d] += e.getValue()[d];
      }
    }
    long max = 1;
    for (long[] c : counts) {
      max = Math.max(max, c[0] + c[1] + c[2]);
    }
    svgStart(h);
    axes(
        h,
        "per "
            + (bucket / hour >= 24 ? bucket / hour / 24 + " day(s)" : bucket / hour + " hour(s)"),
        "payments");
    double bw = (W - 2.0 * PAD) / n;
    for (int i = 0; i < n; i++) {
      double y = H - PAD;
      for (int d = 2; d >= 0; d--) {
        double height = counts[i][d] / (double) max * (H - 2 * PAD);
        if (height > 0) {
          y -= height;
          h.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>\n",
                  PAD + i * bw,
                  y,
                  Math.max(0.5, bw - 0.5),
                  height,
                  DECISION_COLOURS[d],
                  Instant.ofEpochMilli(first + i * bucket),
                  Decision.values()[d],
                  counts[i][d]));
        }
      }
    }
    label(h, PAD, H - PAD + 14, Instant.ofEpochMilli(first).toString().substring(0, 10));
    label(h, W - PAD - 60, H - PAD + 14, Instant.ofEpochMilli(last).toString().substring(0, 10));
    label(h, 2, PAD, Long.toString(max));
    h.append("</svg>\n<div>");
    for (Decision d : Decision.values()) {
      h.append("<span class=\"k\" style=\"background:")
          .append(DECISION_COLOURS[d.ordinal()])
          .append("\"></span>")
          .append(d);
    }
    h.append("</div>\n");
  }

  private static void topReasons(StringBuilder h, ReplayStats s) {
    h.append("<h2>Top reasons</h2>\n");
    List<Map.Entry<String, Long>> top = new ArrayList<>(s.reasons.entrySet());
    top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    top = top.subList(0, Math.min(15, top.size()));
    if (top.isEmpty()) {
      h.append("<p>No reasons.</p>\n");
      return;
    }
    long max = top.get(0).getValue();
    int rowH = 18;
    int height = top.size() * rowH + 10;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(height)
        .append("\">\n");
    for (int i = 0; i < top.size(); i++) {
      double width = top.get(i).getValue() / (double) max * (W - 300);
      int y = 5 + i * rowH;
      label(h, 5, y + 13, top.get(i).getKey());
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#8e44ad\"></rect>\n",
              y + 2,
              width,
              rowH - 4));
      label(h, 225 + width, y + 13, String.format(Locale.ROOT, "%,d", top.get(i).getValue()));
    }
    h.append("</svg>\n");
  }

  private static void precisionRecall(StringBuilder h, ReplayStats s, Replay.Options o) {
    h.append("<h2>Precision and recall against the score threshold</h2>\n");
    svgStart(h);
    axes(h, "threshold (payments scoring at least this are caught)", "");
    StringBuilder precision = new StringBuilder();
    StringBuilder recall = new StringBuilder();
    double step = (W - 2.0 * PAD) / 100;
    for (ReplayStats.Threshold t : s.thresholds()) {
      double x = PAD + t.score() * step;
      if (t.precision() != null) {
        precision.append(
            String.format(Locale.ROOT, "%.1f,%.1f ", x, H - PAD - t.precision() * (H - 2 * PAD)));
      }
      if (t.recall() != null) {
        recall.append(
            String.format(Locale.ROOT, "%.1f,%.1f ", x, H - PAD - t.recall() * (H - 2 * PAD)));
      }
    }
    h.append("<polyline fill=\"none\" stroke=\"#27ae60\" stroke-width=\"2\" points=\"")
        .append(precision)
        .append("\"/>\n");
    h.append("<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"")
        .append(recall)
        .append("\"/>\n");
    int[] marks = {o.scorer().rules().flagThreshold(), o.scorer().rules().blockThreshold()};
    String[] names = {"flag", "block"};
    for (int i = 0; i < 2; i++) {
      double x = PAD + marks[i] * step;
      h.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n",
              x,
              x,
              PAD,
              H - PAD));
      label(h, x + 3, PAD + 12, names[i] + " " + marks[i]);
    }
    for (int t = 0; t <= 100; t += 20) {
      label(h, PAD + t * step, H - PAD + 14, Integer.toString(t));
    }
    label(h, 5, PAD + 4, "1.0");
    label(h, 5, H - PAD, "0");
    h.append("</svg>\n<div><span class=\"k\" style=\"background:#27ae60\"></span>precision")
        .append("<span class=\"k\" style=\"background:#c0392b\"></span>recall</div>\n");
    h.append(
            "<details><summary>Table</summary><table><tr><th>threshold</th><th>precision</th><th>recall</th>")
        .append("<th>true positives</th><th>false positives</th></tr>\n");
    for (ReplayStats.Threshold t : s.thresholds()) {
      if (t.score() % 5 == 0) {
        h.append("<tr><td>")
            .append(t.score())
            .append("</td><td>")
            .append(pct(t.precision()))
            .append("</td><td>")
            .append(pct(t.recall()))
            .append("</td><td>")
            .append(t.truePositives())
            .append("</td><td>")
            .append(t.falsePositives())
            .append("</td></tr>\n");
      }
    }
    h.append("</table></details>\n");
  }

  private static void svgStart(StringBuilder h) {
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\">\n");
  }

  private static void axes(StringBuilder h, String x, String y) {
    h.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
            PAD,
            H - PAD,
            W - PAD,
            H - PAD,
            PAD,
            PAD,
            PAD,
            H - PAD));
    label(h, W / 2.0 - 60, H - 8, x);
    label(h, PAD, PAD - 10, y);
  }

  private static void label(StringBuilder h, double x, double y, String text) {
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>\n",
            x,
            y,
            esc(text)));
  }

  private static String pct(@Nullable Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
