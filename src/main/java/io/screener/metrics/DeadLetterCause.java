package io.screener.metrics;

import io.screener.screening.DeadLetterStage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a dead-letter reason to a short, bounded cause for a metric tag: a decode failure by its
 * kind, a validation failure by the field it names. The full reason stays in the dead-letter
 * record's headers; as a tag it would make one time series per offending value.
 */
final class DeadLetterCause {
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");

  private DeadLetterCause() {}

  static String of(DeadLetterStage stage, String reason) {
    String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (stage == DeadLetterStage.DECODE) {
      if (text.startsWith("record has no value")) {
        return "no-value";
      }
      if (text.startsWith("not avro")) {
        return "not-avro";
      }
      if (text.startsWith("unknown schema")) {
        return "unknown-schema";
      }
      if (text.startsWith("truncated or corrupt")) {
        return "corrupt";
      }
      if (text.startsWith("invalid ")) {
        return "invalid-value";
      }
      return text.contains("schema") ? "unreadable-schema" : "other";
    }
    String first = reason == null ? "" : reason.split(" ", 2)[0];
    return FIELD.matcher(first).matches() ? first : "other";
  }
}
