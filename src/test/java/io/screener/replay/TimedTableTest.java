package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimedTableTest {
  private record Key(String a, String b) {}

  private static final class Value {}

  @Test
  void shouldReadBackWhatWasWrittenAndNothingElse() {
    TimedTable<Value> table = new TimedTable<>(true);
    Value v = new Value();
    table.put("wxid_1", null, 10, v);
    assertEquals(10, table.time("wxid_1", null));
    assertSame(v, table.value("wxid_1", null));
    assertEquals(TimedTable.ABSENT, table.time("wxid_2", null));
    assertNull(table.value("wxid_2", null));
    table.put("wxid_1", null, 12, v);
    assertEquals(12, table.time("wxid_1", null));
    assertEquals(1, table.size());
  }

  @Test
  void shouldTellPairsApartByWhereTheIdsSplit() {
    TimedTable<Void> table = new TimedTable<>(false);
    table.put("ab", "c", 1, null);
    table.put("a", "bc", 2, null);
    table.put("abc", "", 3, null);
    assertEquals(1, table.time("ab", "c"));
    assertEquals(2, table.time("a", "bc"));
    assertEquals(3, table.time("abc", ""));
    assertEquals(TimedTable.ABSENT, table.time("", "abc"));
  }

  @Test
  void shouldKeepKeysWhoseStringHashesCollideApart() {
    // "Aa" and "BB" share String.hashCode, so every string of such blocks shares one too.
    List<String> same = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      StringBuilder s = new StringBuilder();
      for (int bit = 0; bit < 8; bit++) {
        s.append((i >> bit & 1) == 0 ? "Aa" : "BB");
      }
      same.add(s.toString());
    }
    assertEquals(same.get(0).hashCode(), same.get(255).hashCode());
    TimedTable<Void> table = new TimedTable<>(false);
    for (int i = 0; i < same.size(); i += 2) {
      table.put(same.get(i), same.get(i + 1), i, null);
    }
    for (int i = 0; i < same.size(); i += 2) {
      assertEquals(i, table.time(same.get(i), same.get(i + 1)));
      assertEquals(TimedTable.ABSENT, table.time(same.get(i + 1), same.get(i)));
    }
  }

  @Test
  void shouldStoreCharactersBeyondOneByteExactly() {
    TimedTable<Void> table = new TimedTable<>(false);
    table.put("收款人", "付款人😀", 5, null);
    table.put("é", "ÿ", 6, null);
    assertEquals(5, table.time("收款人", "付款人😀"));
    assertEquals(TimedTable.ABSENT, table.time("收款人", "付款人😁"));
    assertEquals(6, table.time("é", "ÿ"));
    assertEquals(TimedTable.ABSENT, table.time("e", "ÿ"));
  }

  @Test
  void shouldWriteANewKeyAfterReadingAnotherWithTheSameFirstId() {
    TimedTable<Void> table = new TimedTable<>(false);
    String payer = "wxid_payer";
    table.put(payer, "a", 1, null);
    assertEquals(1, table.time(payer, "a"));
    table.put(payer, "b", 2, null);
    assertEquals(1, table.time(payer, "a"));
    assertEquals(2, table.time(payer, "b"));
  }

  @Test
  void shouldDeleteExactlyWhatIsBeforeTheCutoff() {
    TimedTable<Void> table = new TimedTable<>(false);
    table.put("early", null, 99, null);
    table.put("at", null, 99, null);
    table.put("after", null, 99, null);
    // Marks the three as written while the latest time was 99: the next sweep past 99 reads them.
    table.expireBefore(0);
    table.put("at", null, 100, null);
    table.put("after", null, 101, null);
    table.expireBefore(100);
    assertEquals(TimedTable.ABSENT, table.time("early", null));
    assertEquals(100, table.time("at", null));
    assertEquals(101, table.time("after", null));
    assertEquals(2, table.size());
  }

  /** Long keys leave the rest of a log segment unused; the sweep's walk steps over it. */
  @Test
  void shouldKeepLongKeysAcrossSegmentsAndExpireThem() {
    TimedTable<Void> table = new TimedTable<>(false);
    for (int i = 0; i < 300; i++) {
      String id = (i % 2 == 0 ? "支" : "x").repeat(9_000 + 37 * i) + i;
      table.put(id, "p" + i, i, null);
      if (i % 50 == 49) {
        table.expireBefore(i - 100);
      }
    }
    for (int i = 0; i < 300; i++) {
      String id = (i % 2 == 0 ? "支" : "x").repeat(9_000 + 37 * i) + i;
      long time = table.time(id, "p" + i);
      if (i >= 299 - 100) {
        assertEquals(i, time, "kept " + i);
      } else if (time != TimedTable.ABSENT) {
        assertEquals(i, time, "not yet deleted " + i);
      }
    }
    table.expireBefore(1_000);
    table.expireBefore(1_001);
    assertEquals(0, table.size());
  }

  @Test
  void shouldRefuseKeysLongerThanItsHeaderHolds() {
    TimedTable<Void> table = new TimedTable<>(false);
    String tooLong = "x".repeat(0x10000);
    assertThrows(IllegalArgumentException.class, () -> table.put(tooLong, null, 1, null));
    table.put("x".repeat(0xFFFF), null, 1, null);
    assertEquals(1, table.time("x".repeat(0xFFFF), null));
  }

  @Test
  void shouldNotReuseAReadWhenTheTableChangedBeforeTheWrite() {
    TimedTable<Void> table = new TimedTable<>(false);
    String key = "k";
    assertEquals(TimedTable.ABSENT, table.time(key, null));
    for (int i = 0; i < 5_000; i++) {
      table.put("other" + i, null, i, null);
    }
    table.put(key, null, 7, null);
    assertEquals(7, table.time(key, null));
    assertEquals(5_001, table.size());
  }

  /**
   * Random writes of colliding and ordinary keys, times moving forward with some late ones, and a
   * sweep every so often: every key written since the cutoff reads back its last write, and nothing
   * the table returns was ever anything but the last write.
   */
  @Test
  @Timeout(120)
  void shouldAgreeWithAMapOverRandomWritesAndSweeps() {
    SplittableRandom random = new SplittableRandom(7);
    TimedTable<Value> table = new TimedTable<>(true);
    Map<Key, Long> times = new HashMap<>();
    Map<Key, Value> values = new HashMap<>();
    String[] ids = new String[3_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] =
          random.nextInt(10) == 0
              ? (i % 2 == 0 ? "AaAa" : "BBBB") + i % 7
              : "wxid_" + Integer.toHexString(i * 7919);
      if (random.nextInt(50) == 0) {
        ids[i] += "支付";
      }
    }
    long now = 0;
    long cutoff = Long.MIN_VALUE;
    long retention = 50_000;
    for (int step = 0; step < 400_000; step++) {
      now += random.nextInt(3);
      long time = random.nextInt(20) == 0 ? now - random.nextInt(60_000) : now;
      Key key =
          new Key(
              ids[random.nextInt(ids.length)],
              random.nextBoolean() ? ids[random.nextInt(200)] : "");
      long stored = table.time(key.a(), key.b());
      Long expected = times.get(key);
      if (stored != TimedTable.ABSENT) {
        assertEquals(expected, stored, "a key reads back its last write");
        assertSame(values.get(key), table.value(key.a(), key.b()));
      } else if (expected != null) {
        assertTrue(expected < cutoff, "only what is past the cutoff may be gone");
      }
      Value value = new Value();
      table.put(key.a(), key.b(), time, value);
      times.put(key, time);
      values.put(key, value);
      if (step % 1_000 == 999) {
        cutoff = now - retention;
        table.expireBefore(cutoff);
        long c = cutoff;
        times
            .entrySet()
            .removeIf(
                e ->
                    e.getValue() < c
                        && table.time(e.getKey().a(), e.getKey().b()) == TimedTable.ABSENT);
        values.keySet().retainAll(times.keySet());
        for (Map.Entry<Key, Long> e : times.entrySet()) {
          if (e.getValue() >= cutoff) {
            assertEquals(e.getValue(), table.time(e.getKey().a(), e.getKey().b()));
          }
        }
        assertEquals(times.size(), table.size());
      }
    }
  }

  /**
   * A key is deleted at most about one retention after its last write: with keys that are each
   * written once, the table never holds much more than two retentions' worth.
   */
  @Test
  void shouldHoldAtMostAboutTwoRetentionsOfWrites() {
    TimedTable<Void> table = new TimedTable<>(false);
    long retention = 10_000;
    long sweep = 1_000;
    int max = 0;
    for (long t = 0; t < 200_000; t++) {
      table.put("tx" + t, null, t, null);
      if (t % sweep == sweep - 1) {
        table.expireBefore(t - retention);
        max = Math.max(max, table.size());
      }
    }
    assertTrue(max <= 2 * retention + 2 * sweep, "held " + max);
    assertTrue(max >= retention, "held " + max);
  }

  /** A key written over and over is copied forward by the sweeps, never lost. */
  @Test
  void shouldKeepAKeyThatStaysInUse() {
    TimedTable<Void> table = new TimedTable<>(false);
    for (long t = 0; t < 100_000; t++) {
      table.put("busy", null, t, null);
      table.put("tx" + t, null, t, null);
      if (t % 100 == 99) {
        table.expireBefore(t - 1_000);
      }
    }
    assertEquals(99_999, table.time("busy", null));
    assertTrue(table.size() < 2_500, "held " + table.size());
  }
}
