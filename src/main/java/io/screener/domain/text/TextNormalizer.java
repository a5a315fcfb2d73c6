package io.screener.domain.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Normalizes merchant descriptors and payment memos for keyword matching.
 *
 * <p>The result is Unicode NFKC (so full-width Latin letters and digits become ASCII), lowercased
 * locale-independently, with every run of characters that are not letters or digits collapsed to a
 * single ASCII space and no leading or trailing space. Chinese, Japanese and Korean characters are
 * kept as they are. Examples: {@code "ＢＩＮＡＮＣＥ*Card"} becomes {@code "binance card"}, {@code
 * "买U，1000"} becomes {@code "买u 1000"}.
 *
 * <p>Combining marks and letter-numbers (such as {@code 〇}) count as letters, so words in scripts
 * that write vowels as marks (Thai, Devanagari) are not split apart.
 *
 * <p>Lowercasing uses {@link Character#toLowerCase(int)}: like {@code Locale.ROOT} it ignores the
 * default locale (no Turkish dotless-i surprises), and it maps one code point to one, so {@code İ}
 * becomes a plain {@code i} instead of {@code i} plus a combining dot.
 *
 * <p>Pure ASCII input skips NFKC, and already normalized ASCII costs one scan and no allocation.
 */
public final class TextNormalizer {

  private static final int NOT_ASCII = 0;
  private static final int ASCII = 1;
  private static final int ALREADY_NORMALIZED = 2;

  private TextNormalizer() {}

  /**
   * Returns the normalized form of {@code text}; an already normalized ASCII {@link String} is
   * returned as the same instance.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static String normalize(CharSequence text) {
    Objects.requireNonNull(text, "text");
    int length = text.length();
    if (length == 0) {
      return "";
    }
    int state = asciiState(text);
    if (state == ALREADY_NORMALIZED && text instanceof String s) {
      return s;
    }
    CharSequence source =
        nfkcStable(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    int[] size = new int[1];
    char[] out = collapse(source, new char[source.length()], size);
    return new String(out, 0, size[0]);
  }

  /**
   * Writes the normalized form of {@code text} into {@code buffer} (grown when too small) and
   * returns the buffer written, with its length in {@code length[0]}: the same result as {@link
   * #normalize}, without allocating for text of ASCII and common Chinese characters (those NFKC
   * leaves as they are).
   */
  public static char[] normalizeInto(CharSequence text, char[] buffer, int[] length) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    CharSequence source = text;
    if (!nfkcStable(text)) {
      source = Normalizer.normalize(text, Normalizer.Form.NFKC);
      n = source.length();
    }
    char[] out = buffer.length >= n ? buffer : new char[Math.max(n, buffer.length * 2)];
    return collapse(source, out, length);
  }

  /**
   * Whether NFKC leaves {@code text} unchanged for certain: only ASCII and CJK unified ideographs.
   */
  private static boolean nfkcStable(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && (c < 0x4E00 || c > 0x9FFF)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for {@code a-z} and {@code 0-9}, the characters whose neighbours decide word boundaries.
   */
  static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Collapses {@code source} into {@code out} (at least as long); returns the array written. */
  private static char[] collapse(CharSequence source, char[] out, int[] written) {
    int length = source.length();
    // Each emitted space replaces at least one separator, so output fits unless lowercasing grows a
    // code point from one char to two, which ensureRoom covers.
    int size = 0;
    boolean pendingSeparator = false;
    int i = 0;
    while (i < length) {
      char c = source.charAt(i);
      if (c < 0x80) {
        i++;
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + ('a' - 'A'));
        } else if (!isAsciiLetterOrDigit(c)) {
          pendingSeparator = true;
          continue;
        }
        if (pendingSeparator && size > 0) {
          out[size++] = ' ';
        }
        pendingSeparator = false;
        out[size++] = c;
      } else if (c >= 0x4E00 && c <= 0x9FFF) {
        // CJK unified ideographs, the bulk of Chinese text: caseless letters, no lookup needed.
        i++;
        if (pendingSeparator && size > 0) {
          out[size++] = ' ';
        }
        pendingSeparator = false;
        out[size++] = c;
      } else {
        int cp = Character.codePointAt(source, i);
        i += Character.charCount(cp);
        if (!isWordCodePoint(cp)) {
          pendingSeparator = true;
          continue;
        }
        int lower = Character.toLowerCase(cp);
        out = ensureRoom(out, size, 3);
        if (pendingSeparator && size > 0) {
          out[size++] = ' ';
        }
        pendingSeparator = false;
        size += Character.toChars(lower, out, size);
      }
    }
    written[0] = size;
    return out;
  }

  private static char[] ensureRoom(char[] buffer, int size, int needed) {
    return size + needed <= buffer.length
        ? buffer
        : Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + needed));
  }

  private static boolean isWordCodePoint(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.LETTER_NUMBER;
  }

  /** Classifies non-empty text in one pass, so already normalized input costs a single scan. */
  private static int asciiState(CharSequence text) {
    int n = text.length();
    boolean normalized = text.charAt(0) != ' ' && text.charAt(n - 1) != ' ';
    char previous = 'a';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return NOT_ASCII;
      }
      if (c == ' ') {
        normalized &= previous != ' ';
      } else {
        normalized &= isAsciiLetterOrDigit(c);
      }
      previous = c;
    }
    return normalized ? ALREADY_NORMALIZED : ASCII;
  }
}
