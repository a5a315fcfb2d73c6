package io.screener.domain.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Finds every occurrence of a fixed set of keywords in a text, case- and punctuation-insensitively,
 * in Latin and CJK script, in time linear in the text length plus the number of hits (an
 * Aho-Corasick automaton, not a loop over the keywords).
 *
 * <p>Terms and texts are both normalized with {@link TextNormalizer}, so {@code "Binance.com"},
 * {@code "BINANCE COM"} and {@code "ｂｉｎａｎｃｅ－ｃｏｍ"} are the same term. Hit offsets index into the
 * normalized text.
 *
 * <h2>Word boundaries</h2>
 *
 * A term edge that is an ASCII letter or digit must sit on a word boundary in the text: the
 * neighbouring char must be absent, a separator, any non-ASCII char (so {@code "u"} matches {@code
 * "买u"}), or of the other kind of the two — <em>a switch between digit and letter is a
 * boundary</em>, because memos glue amounts to units ({@code "1000u"}, {@code "100usdt"}). So
 * {@code "u"} matches {@code "买u 1000"}, {@code "1000u"} and {@code "u 1000"} but not {@code "buy"}
 * or {@code "usdt"}. An edge that is not ASCII (Chinese has no spaces) matches anywhere: {@code
 * "币安"} matches {@code "在币安买"}.
 *
 * <h2>Separator-insensitive matching</h2>
 *
 * {@link #findCompact(String)} additionally matches terms against the text with its separators
 * removed, which catches brands split by punctuation or joined up ({@code "OK-X"}, {@code
 * "B.inance"}, {@code "币 安"}, {@code "gateio"} for the term {@code "gate io"}). Ignoring separators
 * makes accidental matches across word gaps possible, so such a hit must also cover whole tokens,
 * whatever the script: each end must be at the text edge, at a separator, or between chars of
 * different classes (ASCII letter, ASCII digit, anything else). So {@code "币安"} is not assembled
 * from {@code "人民币 安全"}, nor {@code "okx"} from {@code "book xyz"}. Only terms whose separator-free
 * form is at least {@link Builder#compactMinLength(int)} long take part (default {@value
 * #DEFAULT_COMPACT_MIN_LENGTH}, each non-ASCII code point counting two, since one ideograph carries
 * about as much as two letters). This is still riskier than word matching — whole words can spell a
 * term, {@code "okx"} in {@code "ok x-ray"}, {@code "bybit"} in {@code "by bit.ly"} — so use it for
 * merchant descriptors, where evasive spellings are the point, and weigh its hits accordingly
 * ({@link Hit#isCompact(String)}).
 *
 * <h2>Exclusions</h2>
 *
 * {@link Builder#exclude(String)} adds a term that is never reported but suppresses every hit that
 * overlaps it without strictly covering it. With {@code "币"} as a keyword and {@code "人民币"}
 * excluded, {@code "人民币"} (RMB) reports nothing, {@code "人民币安全"} does not report {@code "币安"}
 * either, but a keyword {@code "虚拟货币"} survives an exclusion {@code "货币"} inside it.
 *
 * <h2>Duplicates and order</h2>
 *
 * A term added again with another value keeps both: each occurrence yields one hit per value, in
 * insertion order. Adding the same (term, value) pair twice is a no-op. Hits are ordered by start,
 * longer span first at the same start, then word hits before separator-insensitive ones, then by
 * insertion order.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param <T> the value attached to each term, typically an enum naming its kind
 */
public final class KeywordIndex<T> {

  /** Default minimum weighted length for separator-insensitive matching. */
  public static final int DEFAULT_COMPACT_MIN_LENGTH = 3;

  private static final Comparator<Hit<?>> ORDER =
      Comparator.<Hit<?>>comparingInt(Hit::start)
          .thenComparing(Comparator.comparingInt(Hit<?>::end).reversed());

  private static final int CLASS_LETTER = 1;
  private static final int CLASS_DIGIT = 2;
  private static final int CLASS_OTHER = 3;

  private final String[] terms;
  private final Object[] values;
  private final boolean[] exclusion;
  private final boolean[] startNeedsBoundary;
  private final boolean[] endNeedsBoundary;
  private final int[] compactLength;
  private final boolean hasExclusions;
  private final int keywordCount;
  private final Automaton words;
  private final Automaton compact;

  private KeywordIndex(Builder<T> builder) {
    int n = builder.entryTerms.size();
    terms = builder.entryTerms.toArray(new String[0]);
    values = builder.entryValues.toArray();
    exclusion = new boolean[n];
    startNeedsBoundary = new boolean[n];
    endNeedsBoundary = new boolean[n];
    compactLength = new int[n];
    int[] ids = new int[n];
    List<String> compactTerms = new ArrayList<>();
    List<Integer> compactIds = new ArrayList<>();
    int keywords = 0;
    for (int e = 0; e < n; e++) {
      String term = terms[e];
      ids[e] = e;
      exclusion[e] = values[e] == null;
      if (!exclusion[e]) {
        keywords++;
      }
      startNeedsBoundary[e] = TextNormalizer.isAsciiLetterOrDigit(term.charAt(0));
      endNeedsBoundary[e] = TextNormalizer.isAsciiLetterOrDigit(term.charAt(term.length() - 1));
      String joined = term.replace(" ", "");
      compactLength[e] = joined.length();
      if (weightedLength(joined) >= builder.compactMinLength) {
        compactTerms.add(joined);
        compactIds.add(e);
      }
    }
    keywordCount = keywords;
    hasExclusions = keywords < n;
    words = Automaton.build(Arrays.asList(terms), ids);
    compact =
        Automaton.build(compactTerms, compactIds.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Returns a new, empty builder. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Number of (term, value) keywords, exclusions not counted. */
  public int size() {
    return keywordCount;
  }

  /**
   * All word-bounded keyword occurrences in {@code text}, after exclusions, ordered by start.
   *
   * @param text raw text; it is normalized here
   */
  public List<Hit<T>> find(String text) {
    Scratch scratch = Scratch.normalized(text);
    return toHits(scanWords(scratch.text, scratch.length[0], null, false));
  }

  /**
   * The hits of {@link #find(String)} plus those found with separators ignored; see the class
   * documentation for the rules.
   *
   * @param text raw text; it is normalized here
   */
  public List<Hit<T>> findCompact(String text) {
    Scratch scratch = Scratch.normalized(text);
    HitBuffer buffer = scanWords(scratch.text, scratch.length[0], null, false);
    return toHits(scanCompact(scratch, buffer));
  }

  /** Whether {@link #find(String)} would return at least one hit. */
  public boolean matchesAny(String text) {
    Scratch scratch = Scratch.normalized(text);
    if (!hasExclusions) {
      return scanWords(scratch.text, scratch.length[0], null, true) != null;
    }
    return !toHits(scanWords(scratch.text, scratch.length[0], null, false)).isEmpty();
  }

  /** The first hit of {@link #find(String)}: leftmost, and longest among those. */
  public Optional<Hit<T>> first(String text) {
    List<Hit<T>> hits = find(text);
    return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
  }

  /**
   * The hit whose value ranks highest; ties go to the longer term, then to the earlier hit.
   *
   * @param hits hits from this or any index
   * @param rank higher is stronger, e.g. {@code kind -> kind == EXCHANGE ? 3 : 1}
   */
  public static <T> Optional<Hit<T>> strongest(
      Collection<Hit<T>> hits, ToIntFunction<? super T> rank) {
    Hit<T> best = null;
    int bestRank = 0;
    for (Hit<T> hit : hits) {
      int r = rank.applyAsInt(hit.value());
      if (best == null
          || r > bestRank
          || (r == bestRank && hit.term().length() > best.term().length())
          || (r == bestRank
              && hit.term().length() == best.term().length()
              && hit.start() < best.start())) {
        best = hit;
        bestRank = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private @Nullable HitBuffer scanWords(
      char[] text, int n, @Nullable HitBuffer buffer, boolean stopAtFirst) {
    int state = 0;
    for (int i = 0; i < n; i++) {
      state = words.step(state, text[i]);
      for (int o = words.firstOutputState(state); o >= 0; o = words.nextOutputState(o)) {
        for (int k = words.outputStart(o), kEnd = words.outputEnd(o); k < kEnd; k++) {
          int e = words.outputId(k);
          int end = i + 1;
          int start = end - terms[e].length();
          if (startNeedsBoundary[e] && start > 0 && !isBoundary(text[start - 1], text[start])) {
            continue;
          }
          if (endNeedsBoundary[e] && end < n && !isBoundary(text[end - 1], text[end])) {
            continue;
          }
          buffer = HitBuffer.add(buffer, e, start, end);
          if (stopAtFirst) {
            return buffer;
          }
        }
      }
    }
    return buffer;
  }

  private @Nullable HitBuffer scanCompact(Scratch scratch, @Nullable HitBuffer buffer) {
    if (compact.isEmpty()) {
      return buffer;
    }
    char[] text = scratch.text;
    int n = scratch.length[0];
    char[] joined = scratch.joined(n);
    int[] origin = scratch.origin(n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      char c = text[i];
      if (c != ' ') {
        joined[m] = c;
        origin[m++] = i;
      }
    }
    int state = 0;
    for (int j = 0; j < m; j++) {
      state = compact.step(state, joined[j]);
      for (int o = compact.firstOutputState(state); o >= 0; o = compact.nextOutputState(o)) {
        for (int k = compact.outputStart(o), kEnd = compact.outputEnd(o); k < kEnd; k++) {
          int e = compact.outputId(k);
          int start = origin[j + 1 - compactLength[e]];
          int end = origin[j] + 1;
          if (start > 0 && !isBoundary(text[start - 1], text[start])) {
            continue;
          }
          if (end < n && !isBoundary(text[end - 1], text[end])) {
            continue;
          }
          // Token-aligned implies word-bounded, so the word scan already reported this span.
          if (end - start == terms[e].length() && regionMatches(text, start, terms[e])) {
            continue;
          }
          buffer = HitBuffer.add(buffer, e, start, end);
        }
      }
    }
    return buffer;
  }

  private List<Hit<T>> toHits(@Nullable HitBuffer buffer) {
    if (buffer == null) {
      return List.of();
    }
    Exclusions excluded = hasExclusions ? Exclusions.of(buffer, exclusion) : null;
    List<Hit<T>> hits = new ArrayList<>(buffer.size);
    for (int h = 0; h < buffer.size; h++) {
      int e = buffer.entry(h);
      if (exclusion[e]) {
        continue;
      }
      int start = buffer.start(h);
      int end = buffer.end(h);
      if (excluded != null && excluded.suppresses(start, end)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      T value = (T) values[e];
      hits.add(new Hit<>(terms[e], value, start, end));
    }
    hits.sort(ORDER);
    return Collections.unmodifiableList(hits);
  }

  /**
   * Whether adjacent chars {@code before} and {@code after} of normalized text are separated by a
   * word boundary.
   */
  private static boolean isBoundary(char before, char after) {
    return before == ' ' || after == ' ' || charClass(before) != charClass(after);
  }

  private static int charClass(char c) {
    if (c >= 'a' && c <= 'z') {
      return CLASS_LETTER;
    }
    if (c >= '0' && c <= '9') {
      return CLASS_DIGIT;
    }
    return CLASS_OTHER;
  }

  private static int weightedLength(String s) {
    int weight = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      weight += cp < 0x80 ? 1 : 2;
    }
    return weight;
  }

  /** Growable (entry, start, end) triples; allocated only once a text has a hit. */
  private static boolean regionMatches(char[] text, int start, String term) {
    for (int i = 0, n = term.length(); i < n; i++) {
      if (text[start + i] != term.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Per-thread buffers for normalizing and scanning one text, so matching allocates nothing unless
   * it finds something (scoring calls it for every payment, from every stream thread).
   */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    char[] text = new char[128];
    final int[] length = new int[1];
    private char[] joined = new char[128];
    private int[] origin = new int[128];

    static Scratch normalized(String raw) {
      Scratch scratch = PER_THREAD.get();
      scratch.text = TextNormalizer.normalizeInto(raw, scratch.text, scratch.length);
      return scratch;
    }

    char[] joined(int n) {
      if (joined.length < n) {
        joined = new char[Math.max(n, joined.length * 2)];
      }
      return joined;
    }

    int[] origin(int n) {
      if (origin.length < n) {
        origin = new int[Math.max(n, origin.length * 2)];
      }
      return origin;
    }
  }

  private static final class HitBuffer {
    private int[] data = new int[3 * 4];
    private int size;

    static HitBuffer add(@Nullable HitBuffer buffer, int entry, int start, int end) {
      HitBuffer b = buffer == null ? new HitBuffer() : buffer;
      if (3 * b.size + 3 > b.data.length) {
        b.data = Arrays.copyOf(b.data, b.data.length * 2);
      }
      int at = 3 * b.size++;
      b.data[at] = entry;
      b.data[at + 1] = start;
      b.data[at + 2] = end;
      return b;
    }

    int entry(int h) {
      return data[3 * h];
    }

    int start(int h) {
      return data[3 * h + 1];
    }

    int end(int h) {
      return data[3 * h + 2];
    }
  }

  /**
   * The exclusion spans of one text, arranged to answer "does an exclusion overlap this span
   * without being strictly covered by it" in logarithmic time, so many hits and many exclusions
   * stay near-linear.
   */
  private static final class Exclusions {
    /** (start, end) packed start-major, sorted. */
    private final long[] byStart;

    /** Largest end among byStart[0..i]. */
    private final int[] prefixMaxEnd;

    /** (end, start) packed end-major, sorted. */
    private final long[] byEnd;

    /** Smallest start among byEnd[i..]. */
    private final int[] suffixMinStart;

    private Exclusions(long[] byStart, long[] byEnd) {
      this.byStart = byStart;
      this.byEnd = byEnd;
      Arrays.sort(byStart);
      Arrays.sort(byEnd);
      int m = byStart.length;
      prefixMaxEnd = new int[m];
      suffixMinStart = new int[m];
      for (int i = 0; i < m; i++) {
        int end = (int) byStart[i];
        prefixMaxEnd[i] = i == 0 ? end : Math.max(prefixMaxEnd[i - 1], end);
      }
      for (int i = m - 1; i >= 0; i--) {
        int start = (int) byEnd[i];
        suffixMinStart[i] = i == m - 1 ? start : Math.min(suffixMinStart[i + 1], start);
      }
    }

    static @Nullable Exclusions of(HitBuffer buffer, boolean[] exclusion) {
      int m = 0;
      for (int h = 0; h < buffer.size; h++) {
        if (exclusion[buffer.entry(h)]) {
          m++;
        }
      }
      if (m == 0) {
        return null;
      }
      long[] byStart = new long[m];
      long[] byEnd = new long[m];
      int i = 0;
      for (int h = 0; h < buffer.size; h++) {
        if (exclusion[buffer.entry(h)]) {
          byStart[i] = pack(buffer.start(h), buffer.end(h));
          byEnd[i] = pack(buffer.end(h), buffer.start(h));
          i++;
        }
      }
      return new Exclusions(byStart, byEnd);
    }

    boolean suppresses(int start, int end) {
      // An exclusion reaching in from the left: starts before the hit, ends inside or after it.
      int before = lowerBound(byStart, pack(start, 0));
      if (before > 0 && prefixMaxEnd[before - 1] > start) {
        return true;
      }
      // One reaching in from the right: ends after the hit, starts inside or before it.
      int after = lowerBound(byEnd, pack(end + 1, 0));
      if (after < byEnd.length && suffixMinStart[after] < end) {
        return true;
      }
      // Remaining overlaps lie inside the hit; only an identical span is not strictly covered.
      int same = lowerBound(byStart, pack(start, end));
      return same < byStart.length && byStart[same] == pack(start, end);
    }

    private static long pack(int high, int low) {
      return ((long) high << 32) | low;
    }

    private static int lowerBound(long[] sorted, long key) {
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < key) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * Collects terms and builds an immutable {@link KeywordIndex}. Not thread-safe; may be reused,
   * each {@link #build()} takes a snapshot.
   *
   * @param <T> value type
   */
  public static final class Builder<T> {
    private final List<String> entryTerms = new ArrayList<>();
    private final List<T> entryValues = new ArrayList<>();
    private final Map<String, Set<T>> valuesByTerm = new HashMap<>();
    private final Set<String> exclusions = new LinkedHashSet<>();
    private int compactMinLength = DEFAULT_COMPACT_MIN_LENGTH;

    private Builder() {}

    /**
     * Adds a keyword.
     *
     * @throws IllegalArgumentException if the term normalizes to empty text
     * @throws NullPointerException if term or value is null
     */
    public Builder<T> add(String term, T value) {
      Objects.requireNonNull(value, "value");
      String normalized = normalizeTerm(term);
      if (valuesByTerm.computeIfAbsent(normalized, t -> new HashSet<>()).add(value)) {
        entryTerms.add(normalized);
        entryValues.add(value);
      }
      return this;
    }

    /**
     * Adds an exclusion: a term never reported itself that suppresses the hits overlapping it
     * without strictly covering it.
     *
     * @throws IllegalArgumentException if the term normalizes to empty text
     */
    public Builder<T> exclude(String term) {
      String normalized = normalizeTerm(term);
      if (exclusions.add(normalized)) {
        entryTerms.add(normalized);
        entryValues.add(null);
      }
      return this;
    }

    /**
     * Minimum weighted length (ASCII code points count one, others two) of a term's separator-free
     * form for it to take part in {@link KeywordIndex#findCompact(String)}; {@link
     * Integer#MAX_VALUE} turns separator-insensitive matching off.
     */
    public Builder<T> compactMinLength(int length) {
      if (length < 1) {
        throw new IllegalArgumentException("compactMinLength must be at least 1: " + length);
      }
      this.compactMinLength = length;
      return this;
    }

    /** Builds the index; the builder stays usable. */
    public KeywordIndex<T> build() {
      return new KeywordIndex<>(this);
    }

    private static String normalizeTerm(String term) {
      Objects.requireNonNull(term, "term");
      String normalized = TextNormalizer.normalize(term);
      if (normalized.isEmpty()) {
        throw new IllegalArgumentException("term '" + term + "' normalizes to empty text");
      }
      return normalized;
    }
  }
}
