package io.screener.domain.text;

import java.util.Objects;

/**
 * One keyword occurrence found by a {@link KeywordIndex}.
 *
 * <p>{@code start} and {@code end} (exclusive) index into the <em>normalized</em> text, i.e. {@code
 * TextNormalizer.normalize(text)}, not into the raw input: NFKC and separator collapsing change
 * lengths. {@code term} is the normalized term. For an ordinary hit {@code
 * normalized.substring(start, end)} equals {@code term}; for a separator-insensitive hit from
 * {@link KeywordIndex#findCompact(String)} the span may also contain spaces the term lacks (or lack
 * spaces the term has), which {@link #isCompact(String)} tells apart.
 *
 * @param term the normalized term that matched
 * @param value the value the term was added with
 * @param start first char of the match in the normalized text
 * @param end one past the last char of the match in the normalized text
 * @param <T> value type
 */
public record Hit<T>(String term, T value, int start, int end) {

  /** Validates the span. */
  public Hit {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(value, "value");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  /**
   * Whether this hit only matched with separators ignored, given the normalized text it was found
   * in.
   */
  public boolean isCompact(String normalizedText) {
    return end - start != term.length()
        || !normalizedText.regionMatches(start, term, 0, term.length());
  }
}
