package io.screener.replay;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One record read from an input file: its decoded value, or why it could not be decoded.
 *
 * @param line 1-based line number (record number for Avro files)
 * @param text the line as read (for dead letters); null for an Avro record, and for a line kept as
 *     {@code json} instead
 * @param value the decoded record, or null when {@code error} is set
 * @param error why the line is not a record, or null
 * @param crypto the line's own {@code crypto} label, or null when it has none
 * @param scenario the line's own {@code scenario} label, or null
 * @param json the line's bytes when it is the value's canonical JSON (see {@link
 *     ReplayJson#canonicalPayment}), so a decision can copy it instead of encoding the payment;
 *     otherwise null
 */
public record InputRecord<T>(
    long line,
    @Nullable String text,
    @Nullable T value,
    @Nullable String error,
    @Nullable Boolean crypto,
    @Nullable String scenario,
    byte @Nullable [] json) {
  InputRecord(
      long line,
      @Nullable String text,
      @Nullable T value,
      @Nullable String error,
      @Nullable Boolean crypto,
      @Nullable String scenario) {
    this(line, text, value, error, crypto, scenario, null);
  }

  /** The line as read, or null when the record did not come from a line (Avro). */
  public @Nullable String input() {
    if (text != null || json == null) {
      return text;
    }
    return new String(json, StandardCharsets.UTF_8);
  }
}
