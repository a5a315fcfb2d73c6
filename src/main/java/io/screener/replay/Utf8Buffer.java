package io.screener.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer for writing JSON text by hand. Strings are quoted and escaped as
 * Jackson's generator does by default (quote, backslash and control characters only; {@code \\b \\t
 * \\n \\f \\r} short, others as upper-case "backslash u 00XX"), and encoded as Java's UTF-8 writer
 * does (an unpaired surrogate becomes {@code ?}).
 */
final class Utf8Buffer {
  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private byte[] bytes;
  private int size;

  Utf8Buffer(int capacity) {
    bytes = new byte[capacity];
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  /** Appends characters known to be ASCII needing no escapes. */
  void ascii(String s) {
    int n = s.length();
    ensure(n);
    byte[] b = bytes;
    int at = size;
    for (int i = 0; i < n; i++) {
      b[at++] = (byte) s.charAt(i);
    }
    size = at;
  }

  /** Appends bytes that are UTF-8 JSON text already. */
  void raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  void ascii(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
  }

  /** Appends a long as {@link Long#toString} writes it. */
  void number(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int at = size + digits;
    size = at;
    do {
      bytes[--at] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
  }

  void stringOrNull(String s) {
    if (s == null) {
      ensure(4);
      System.arraycopy(NULL, 0, bytes, size, 4);
      size += 4;
    } else {
      string(s);
    }
  }

  /** Appends a quoted, escaped JSON string. */
  void string(String s) {
    int n = s.length();
    ensure(n + 2);
    byte[] b = bytes;
    int at = size;
    b[at++] = '"';
    int i = 0;
    // ASCII run without escapes: the common case.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      b[at++] = (byte) c;
    }
    size = at;
    if (i < n) {
      text(s, i, true);
    }
    ensure(1);
    bytes[size++] = '"';
  }

  /** Appends text as UTF-8 (already JSON, no escaping). */
  void appendJsonText(String s) {
    text(s, 0, false);
  }

  private void text(String s, int from, boolean escape) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (escape && (c < 0x20 || c == '"' || c == '\\')) {
          escape(c);
        } else {
          ensure(1);
          bytes[size++] = (byte) c;
        }
      } else if (c < 0x800) {
        ensure(2);
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          ensure(4);
          bytes[size++] = (byte) (0xF0 | (cp >> 18));
          bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          bytes[size++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          ensure(1);
          bytes[size++] = '?';
        }
      } else {
        ensure(3);
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private void escape(char c) {
    ensure(6);
    bytes[size++] = '\\';
    switch (c) {
      case '"':
      case '\\':
        bytes[size++] = (byte) c;
        return;
      case '\b':
        bytes[size++] = 'b';
        return;
      case '\t':
        bytes[size++] = 't';
        return;
      case '\n':
        bytes[size++] = 'n';
        return;
      case '\f':
        bytes[size++] = 'f';
        return;
      case '\r':
        bytes[size++] = 'r';
        return;
      default:
        bytes[size++] = 'u';
        bytes[size++] = '0';
        bytes[size++] = '0';
        bytes[size++] = HEX[c >> 4];
        bytes[size++] = HEX[c & 0xF];
    }
  }
}
