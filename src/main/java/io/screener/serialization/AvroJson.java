package io.screener.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.jspecify.annotations.Nullable;

/**
 * Plain single-line JSON for Avro records, as read and written by the replay tool (JSON Lines).
 *
 * <p>Unlike Avro's own JSON encoding there are no union wrappers: field names are the Avro field
 * names, an optional ({@code null|X}) field is its plain value or {@code null}, an enum is its
 * symbol, a {@code timestamp-millis} field is epoch milliseconds, bytes and fixed are base64
 * strings. When reading, a {@code timestamp-millis} field may also be an ISO-8601 string ({@code
 * 2024-05-01T08:00:00Z} or with an offset), a missing field takes its schema default, and fields
 * the schema does not know are ignored (lines written by a newer version still load). Unions of
 * several non-null types are not supported. Thread-safe.
 */
public final class AvroJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  // SpecificData.getForClass reflects on every call; the model is fixed per class.
  private static final ClassValue<SpecificData> MODELS =
      new ClassValue<>() {
        @Override
        protected SpecificData computeValue(Class<?> type) {
          return SpecificData.getForClass(type);
        }
      };

  private AvroJson() {}

  /**
   * Encodes a record as one line of JSON.
   *
   * @throws IllegalArgumentException if a non-nullable field is null or a value does not fit its
   *     schema, naming the field
   */
  public static String toJson(SpecificRecord record) {
    Objects.requireNonNull(record, "record");
    StringWriter out = new StringWriter(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(record, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes a record as one JSON object to a generator, e.g. one shared across many lines.
   *
   * @throws IllegalArgumentException if a non-nullable field is null or a value does not fit its
   *     schema, naming the field
   */
  public static void write(SpecificRecord record, JsonGenerator generator) throws IOException {
    Schema schema = record.getSchema();
    try {
      writeRecord(generator, schema, record, modelOf(record));
    } catch (FieldError e) {
      throw e.toException(schema);
    }
  }

  /**
   * Decodes one JSON object into a record of {@code type}.
   *
   * @throws IllegalArgumentException if the text is not one JSON object, a required field is
   *     missing or a value does not fit its schema, naming the field
   */
  public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    SpecificData model = MODELS.get(type);
    Schema schema = model.getSchema(type);
    try (JsonParser parser = FACTORY.createParser(json)) {
      // A record's schema is not nullable: a JSON null is a FieldError, never a null record.
      T record =
          type.cast(
              Objects.requireNonNull(
                  read(parser, parser.nextToken(), schema, model), "the record read"));
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(
            "invalid JSON for " + schema.getName() + ": trailing content after the object");
      }
      return record;
    } catch (FieldError e) {
      throw e.toException(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid JSON for " + schema.getName() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SpecificData modelOf(Object record) {
    return record instanceof SpecificRecordBase specific
        ? specific.getSpecificData()
        : MODELS.get(record.getClass());
  }

  // ---------------------------------------------------------------- writing

  private static void writeRecord(
      JsonGenerator out, Schema schema, IndexedRecord record, SpecificData model)
      throws IOException {
    out.writeStartObject();
    for (Schema.Field field : schema.getFields()) {
      out.writeFieldName(field.name());
      try {
        writeValue(out, field.schema(), record.get(field.pos()), model);
      } catch (FieldError e) {
        throw e.under(field.name());
      } catch (ClassCastException e) {
        throw new FieldError(field.name(), "value does not fit " + field.schema().getType());
      }
    }
    out.writeEndObject();
  }

  private static void writeValue(JsonGenerator out, Schema schema, Object value, SpecificData model)
      throws IOException {
    if (value == null) {
      if (!isNullable(schema)) {
        throw new FieldError("", "null for a non-nullable " + describe(schema));
      }
      out.writeNull();
      return;
    }
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      value = toRaw(value, schema, logical, model);
    }
    switch (schema.getType()) {
      case UNION:
        writeValue(out, nonNullBranch(schema), value, model);
        return;
      case BOOLEAN:
        out.writeBoolean((Boolean) value);
        return;
      case INT:
        out.writeNumber((Integer) value);
        return;
      case LONG:
        out.writeNumber((Long) value);
        return;
      case FLOAT:
        out.writeNumber((Float) value);
        return;
      case DOUBLE:
        out.writeNumber((Double) value);
        return;
      case STRING:
        out.writeString(value.toString());
        return;
      case ENUM:
        out.writeString(value instanceof Enum ? ((Enum<?>) value).name() : value.toString());
        return;
      case BYTES:
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.writeBinary(bytes);
        return;
      case FIXED:
        out.writeBinary(((GenericFixed) value).bytes());
        return;
      case ARRAY:
        out.writeStartArray();
        int index = 0;
        for (Object item : (Collection<?>) value) {
          try {
            writeValue(out, schema.getElementType(), item, model);
          } catch (FieldError e) {
            throw e.under("[" + index + "]");
          }
          index++;
        }
        out.writeEndArray();
        return;
      case MAP:
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          String key = entry.getKey().toString();
          out.writeFieldName(key);
          try {
            writeValue(out, schema.getValueType(), entry.getValue(), model);
          } catch (FieldError e) {
            throw e.under(key);
          }
        }
        out.writeEndObject();
        return;
      case RECORD:
        writeRecord(out, schema, (IndexedRecord) value, modelOf(value));
        return;
      default:
        throw new FieldError("", "unsupported type " + schema.getType());
    }
  }

  private static Object toRaw(
      Object value, Schema schema, LogicalType logical, SpecificData model) {
    if (value instanceof Instant instant && logical instanceof LogicalTypes.TimestampMillis) {
      return instant.toEpochMilli();
    }
    Conversion<?> conversion = model.getConversionByClass(value.getClass(), logical);
    return conversion == null
        ? value
        : Conversions.convertToRawType(value, schema, logical, conversion);
  }

  // ---------------------------------------------------------------- reading

  private static @Nullable Object read(
      JsonParser in, @Nullable JsonToken token, Schema schema, SpecificData model)
      throws IOException {
    if (token == null) {
      throw new FieldError("", "no JSON value");
    }
    if (token == JsonToken.VALUE_NULL) {
      if (!isNullable(schema)) {
        throw new FieldError("", "null for a non-nullable " + describe(schema));
      }
      return null;
    }
    Object raw = readRaw(in, token, schema, model);
    LogicalType logical = schema.getLogicalType();
    if (logical == null) {
      return raw;
    }
    Conversion<?> conversion = model.getConversionFor(logical);
    return conversion == null
        ? raw
        : Conversions.convertToLogicalType(raw, schema, logical, conversion);
  }

  private static @Nullable Object readRaw(
      JsonParser in, JsonToken token, Schema schema, SpecificData model) throws IOException {
    switch (schema.getType()) {
      case UNION:
        return read(in, token, nonNullBranch(schema), model);
      case BOOLEAN:
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
          return token == JsonToken.VALUE_TRUE;
        }
        throw mismatch("a boolean", token);
      case INT:
        if (token == JsonToken.VALUE_NUMBER_INT
            && in.getNumberType() == JsonParser.NumberType.INT) {
          return in.getIntValue();
        }
        throw mismatch("an int", token);
      case LONG:
        if (token == JsonToken.VALUE_NUMBER_INT
            && in.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return in.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING
            && schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          return parseTimestamp(in.getText());
        }
        throw mismatch(
            schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                ? "epoch milliseconds or an ISO-8601 timestamp"
                : "a long",
            token);
      case FLOAT:
        return (float) readDouble(in, token);
      case DOUBLE:
        return readDouble(in, token);
      case STRING:
        if (token == JsonToken.VALUE_STRING) {
          return in.getText();
        }
        throw mismatch("a string", token);
      case ENUM:
        if (token != JsonToken.VALUE_STRING) {
          throw mismatch("an enum symbol", token);
        }
        String symbol = in.getText();
        if (!schema.hasEnumSymbol(symbol)) {
          throw new FieldError(
              "",
              "unknown symbol '"
                  + symbol
                  + "' for enum "
                  + schema.getName()
                  + ", expected one of "
                  + schema.getEnumSymbols());
        }
        return model.createEnum(symbol, schema);
      case BYTES:
        if (token == JsonToken.VALUE_STRING) {
          return ByteBuffer.wrap(in.getBinaryValue());
        }
        throw mismatch("a base64 string", token);
      case FIXED:
        if (token != JsonToken.VALUE_STRING) {
          throw mismatch("a base64 string", token);
        }
        byte[] fixed = in.getBinaryValue();
        if (fixed.length != schema.getFixedSize()) {
          throw new FieldError("", fixed.length + " bytes, expected " + schema.getFixedSize());
        }
        return model.createFixed(null, fixed, schema);
      case ARRAY:
        if (token != JsonToken.START_ARRAY) {
          throw mismatch("an array", token);
        }
        List<Object> list = new ArrayList<>();
        JsonToken itemToken;
        while ((itemToken = in.nextToken()) != JsonToken.END_ARRAY) {
          try {
            list.add(read(in, itemToken, schema.getElementType(), model));
          } catch (FieldError e) {
            throw e.under("[" + list.size() + "]");
          }
        }
        return list;
      case MAP:
        if (token != JsonToken.START_OBJECT) {
          throw mismatch("an object", token);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
          String key = in.currentName();
          try {
            map.put(key, read(in, in.nextToken(), schema.getValueType(), model));
          } catch (FieldError e) {
            throw e.under(key);
          }
        }
        return map;
      case RECORD:
        if (token != JsonToken.START_OBJECT) {
          throw mismatch("an object", token);
        }
        return readRecord(in, schema, model);
      default:
        throw new FieldError("", "unsupported type " + schema.getType());
    }
  }

  private static IndexedRecord readRecord(JsonParser in, Schema schema, SpecificData parentModel)
      throws IOException {
    Class<?> type = parentModel.getClass(schema);
    SpecificData model = type == null ? parentModel : MODELS.get(type);
    IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
    List<Schema.Field> fields = schema.getFields();
    boolean[] seen = new boolean[fields.size()];
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      Schema.Field field = schema.getField(in.currentName());
      JsonToken token = in.nextToken();
      if (field == null) {
        in.skipChildren();
        continue;
      }
      try {
        record.put(field.pos(), read(in, token, field.schema(), model));
      } catch (FieldError e) {
        throw e.under(field.name());
      } catch (JsonProcessingException e) {
        throw new FieldError(field.name(), "invalid JSON: " + e.getOriginalMessage());
      }
      seen[field.pos()] = true;
    }
    for (Schema.Field field : fields) {
      if (seen[field.pos()]) {
        continue;
      }
      if (!field.hasDefaultValue()) {
        throw new FieldError(field.name(), "missing required field");
      }
      record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
    }
    return record;
  }

  private static double readDouble(JsonParser in, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return in.getDoubleValue();
    }
    // Jackson writes non-finite numbers as these strings.
    if (token == JsonToken.VALUE_STRING) {
      switch (in.getText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw mismatch("a number", token);
  }

  private static long parseTimestamp(String text) {
    try {
      // ISO_INSTANT accepts both "Z" and numeric offsets such as +08:00.
      return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new FieldError("", "'" + text + "' is not an ISO-8601 timestamp");
    }
  }

  // ---------------------------------------------------------------- schema helpers

  private static boolean isNullable(Schema schema) {
    if (schema.getType() == Schema.Type.NULL) {
      return true;
    }
    if (schema.getType() != Schema.Type.UNION) {
      return false;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        return true;
      }
    }
    return false;
  }

  private static Schema nonNullBranch(Schema union) {
    Schema found = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        if (found != null) {
          throw new FieldError("", "unions of several non-null types are not supported");
        }
        found = branch;
      }
    }
    if (found == null) {
      throw new FieldError("", "union has no non-null type");
    }
    return found;
  }

  private static String describe(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      return logical.getName();
    }
    switch (schema.getType()) {
      case RECORD:
      case ENUM:
      case FIXED:
        return schema.getName();
      default:
        return schema.getType().getName();
    }
  }

  private static FieldError mismatch(String expected, JsonToken token) {
    return new FieldError("", "expected " + expected + ", got " + tokenName(token));
  }

  private static String tokenName(JsonToken token) {
    switch (token) {
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      default:
        return token.toString();
    }
  }

  /** A problem at a field path, built up while the recursion unwinds; no stack trace needed. */
  private static final class FieldError extends RuntimeException {
    private String path;
    private final String reason;

    FieldError(String path, String reason) {
      super(reason, null, false, false);
      this.path = path;
      this.reason = reason;
    }

    FieldError under(String segment) {
      if (path.isEmpty()) {
        path = segment;
      } else {
        path = path.startsWith("[") ? segment + path : segment + "." + path;
      }
      return this;
    }

    IllegalArgumentException toException(Schema root) {
      String where = path.isEmpty() ? root.getName() : root.getName() + "." + path;
      return new IllegalArgumentException(where + ": " + reason);
    }
  }
}
