package io.screener.console;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The queue's filters and order, from the page's query string.
 *
 * @param decision FLAG, BLOCK, or empty for both
 * @param category a policy category, or empty for any
 * @param reason a reason code the decision must have, or empty for any
 * @param order {@code newest} or {@code score}
 * @param open only payments without a verdict
 * @param limit how many to show at most
 */
public record QueueQuery(
    String decision, String category, String reason, String order, boolean open, int limit) {
  public static final int DEFAULT_LIMIT = 100;

  public static final QueueQuery ALL = new QueueQuery("", "", "", "newest", false, DEFAULT_LIMIT);

  /** A query from request parameters; anything unknown falls back to no filter. */
  public static QueueQuery of(
      @Nullable String decision,
      @Nullable String category,
      @Nullable String reason,
      @Nullable String order,
      @Nullable String open) {
    String d = clean(decision).toUpperCase(Locale.ROOT);
    return new QueueQuery(
        d.equals("FLAG") || d.equals("BLOCK") ? d : "",
        clean(category).toUpperCase(Locale.ROOT),
        clean(reason).toUpperCase(Locale.ROOT),
        "score".equals(order) ? "score" : "newest",
        "on".equals(open) || "true".equals(open),
        DEFAULT_LIMIT);
  }

  public boolean byScore() {
    return order.equals("score");
  }

  private static String clean(@Nullable String value) {
    return value == null ? "" : value.trim();
  }
}
