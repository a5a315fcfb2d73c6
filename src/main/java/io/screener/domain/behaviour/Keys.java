package io.screener.domain.behaviour;

import java.nio.charset.StandardCharsets;

/** Compact, stable keys for accounts and devices inside behaviour state. */
public final class Keys {
  private Keys() {}

  /**
   * 64-bit FNV-1a of the UTF-8 bytes: stable across JVMs and releases (unlike String.hashCode's 32
   * bits, whose collisions would merge payers), and never 0 so 0 can mean "absent".
   */
  public static long hash(String value) {
    if (value == null) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;
    int seen = 0;
    // No exit inside the loop: a data-dependent exit there made the JIT speculate, and recompile
    // the whole screening step when the speculation failed.
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      seen |= c;
      h ^= c;
      h *= 0x100000001b3L;
    }
    if (seen >= 0x80) {
      // Beyond ASCII a character is several UTF-8 bytes: hash the encoding (rare for ids).
      return hashUtf8(value);
    }
    return h == 0 ? 1 : h;
  }

  private static long hashUtf8(String value) {
    long h = 0xcbf29ce484222325L;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  /** Key of the leg of a payment its payee received, in an account's remembered legs. */
  public static long receivedLeg(String transactionId) {
    return hash(transactionId);
  }

  /**
   * Key of the leg of a payment its payer sent: the received leg's key mixed with a fixed odd
   * constant, so one account's two legs of one payment (paying itself) stay apart. Stable: state
   * holds these keys.
   */
  public static long sentLeg(String transactionId) {
    long h = Long.rotateLeft(hash(transactionId), 29) * 0x9e3779b97f4a7c15L;
    return h == 0 ? 1 : h;
  }
}
