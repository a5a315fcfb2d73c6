package io.screener.domain.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Aho-Corasick automaton over UTF-16 chars, flattened into primitive arrays.
 *
 * <p>State 0 is the root. Edges of a state are stored sorted by char in one flat range and followed
 * with failure links. Because normalized Latin text only uses {@code a-z}, {@code 0-9} and space,
 * those 37 chars additionally get a precomputed DFA row per state (failure links already resolved),
 * so a Latin descriptor costs one array read per char; rows are skipped for automata too large for
 * that to be cheap. Each pattern carries an int id that is reported on every occurrence.
 */
final class Automaton {

  private static final int LINEAR_SCAN_MAX = 8;
  private static final int DENSE_COLUMNS = 37;
  private static final long DENSE_MAX_CELLS = 1L << 22;
  private static final byte[] DENSE_COLUMN = new byte[128];

  static {
    Arrays.fill(DENSE_COLUMN, (byte) -1);
    for (char c = 'a'; c <= 'z'; c++) {
      DENSE_COLUMN[c] = (byte) (c - 'a');
    }
    for (char c = '0'; c <= '9'; c++) {
      DENSE_COLUMN[c] = (byte) (26 + c - '0');
    }
    DENSE_COLUMN[' '] = 36;
  }

  private final int[] rootAscii = new int[128];

  /**
   * {@code dense[state * DENSE_COLUMNS + column]}: full transition for the dense columns, or null.
   */
  private final int @Nullable [] dense;

  private final int[] edgeBase;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  private final int[] fail;

  /** First state on the failure chain of a state (itself included) that has own outputs, or -1. */
  private final int[] outHead;

  /** For a state with own outputs, the next such state on its failure chain, or -1. */
  private final int[] outNext;

  private final int[] outBase;
  private final int[] outIds;

  private Automaton(
      int[] edgeBase,
      char[] edgeChar,
      int[] edgeTarget,
      int[] fail,
      int[] outHead,
      int[] outNext,
      int[] outBase,
      int[] outIds,
      int @Nullable [] dense) {
    this.dense = dense;
    this.edgeBase = edgeBase;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
    this.fail = fail;
    this.outHead = outHead;
    this.outNext = outNext;
    this.outBase = outBase;
    this.outIds = outIds;
    for (int k = edgeBase[0]; k < edgeBase[1] && edgeChar[k] < 128; k++) {
      rootAscii[edgeChar[k]] = edgeTarget[k];
    }
  }

  /**
   * Builds the automaton; {@code patterns.get(i)} reports {@code ids[i]}. Patterns are non-empty.
   */
  static Automaton build(List<String> patterns, int[] ids) {
    // Build-time structures may box; only matching has to be allocation-free.
    List<TreeMap<Character, Integer>> children = new ArrayList<>();
    List<List<Integer>> outputs = new ArrayList<>();
    children.add(new TreeMap<>());
    outputs.add(new ArrayList<>());
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      int state = 0;
      for (int i = 0; i < pattern.length(); i++) {
        Character c = pattern.charAt(i);
        Integer next = children.get(state).get(c);
        if (next == null) {
          next = children.size();
          children.add(new TreeMap<>());
          outputs.add(new ArrayList<>());
          children.get(state).put(c, next);
        }
        state = next;
      }
      outputs.get(state).add(ids[p]);
    }

    int states = children.size();
    int[] edgeBase = new int[states + 1];
    for (int s = 0; s < states; s++) {
      edgeBase[s + 1] = edgeBase[s] + children.get(s).size();
    }
    char[] edgeChar = new char[edgeBase[states]];
    int[] edgeTarget = new int[edgeBase[states]];
    for (int s = 0; s < states; s++) {
      int k = edgeBase[s];
      for (Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
        edgeChar[k] = e.getKey();
        edgeTarget[k] = e.getValue();
        k++;
      }
    }

    int[] fail = new int[states];
    int[] order = new int[states];
    int head = 0;
    int tail = 0;
    order[tail++] = 0;
    while (head < tail) {
      int s = order[head++];
      for (int k = edgeBase[s]; k < edgeBase[s + 1]; k++) {
        char c = edgeChar[k];
        int child = edgeTarget[k];
        if (s != 0) {
          int f = fail[s];
          int t;
          while ((t = find(edgeBase, edgeChar, edgeTarget, f, c)) < 0 && f != 0) {
            f = fail[f];
          }
          fail[child] = Math.max(t, 0);
        }
        order[tail++] = child;
      }
    }

    int[] outBase = new int[states + 1];
    for (int s = 0; s < states; s++) {
      outBase[s + 1] = outBase[s] + outputs.get(s).size();
    }
    int[] outIds = new int[outBase[states]];
    for (int s = 0; s < states; s++) {
      List<Integer> own = outputs.get(s);
      for (int i = 0; i < own.size(); i++) {
        outIds[outBase[s] + i] = own.get(i);
      }
    }
    // BFS order guarantees a state's failure target is resolved before the state itself.
    int[] outHead = new int[states];
    int[] outNext = new int[states];
    outHead[0] = -1;
    outNext[0] = -1;
    for (int i = 1; i < states; i++) {
      int s = order[i];
      int inherited = outHead[fail[s]];
      outNext[s] = inherited;
      outHead[s] = outBase[s + 1] > outBase[s] ? s : inherited;
    }
    int @Nullable [] dense = null;
    if ((long) states * DENSE_COLUMNS <= DENSE_MAX_CELLS) {
      dense = new int[states * DENSE_COLUMNS];
      for (int i = 0; i < states; i++) {
        int s = order[i];
        for (char c = 0; c < 128; c++) {
          int column = DENSE_COLUMN[c];
          if (column < 0) {
            continue;
          }
          int t = find(edgeBase, edgeChar, edgeTarget, s, c);
          if (t < 0) {
            t = s == 0 ? 0 : dense[fail[s] * DENSE_COLUMNS + column];
          }
          dense[s * DENSE_COLUMNS + column] = t;
        }
      }
    }
    return new Automaton(
        edgeBase, edgeChar, edgeTarget, fail, outHead, outNext, outBase, outIds, dense);
  }

  /** The state after reading {@code c} in state {@code state}. */
  int step(int state, char c) {
    if (c < 128 && dense != null) {
      int column = DENSE_COLUMN[c];
      if (column >= 0) {
        return dense[state * DENSE_COLUMNS + column];
      }
    }
    int s = state;
    while (s != 0) {
      int t = find(edgeBase, edgeChar, edgeTarget, s, c);
      if (t >= 0) {
        return t;
      }
      s = fail[s];
    }
    if (c < 128) {
      return rootAscii[c];
    }
    int t = find(edgeBase, edgeChar, edgeTarget, 0, c);
    return Math.max(t, 0);
  }

  /** First output state for {@code state} (walk on with {@link #nextOutputState}), or -1. */
  int firstOutputState(int state) {
    return outHead[state];
  }

  int nextOutputState(int outputState) {
    return outNext[outputState];
  }

  int outputStart(int outputState) {
    return outBase[outputState];
  }

  int outputEnd(int outputState) {
    return outBase[outputState + 1];
  }

  int outputId(int index) {
    return outIds[index];
  }

  boolean isEmpty() {
    return outIds.length == 0;
  }

  private static int find(int[] edgeBase, char[] edgeChar, int[] edgeTarget, int state, char c) {
    int lo = edgeBase[state];
    int hi = edgeBase[state + 1];
    if (hi - lo <= LINEAR_SCAN_MAX) {
      for (int k = lo; k < hi; k++) {
        char e = edgeChar[k];
        if (e == c) {
          return edgeTarget[k];
        }
        if (e > c) {
          return -1;
        }
      }
      return -1;
    }
    hi--;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char e = edgeChar[mid];
      if (e < c) {
        lo = mid + 1;
      } else if (e > c) {
        hi = mid - 1;
      } else {
        return edgeTarget[mid];
      }
    }
    return -1;
  }
}
