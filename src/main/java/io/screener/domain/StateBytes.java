package io.screener.domain;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writing and reading the state stores' values straight from byte arrays: big-endian fixed-width
 * fields as {@link java.io.DataOutput} writes them, zig-zag varints, and strings in the modified
 * UTF-8 of {@link java.io.DataOutput#writeUTF} (a two-byte length, then the bytes), so formats
 * first written through {@code DataOutputStream} read and write the same bytes. No stream, no
 * intermediate buffer: one allocation a value written (its bytes), none but the values' own a value
 * read. The state codecs' reads and writes, once per payment for the account record and per strike
 * for the ladder, went through streams before.
 */
public final class StateBytes {
  /** The most bytes {@link Writer#putVarLong} writes. */
  public static final int MAX_VARINT = 10;

  private StateBytes() {}

  /** The most bytes {@link Writer#putUtf} writes for {@code s}: the length, then 3 a character. */
  public static int utfBound(String s) {
    return 2 + 3 * s.length();
  }

  /**
   * Writes into a scratch buffer of the calling thread and returns a copy of what it wrote (one
   * allocation a value, of its size). The caller bounds what it will write when it asks for the
   * writer ({@link #of}); the puts do not check. Not reentrant: a value is written to the end
   * before the thread's next {@link #of}.
   */
  public static final class Writer {
    private static final ThreadLocal<Writer> SCRATCH =
        ThreadLocal.withInitial(() -> new Writer(4096));

    private byte[] buffer;
    private int at;

    private Writer(int capacity) {
      buffer = new byte[capacity];
    }

    /** The calling thread's writer, emptied, with room for at least {@code maxBytes}. */
    public static Writer of(int maxBytes) {
      Writer w = SCRATCH.get();
      if (w.buffer.length < maxBytes) {
        w.buffer = new byte[Math.max(maxBytes, 2 * w.buffer.length)];
      }
      w.at = 0;
      return w;
    }

    public void put(byte b) {
      buffer[at++] = b;
    }

    public void putBoolean(boolean b) {
      buffer[at++] = (byte) (b ? 1 : 0);
    }

    public void putShort(int v) {
      buffer[at++] = (byte) (v >>> 8);
      buffer[at++] = (byte) v;
    }

    public void putInt(int v) {
      putBigEndian(v, 4);
    }

    public void putLong(long v) {
      putBigEndian(v, 8);
    }

    /** The low {@code bytes} bytes of {@code v}, the highest first. */
    private void putBigEndian(long v, int bytes) {
      for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
        buffer[at++] = (byte) (v >>> shift);
      }
    }

    /** Zig-zag, then seven bits a byte, low bits first. */
    public void putVarLong(long v) {
      long z = (v << 1) ^ (v >> 63);
      while ((z & ~0x7FL) != 0) {
        buffer[at++] = (byte) ((z & 0x7F) | 0x80);
        z >>>= 7;
      }
      buffer[at++] = (byte) z;
    }

    /**
     * {@code s} in modified UTF-8 after its length in bytes: one byte for U+0001 to U+007F, two for
     * U+0000 and up to U+07FF, three for the rest (each half of a surrogate pair on its own).
     *
     * @throws UncheckedIOException wrapping a {@link UTFDataFormatException} when that takes more
     *     than 65,535 bytes, as {@code DataOutputStream} refuses it
     */
    public void putUtf(String s) {
      int lengthAt = at;
      at += 2;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != 0 && c < 0x80) {
          buffer[at++] = (byte) c;
        } else if (c < 0x800) {
          buffer[at++] = (byte) (0xC0 | (c >> 6));
          buffer[at++] = (byte) (0x80 | (c & 0x3F));
        } else {
          buffer[at++] = (byte) (0xE0 | (c >> 12));
          buffer[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          buffer[at++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      int length = at - lengthAt - 2;
      if (length > 0xFFFF) {
        throw new UncheckedIOException(
            new UTFDataFormatException("a string of " + length + " bytes, over 65,535"));
      }
      buffer[lengthAt] = (byte) (length >>> 8);
      buffer[lengthAt + 1] = (byte) length;
    }

    /** A copy of what was written. */
    public byte[] bytes() {
      return Arrays.copyOf(buffer, at);
    }
  }

  /**
   * Reads a value from its bytes. A value cut short throws {@link IndexOutOfBoundsException}, and
   * so does a damaged count or string: the codecs turn it into an {@link UnreadableStateException}.
   */
  public static final class Reader {
    private final byte[] bytes;
    private int at;

    public Reader(byte[] bytes, int at) {
      this.bytes = bytes;
      this.at = at;
    }

    public int remaining() {
      return bytes.length - at;
    }

    public byte get() {
      return bytes[at++];
    }

    /** One byte, 0 false and anything else true, as {@link java.io.DataInput#readBoolean}. */
    public boolean getBoolean() {
      return bytes[at++] != 0;
    }

    /** Two bytes as a signed short, as {@link java.io.DataInput#readShort}. */
    public short getShort() {
      require(2);
      return (short) (((bytes[at++] & 0xFF) << 8) | (bytes[at++] & 0xFF));
    }

    public int getInt() {
      return (int) getBigEndian(4);
    }

    public long getLong() {
      return getBigEndian(8);
    }

    /** {@code n} bytes, the highest first. */
    private long getBigEndian(int n) {
      require(n);
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (bytes[at++] & 0xFF);
      }
      return v;
    }

    public long getVarLong() {
      long z = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[at++];
        z |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return (z >>> 1) ^ -(z & 1);
        }
      }
      throw new IndexOutOfBoundsException();
    }

    /** A count of items of at least {@code minBytes} each, checked against what is left. */
    public int getCount(int minBytes) {
      long n = getVarLong();
      if (n < 0 || n * minBytes > remaining()) {
        throw new IndexOutOfBoundsException();
      }
      return (int) n;
    }

    /**
     * A string {@link Writer#putUtf} wrote. One made of U+0001 to U+007F only (identifiers and
     * reason codes) is its bytes as they are; any other goes through {@link
     * DataInputStream#readUTF}, which also refuses malformed bytes.
     */
    public String getUtf() {
      int length = getShort() & 0xFFFF;
      require(length);
      int start = at;
      int end = start + length;
      for (int i = start; i < end; i++) {
        if (bytes[i] <= 0) {
          return getModifiedUtf(start - 2, length);
        }
      }
      at = end;
      return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    private String getModifiedUtf(int from, int length) {
      try (DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes, from, 2 + length))) {
        String s = in.readUTF();
        at = from + 2 + length;
        return s;
      } catch (IOException e) {
        throw new IndexOutOfBoundsException("malformed modified UTF-8: " + e.getMessage());
      }
    }

    private void require(int n) {
      if (n > bytes.length - at) {
        throw new IndexOutOfBoundsException();
      }
    }
  }
}
