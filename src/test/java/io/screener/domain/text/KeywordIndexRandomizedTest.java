package io.screener.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Compares the automaton with a brute-force reference matcher over random terms and texts. */
class KeywordIndexRandomizedTest {

  private static final long SEED = 20240611L;
  private static final char[] TEXT_CHARS = {
    'a', 'b', 'u', 'A', 'B', 'U', '1', '0', ' ', ' ', '-', '.', '币', '安', '人', 'Ａ', '１', '，'
  };
  private static final char[] TERM_CHARS = {'a', 'b', 'u', '1', '0', '币', '安', '人', ' ', '-'};

  private record Entry(String term, Integer value, int order) {
    boolean isExclusion() {
      return value == null;
    }
  }

  private record RefHit(Entry entry, int start, int end, boolean compact) {}

  @Test
  void shouldAgreeWithBruteForceReference() {
    Random random = new Random(SEED);
    int comparisons = 0;
    int textsWithHits = 0;
    int textsWithCompactOnlyHits = 0;
    for (int round = 0; round < 300; round++) {
      KeywordIndex.Builder<Integer> builder = KeywordIndex.builder();
      int compactMin = 1 + random.nextInt(5);
      builder.compactMinLength(compactMin);
      List<Entry> entries = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      int termCount = 1 + random.nextInt(12);
      for (int t = 0; t < termCount; t++) {
        String raw = randomString(random, TERM_CHARS, 1 + random.nextInt(4));
        String term = TextNormalizer.normalize(raw);
        if (term.isEmpty()) {
          continue;
        }
        boolean exclusion = random.nextInt(5) == 0;
        Integer value = exclusion ? null : random.nextInt(3);
        if (exclusion) {
          builder.exclude(raw);
        } else {
          builder.add(raw, value);
        }
        if (seen.add(term + "\u0000" + value)) {
          entries.add(new Entry(term, value, entries.size()));
        }
      }
      KeywordIndex<Integer> index = builder.build();
      for (int t = 0; t < 200; t++) {
        String text = randomString(random, TEXT_CHARS, random.nextInt(25));
        String context = "round " + round + ", text '" + text + "', terms " + entries;
        List<Hit<Integer>> words = reference(entries, text, compactMin, false);
        List<Hit<Integer>> all = reference(entries, text, compactMin, true);
        assertEquals(words, index.find(text), context);
        assertEquals(all, index.findCompact(text), context);
        assertEquals(!words.isEmpty(), index.matchesAny(text), context);
        assertEquals(
            words.isEmpty() ? Optional.empty() : Optional.of(words.get(0)),
            index.first(text),
            context);
        comparisons++;
        textsWithHits += words.isEmpty() ? 0 : 1;
        textsWithCompactOnlyHits += all.size() > words.size() ? 1 : 0;
      }
    }
    assertEquals(300 * 200, comparisons);
    // Guards against a generator that stops exercising the interesting paths.
    assertTrue(textsWithHits > comparisons / 4, "texts with hits: " + textsWithHits);
    assertTrue(
        textsWithCompactOnlyHits > comparisons / 50,
        "texts with compact hits: " + textsWithCompactOnlyHits);
  }

  private static String randomString(Random random, char[] chars, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(chars[random.nextInt(chars.length)]);
    }
    return sb.toString();
  }

  private static List<Hit<Integer>> reference(
      List<Entry> entries, String text, int compactMin, boolean compact) {
    String norm = TextNormalizer.normalize(text);
    List<RefHit> found = new ArrayList<>();
    for (Entry entry : entries) {
      String term = entry.term();
      for (int s = 0; s + term.length() <= norm.length(); s++) {
        int e = s + term.length();
        if (norm.startsWith(term, s)
            && wordEdgeOk(norm, s, true, term)
            && wordEdgeOk(norm, e, false, term)) {
          found.add(new RefHit(entry, s, e, false));
        }
      }
    }
    if (compact) {
      StringBuilder joined = new StringBuilder();
      List<Integer> origin = new ArrayList<>();
      for (int i = 0; i < norm.length(); i++) {
        if (norm.charAt(i) != ' ') {
          joined.append(norm.charAt(i));
          origin.add(i);
        }
      }
      String joinedText = joined.toString();
      for (Entry entry : entries) {
        String term = entry.term().replace(" ", "");
        int weight = term.codePoints().map(c -> c < 128 ? 1 : 2).sum();
        if (weight < compactMin) {
          continue;
        }
        for (int j = 0; j + term.length() <= joined.length(); j++) {
          if (!joinedText.startsWith(term, j)) {
            continue;
          }
          int s = origin.get(j);
          int e = origin.get(j + term.length() - 1) + 1;
          if (!tokenEdge(norm, s) || !tokenEdge(norm, e)) {
            continue;
          }
          boolean duplicate =
              found.stream()
                  .anyMatch(
                      h ->
                          !h.compact()
                              && h.entry().equals(entry)
                              && h.start() == s
                              && h.end() == e);
          if (!duplicate) {
            found.add(new RefHit(entry, s, e, true));
          }
        }
      }
    }
    List<RefHit> kept = new ArrayList<>();
    for (RefHit hit : found) {
      if (hit.entry().isExclusion()) {
        continue;
      }
      boolean suppressed =
          found.stream()
              .filter(x -> x.entry().isExclusion())
              .anyMatch(
                  x ->
                      x.start() < hit.end()
                          && hit.start() < x.end()
                          && !(hit.start() <= x.start()
                              && x.end() <= hit.end()
                              && hit.end() - hit.start() > x.end() - x.start()));
      if (!suppressed) {
        kept.add(hit);
      }
    }
    kept.sort(
        Comparator.comparingInt(RefHit::start)
            .thenComparing(Comparator.comparingInt(RefHit::end).reversed())
            .thenComparing(RefHit::compact)
            .thenComparingInt(h -> h.entry().order()));
    List<Hit<Integer>> hits = new ArrayList<>();
    for (RefHit h : kept) {
      hits.add(new Hit<>(h.entry().term(), h.entry().value(), h.start(), h.end()));
    }
    return hits;
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The documented word rule: an ASCII letter/digit edge needs a non-alphanumeric or other-kind
   * neighbour.
   */
  private static boolean wordEdgeOk(String norm, int at, boolean isStart, String term) {
    char edge = isStart ? term.charAt(0) : term.charAt(term.length() - 1);
    if (!isLetter(edge) && !isDigit(edge)) {
      return true;
    }
    int neighbourAt = isStart ? at - 1 : at;
    if (neighbourAt < 0 || neighbourAt >= norm.length()) {
      return true;
    }
    char neighbour = norm.charAt(neighbourAt);
    return !(isLetter(neighbour) && isLetter(edge)) && !(isDigit(neighbour) && isDigit(edge));
  }

  /**
   * Compact hits must cover whole tokens: the position is a text edge, a space, or a change of char
   * class.
   */
  private static boolean tokenEdge(String norm, int at) {
    if (at == 0 || at == norm.length()) {
      return true;
    }
    char before = norm.charAt(at - 1);
    char after = norm.charAt(at);
    if (before == ' ' || after == ' ') {
      return true;
    }
    return classOf(before) != classOf(after);
  }

  private static int classOf(char c) {
    return isLetter(c) ? 0 : isDigit(c) ? 1 : 2;
  }
}
