package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyPresenceTest {
  private static final int KEYS = 50_000;

  @Test
  void shouldFindEveryKeyAddedAndFewOthers() {
    KeyPresence filter = new KeyPresence(KEYS);
    for (int i = 0; i < KEYS; i++) {
      filter.add("acct-" + i);
    }
    for (int i = 0; i < KEYS; i++) {
      assertTrue(filter.mightContain("acct-" + i), "acct-" + i);
    }
    int falsePositives = 0;
    for (int i = KEYS; i < 3 * KEYS; i++) {
      if (filter.mightContain("acct-" + i)) {
        falsePositives++;
      }
    }
    // 10 bits a key and 7 probes: about 0.8% when full.
    double rate = falsePositives / (2.0 * KEYS);
    assertTrue(rate < 0.015, "false positive rate " + rate);
    assertTrue(rate > 0, "a Bloom filter this full has some false positives: " + rate);
  }

  @Test
  void shouldSayWhenMoreKeysWereAddedThanItWasSizedFor() {
    KeyPresence filter = new KeyPresence(1_000);
    for (int i = 0; i < 1_000; i++) {
      filter.add("merchant-" + i);
      filter.add("merchant-" + i); // again: counted once
    }
    assertFalse(filter.full());
    for (int i = 1_000; i < 1_100; i++) {
      filter.add("merchant-" + i);
    }
    assertTrue(filter.full());
    assertEquals(1_000, filter.capacity());
  }

  @Test
  void shouldSpreadIdsThatDifferInOneCharacter() {
    // Account ids differ in a few trailing digits: their hashes must differ in both halves, which
    // the probes are taken from.
    long a = KeyPresence.hash("acct-000001");
    long b = KeyPresence.hash("acct-000002");
    assertTrue(Long.bitCount(a ^ b) > 16, Long.toHexString(a) + " " + Long.toHexString(b));
    assertTrue((int) a != (int) b && (int) (a >>> 32) != (int) (b >>> 32));
  }

  @Test
  void shouldFindNothingInAnEmptyFilter() {
    KeyPresence filter = new KeyPresence(ReferenceFeed.MIN_KEYS);
    for (int i = 0; i < 10_000; i++) {
      assertFalse(filter.mightContain("acct-" + i));
    }
  }
}
