package io.screener.replay;

import io.screener.avro.PaymentEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The payment's fields, read from {@code schemas/PaymentEvent.avsc} (the generated class's schema)
 * in its order: what the replay's JSON codec reads and writes, so a field added to the schema is
 * read and written without touching the codec. A field of a kind the codec cannot handle fails
 * here, when the class loads, naming the field ({@code PaymentShapeTest} loads it in every build).
 *
 * <p>A field with the schema property {@code "repeats": true} holds few distinct values (a
 * currency, a merchant name): the reader keeps their strings and reuses them.
 */
final class PaymentShape {
  /** How a field's value is written in JSON and held in the record. */
  enum Kind {
    /** A string; required. */
    STRING,
    /** A union of null and a string, null by default. */
    OPTIONAL_STRING,
    /** A long; required. */
    LONG,
    /** A {@code timestamp-millis} long, held as an {@link java.time.Instant}; required. */
    TIMESTAMP,
    /** An enum symbol, held as the generated enum; required. */
    ENUM
  }

  /**
   * One field.
   *
   * @param key the bytes before its value in the canonical line: an opening brace (a comma, for
   *     every field but the first), the quoted name and a colon
   * @param symbols the generated enum's constants, in the schema's order ({@link Kind#ENUM} only)
   * @param symbolNames their names as ASCII bytes
   */
  record Field(
      int position,
      String name,
      Kind kind,
      boolean repeats,
      byte[] key,
      Enum<?> @Nullable [] symbols,
      byte @Nullable [][] symbolNames) {
    boolean required() {
      return kind != Kind.OPTIONAL_STRING;
    }
  }

  static final List<Field> FIELDS = fields(PaymentEvent.getClassSchema());
  private static final Map<String, Field> BY_NAME = byName(FIELDS);

  private PaymentShape() {}

  /** The field named {@code name}, or null. */
  static @Nullable Field field(String name) {
    return BY_NAME.get(name);
  }

  static List<Field> fields(Schema record) {
    List<Schema.Field> declared = record.getFields();
    Field[] fields = new Field[declared.size()];
    for (Schema.Field f : declared) {
      Kind kind = kind(record, f);
      Enum<?>[] symbols = kind == Kind.ENUM ? symbols(f) : null;
      byte[][] names = null;
      if (symbols != null) {
        names = new byte[symbols.length][];
        for (int i = 0; i < symbols.length; i++) {
          names[i] = symbols[i].name().getBytes(StandardCharsets.US_ASCII);
        }
      }
      String key = (f.pos() == 0 ? "{" : ",") + '"' + f.name() + "\":";
      fields[f.pos()] =
          new Field(
              f.pos(),
              f.name(),
              kind,
              Boolean.TRUE.equals(f.getObjectProp("repeats")),
              key.getBytes(StandardCharsets.US_ASCII),
              symbols,
              names);
    }
    return List.of(fields);
  }

  private static Kind kind(Schema record, Schema.Field f) {
    Schema type = f.schema();
    switch (type.getType()) {
      case STRING:
        return Kind.STRING;
      case LONG:
        if (type.getLogicalType() == null) {
          return Kind.LONG;
        }
        if (type.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          return Kind.TIMESTAMP;
        }
        break;
      case ENUM:
        return Kind.ENUM;
      case UNION:
        List<Schema> branches = type.getTypes();
        if (branches.size() == 2
            && branches.get(0).getType() == Schema.Type.NULL
            && branches.get(1).getType() == Schema.Type.STRING) {
          return Kind.OPTIONAL_STRING;
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException(
        record.getName()
            + "."
            + f.name()
            + ": the replay's JSON codec has no form for "
            + type
            + " (PaymentShape.Kind lists the ones it has)");
  }

  /** The generated enum's constants for an enum field, checked against the schema's symbols. */
  private static Enum<?>[] symbols(Schema.Field f) {
    Class<?> type;
    try {
      type = Class.forName(f.schema().getFullName());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "no generated enum " + f.schema().getFullName() + " for field " + f.name(), e);
    }
    Enum<?>[] constants = (Enum<?>[]) type.getEnumConstants();
    List<String> symbols = f.schema().getEnumSymbols();
    for (int i = 0; i < constants.length; i++) {
      if (!constants[i].name().equals(symbols.get(i))) {
        throw new IllegalStateException(type + " does not match the schema's symbols " + symbols);
      }
    }
    return constants;
  }

  private static Map<String, Field> byName(List<Field> fields) {
    Map<String, Field> byName = new HashMap<>();
    for (Field f : fields) {
      byName.put(f.name(), f);
    }
    return byName;
  }
}
