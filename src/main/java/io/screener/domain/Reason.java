package io.screener.domain;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One piece of evidence behind a score: its code, the points it added (negative for evidence
 * against) and a sentence a reviewer understands, e.g. "payee received 86,160.00 CNY from 9
 * distinct payers in 6h".
 *
 * <p>The sentence is written when it is first read ({@link #detail()}), not while scoring: scoring
 * is the latency-critical step and most of its cost for a suspicious payment was building these
 * sentences; they are read once, when the decision record is written. Equality is by code, points
 * and sentence.
 */
public final class Reason {
  /** Writes a reason's sentence on demand from what the signal saw. */
  @FunctionalInterface
  public interface Detail {
    String text();
  }

  private final ReasonCode code;
  private final int points;
  private final @Nullable Detail detail;
  private @Nullable String text;

  public Reason(ReasonCode code, int points, String detail) {
    this.code = Objects.requireNonNull(code, "code");
    this.points = points;
    this.text = Objects.requireNonNull(detail, "detail");
    this.detail = null;
  }

  public Reason(ReasonCode code, int points, Detail detail) {
    this.code = Objects.requireNonNull(code, "code");
    this.points = points;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public ReasonCode code() {
    return code;
  }

  public int points() {
    return points;
  }

  /** The sentence; written on first call (a benign race: every thread writes the same text). */
  public String detail() {
    String written = text;
    if (written == null) {
      written = Objects.requireNonNull(detail, "a reason has its text or its detail").text();
      text = written;
    }
    return written;
  }

  /** The same reason worth {@code newPoints}, its sentence followed by {@code note}. */
  Reason withPoints(int newPoints, String note) {
    return new Reason(code, newPoints, () -> detail() + note);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reason other
        && code == other.code
        && points == other.points
        && detail().equals(other.detail());
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, points, detail());
  }

  @Override
  public String toString() {
    return "Reason[code=" + code + ", points=" + points + ", detail=" + detail() + "]";
  }
}
