package io.screener.serialization;

import java.util.List;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Walks a binary Avro body against its writer schema without building anything, to prove it is
 * exactly one well-formed datum before Avro decodes it.
 *
 * <p>Avro's decoder allocates a string, bytes or array of whatever length the data claims before
 * reading it, so a corrupt length of two billion would throw {@link OutOfMemoryError} in a stream
 * thread instead of a dead-letter-able exception. Here every length is checked against the bytes
 * actually left. Stateless and thread-safe.
 */
public final class AvroBodyCheck {

  private AvroBodyCheck() {}

  /**
   * Checks {@code data} holds exactly {@code count} datums of {@code schema} one after another, as
   * a block of an Avro container file does.
   *
   * @return {@code null} if it does, else a short description of what is wrong and where
   */
  public static @Nullable String blockProblem(Schema schema, byte[] data, long count) {
    Cursor cursor = new Cursor(data, 0);
    for (long i = 0; i < count; i++) {
      try {
        cursor.skip(schema);
      } catch (Corrupt e) {
        String at = e.path.isEmpty() ? "" : " at " + e.path;
        return "record " + (i + 1) + " of " + count + " in the block: " + e.getMessage() + at;
      }
    }
    int left = data.length - cursor.pos;
    return left == 0 ? null : left + " trailing bytes after the block's " + count + " records";
  }

  /**
   * Checks {@code data[offset..]} holds exactly one datum of {@code schema}.
   *
   * @return {@code null} if it does, else a short description of what is wrong and where
   */
  static @Nullable String problem(Schema schema, byte[] data, int offset) {
    Cursor cursor = new Cursor(data, offset);
    try {
      cursor.skip(schema);
    } catch (Corrupt e) {
      return e.path.isEmpty() ? e.getMessage() : e.getMessage() + " at " + e.path;
    }
    int left = data.length - cursor.pos;
    return left == 0 ? null : left + " trailing bytes after the record";
  }

  private static final class Cursor {
    private final byte[] data;
    private int pos;

    Cursor(byte[] data, int pos) {
      this.data = data;
      this.pos = pos;
    }

    void skip(Schema schema) {
      switch (schema.getType()) {
        case NULL:
          return;
        case BOOLEAN:
          int b = readByte();
          if (b > 1) {
            throw new Corrupt("boolean byte " + b);
          }
          return;
        case INT:
          long value = readVarLong(5);
          if (value != (int) value) {
            throw new Corrupt("int out of range");
          }
          return;
        case LONG:
          readVarLong(10);
          return;
        case FLOAT:
          advance(4);
          return;
        case DOUBLE:
          advance(8);
          return;
        case STRING:
        case BYTES:
          advance(readLength("length"));
          return;
        case FIXED:
          advance(schema.getFixedSize());
          return;
        case ENUM:
          index(schema.getEnumSymbols().size(), "enum index");
          return;
        case UNION:
          List<Schema> branches = schema.getTypes();
          skip(branches.get(index(branches.size(), "union branch")));
          return;
        case ARRAY:
          skipBlocks(schema.getElementType(), false);
          return;
        case MAP:
          skipBlocks(schema.getValueType(), true);
          return;
        case RECORD:
          for (Schema.Field field : schema.getFields()) {
            try {
              skip(field.schema());
            } catch (Corrupt e) {
              throw e.under(field.name());
            }
          }
          return;
        default:
          throw new Corrupt("unsupported schema type " + schema.getType());
      }
    }

    private void skipBlocks(Schema item, boolean map) {
      int index = 0;
      while (true) {
        long count = readVarLong(10);
        if (count == 0) {
          return;
        }
        if (count < 0) {
          count = -count;
          readLength("block size");
        }
        // Every item takes at least one byte except zero-byte types such as null; a count beyond
        // the bytes left is corrupt either way, and Avro would pre-size a list of that length.
        if (count > data.length - pos) {
          throw new Corrupt(count + " items but only " + (data.length - pos) + " bytes left");
        }
        for (long i = 0; i < count; i++, index++) {
          try {
            if (map) {
              advance(readLength("key length"));
            }
            skip(item);
          } catch (Corrupt e) {
            throw e.under("[" + index + "]");
          }
        }
      }
    }

    private int index(int size, String what) {
      long index = readVarLong(5);
      if (index < 0 || index >= size) {
        throw new Corrupt(what + " " + index + " out of range 0.." + (size - 1));
      }
      return (int) index;
    }

    private int readLength(String what) {
      long length = readVarLong(10);
      if (length < 0) {
        throw new Corrupt("negative " + what + " " + length);
      }
      if (length > data.length - pos) {
        throw new Corrupt(what + " " + length + " but only " + (data.length - pos) + " bytes left");
      }
      return (int) length;
    }

    private void advance(int n) {
      if (n > data.length - pos) {
        throw new Corrupt("ends early");
      }
      pos += n;
    }

    private int readByte() {
      if (pos >= data.length) {
        throw new Corrupt("ends early");
      }
      return data[pos++] & 0xff;
    }

    /** Reads a zig-zag varint of at most {@code maxBytes} bytes, as Avro encodes int and long. */
    private long readVarLong(int maxBytes) {
      long raw = 0;
      for (int i = 0; i < maxBytes; i++) {
        int b = readByte();
        raw |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new Corrupt("invalid varint");
    }
  }

  /** Unwinds the walk; cheap because it carries no stack trace. */
  private static final class Corrupt extends RuntimeException {
    private String path = "";

    Corrupt(String message) {
      super(message, null, false, false);
    }

    Corrupt under(String segment) {
      if (path.isEmpty()) {
        path = segment;
      } else {
        path = path.startsWith("[") ? segment + path : segment + "." + path;
      }
      return this;
    }
  }
}
