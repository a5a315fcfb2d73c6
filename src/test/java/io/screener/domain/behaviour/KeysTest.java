package io.screener.domain.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Account and device keys are stored in behaviour state, so they must never change. */
class KeysTest {
  /** FNV-1a over the UTF-8 bytes, written out the plain way. */
  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  @Test
  void shouldHashTheUtf8BytesWithFnv1a() {
    for (String s :
        new String[] {
          "",
          "a",
          "wxid_97687d38638f2758",
          "dev_b99a66573750d3db",
          "设备-7",
          "wxid_é",
          "😀x",
          "\u007f\u0080"
        }) {
      assertEquals(fnv(s), Keys.hash(s), s);
    }
    // Known value, so a change of function cannot pass unnoticed: FNV-1a 64 of "a".
    assertEquals(0xaf63dc4c8601ec8cL, Keys.hash("a"));
    assertEquals(0, Keys.hash(null));
    assertNotEquals(Keys.hash("ab"), Keys.hash("ba"));
  }
}
