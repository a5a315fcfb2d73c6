package io.screener.serialization;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serde for a generated Avro record class, in Avro single-object encoding: {@code C3 01}, the
 * 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the binary body.
 *
 * <p>The deserializer finds the writer schema by fingerprint in a {@link SchemaCatalog} and
 * resolves it to the current class, so records written with an archived schema version stay
 * readable. {@code null} maps to {@code null} both ways (tombstones). Every decoding failure is a
 * {@link SerializationException} with a short message meant for dead-letter headers:
 *
 * <ul>
 *   <li>{@code not Avro single-object encoding (bad header)}
 *   <li>{@code unknown schema fingerprint 0x0123456789abcdef}
 *   <li>{@code wrong record type io.screener.avro.X, expected io.screener.avro.Y}
 *   <li>{@code writer schema 0x... not readable as io.screener.avro.Y: ...}
 *   <li>{@code truncated or corrupt Avro body: ...}
 * </ul>
 *
 * <p>Instances are thread-safe and may be shared by all stream threads: Avro's {@link
 * BinaryMessageEncoder} and {@link BinaryMessageDecoder} are documented thread-safe and keep their
 * buffers and binary encoders/decoders in thread-locals.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  /** The first byte of every record in Avro single-object encoding. */
  static final byte SINGLE_OBJECT_MAGIC = (byte) 0xC3;

  private final Class<T> type;
  private final Schema schema;
  private final Serializer<T> serializer;
  private final Deserializer<T> deserializer;

  private AvroSerde(Class<T> type, SchemaCatalog catalog) {
    this.type = Objects.requireNonNull(type, "type");
    Objects.requireNonNull(catalog, "catalog");
    // The class's own model carries its logical-type conversions (timestamp-millis -> Instant).
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    if (schema == null || schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
    }
    this.serializer = new AvroSerializer<>(new BinaryMessageEncoder<>(model, schema), schema);
    this.deserializer =
        new AvroDeserializer<>(new BinaryMessageDecoder<>(model, schema, catalog), schema, catalog);
  }

  /**
   * A serde for {@code type} that reads every writer schema in {@link SchemaCatalog#standard()}.
   */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type, SchemaCatalog.standard());
  }

  /** A serde for {@code type} that reads the writer schemas in {@code catalog}. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaCatalog catalog) {
    return new AvroSerde<>(type, catalog);
  }

  /** The record class. */
  public Class<T> type() {
    return type;
  }

  /** The current (reader and writer) schema of the record class. */
  public Schema schema() {
    return schema;
  }

  /** The shared, thread-safe serializer. */
  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  /** The shared, thread-safe deserializer. */
  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  private static final class AvroSerializer<T> implements Serializer<T> {
    private final BinaryMessageEncoder<T> encoder;
    private final Schema schema;

    AvroSerializer(BinaryMessageEncoder<T> encoder, Schema schema) {
      this.encoder = encoder;
      this.schema = schema;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
      if (data == null) {
        return null;
      }
      ByteBuffer buffer;
      try {
        buffer = encoder.encode(data);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "cannot encode " + schema.getName() + ": " + describe(e), e);
      }
      // encode() already copied out of its thread-local buffer; reuse that array when it fits.
      byte[] array = buffer.array();
      if (buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.limit() == array.length) {
        return array;
      }
      return Arrays.copyOfRange(
          array, buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit());
    }
  }

  private static final class AvroDeserializer<T> implements Deserializer<T> {
    private static final int HEADER_LENGTH = 10;

    private final BinaryMessageDecoder<T> decoder;
    private final Schema schema;
    private final SchemaCatalog catalog;
    private final Map<Long, Writer> writers = new ConcurrentHashMap<>();

    AvroDeserializer(BinaryMessageDecoder<T> decoder, Schema schema, SchemaCatalog catalog) {
      this.decoder = decoder;
      this.schema = schema;
      this.catalog = catalog;
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
      if (data == null) {
        return null;
      }
      if (data.length < HEADER_LENGTH || data[0] != SINGLE_OBJECT_MAGIC || data[1] != (byte) 0x01) {
        if (data.length >= FramedAvroSerde.REGISTRY_HEADER
            && data[0] == FramedAvroSerde.REGISTRY_MAGIC) {
          throw new SerializationException(
              "registry-framed record (schema id "
                  + FramedAvroSerde.schemaId(data)
                  + ") but schema.registry.url is not set");
        }
        throw new SerializationException("not Avro single-object encoding (bad header)");
      }
      long fingerprint = littleEndianLong(data, 2);
      Writer writer = writers.computeIfAbsent(fingerprint, this::resolve);
      if (writer == null) {
        throw new SerializationException(
            "unknown schema fingerprint " + SchemaCatalog.formatFingerprint(fingerprint));
      }
      if (writer.problem != null) {
        throw new SerializationException(writer.problem);
      }
      String corrupt = AvroBodyCheck.problem(writer.schema, data, HEADER_LENGTH);
      if (corrupt != null) {
        throw new SerializationException("truncated or corrupt Avro body: " + corrupt);
      }
      try {
        return decoder.decode(data);
      } catch (IOException | RuntimeException e) {
        // RawMessageDecoder wraps the decoder's IOException in a generic "Decoding datum failed".
        Throwable cause =
            e instanceof AvroRuntimeException && e.getCause() instanceof IOException
                ? e.getCause()
                : e;
        throw new SerializationException("truncated or corrupt Avro body: " + describe(cause), e);
      }
    }

    /** Looks the writer schema up once per fingerprint and judges whether it can be read. */
    private @Nullable Writer resolve(long fingerprint) {
      Schema writer = catalog.findByFingerprint(fingerprint);
      if (writer == null) {
        return null;
      }
      return new Writer(
          writer, unreadable(schema, writer, SchemaCatalog.formatFingerprint(fingerprint)));
    }

    private static long littleEndianLong(byte[] data, int offset) {
      long value = 0;
      for (int i = 7; i >= 0; i--) {
        value = (value << 8) | (data[offset + i] & 0xffL);
      }
      return value;
    }
  }

  /**
   * Why records written with {@code writer} cannot be read as {@code reader}, or null when they
   * can: another record type (unless the reader names it as an alias), or a schema change Avro's
   * resolution cannot bridge. {@code writerLabel} names the writer schema in the message.
   */
  static @Nullable String unreadable(Schema reader, Schema writer, String writerLabel) {
    String name = writer.getFullName();
    if (!name.equals(reader.getFullName()) && !reader.getAliases().contains(name)) {
      return "wrong record type " + name + ", expected " + reader.getFullName();
    }
    SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return null;
    }
    Incompatibility first = result.getIncompatibilities().get(0);
    return "writer schema "
        + writerLabel
        + " not readable as "
        + reader.getFullName()
        + ": "
        + first.getType()
        + " at "
        + first.getLocation();
  }

  static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** A known writer schema and, if it cannot be read as the target class, why. */
  private static final class Writer {
    final Schema schema;
    final @Nullable String problem;

    Writer(Schema schema, @Nullable String problem) {
      this.schema = schema;
      this.problem = problem;
    }
  }
}
