package io.screener.serialization;

import io.screener.config.RegistrySettings.Framing;
import io.screener.config.RegistrySettings.SubjectStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serde for a generated Avro record class on a topic shared with other applications. It reads
 * both framings, told apart by the first byte: Avro single-object encoding ({@code C3 01}, through
 * {@link AvroSerde}) and a schema registry's wire format (byte {@code 0}, the writer schema's id as
 * a 4-byte big-endian integer, the binary body), whose writer schema is fetched from the registry
 * by id and resolved to the current class. It writes the framing it is given: in registry framing
 * under the subject {@link SubjectStrategy} names for the topic, registered or looked up once and
 * cached.
 *
 * <p>Errors that are the record's fault are {@link SerializationException}s with a short reason, as
 * {@link AvroSerde}'s; one that is the registry's is a {@link SchemaRegistryException}.
 * Thread-safe.
 *
 * @param <T> the generated record class
 */
final class FramedAvroSerde<T extends SpecificRecord> implements Serde<T> {
  static final byte REGISTRY_MAGIC = 0;
  static final int REGISTRY_HEADER = 5;

  private final AvroSerde<T> singleObject;
  private final Framing writes;
  private final SchemaRegistryClient registry;
  private final SubjectStrategy subjects;
  private final boolean register;
  private final int capacity;
  private final SpecificData model;
  private final SpecificDatumWriter<T> writer;
  private final Map<Integer, Reader<T>> readers = new ConcurrentHashMap<>();
  private final Serializer<T> serializer = this::serialize;
  private final Deserializer<T> deserializer = this::deserialize;

  FramedAvroSerde(
      AvroSerde<T> singleObject,
      Framing writes,
      SchemaRegistryClient registry,
      SubjectStrategy subjects,
      boolean register,
      int capacity) {
    this.singleObject = singleObject;
    this.writes = writes;
    this.registry = registry;
    this.subjects = subjects;
    this.register = register;
    this.capacity = capacity;
    this.model = SpecificData.getForClass(singleObject.type());
    this.writer = new SpecificDatumWriter<>(singleObject.schema(), model);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  /** The id of this class's schema in the registry for {@code topic}, registered if configured. */
  int registeredId(String topic) {
    Schema schema = singleObject.schema();
    return registry.id(subjects.subject(topic, schema.getFullName()), schema, register);
  }

  private byte @Nullable [] serialize(String topic, @Nullable T data) {
    if (data == null) {
      return null;
    }
    if (writes == Framing.SINGLE_OBJECT) {
      return singleObject.serializer().serialize(topic, data);
    }
    int id = registeredId(topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(REGISTRY_MAGIC);
    out.write(id >>> 24);
    out.write(id >>> 16);
    out.write(id >>> 8);
    out.write(id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + singleObject.schema().getName() + ": " + AvroSerde.describe(e), e);
    }
    return out.toByteArray();
  }

  private @Nullable T deserialize(String topic, byte @Nullable [] data) {
    if (data == null) {
      return null;
    }
    if (data.length > 0 && data[0] == AvroSerde.SINGLE_OBJECT_MAGIC) {
      return singleObject.deserializer().deserialize(topic, data);
    }
    if (data.length == 0 || data[0] != REGISTRY_MAGIC) {
      throw new SerializationException(
          "neither Avro single-object encoding nor registry framing (bad header)");
    }
    if (data.length < REGISTRY_HEADER) {
      throw new SerializationException("registry framing shorter than its 5-byte header");
    }
    int id =
        ((data[1] & 0xff) << 24)
            | ((data[2] & 0xff) << 16)
            | ((data[3] & 0xff) << 8)
            | (data[4] & 0xff);
    if (registry == null) {
      throw new SerializationException(
          "registry-framed record (schema id " + id + ") but schema.registry.url is not set");
    }
    Reader<T> reader = readers.get(id);
    if (reader == null) {
      reader = resolve(id);
      if (readers.size() >= capacity) {
        readers.clear();
      }
      readers.put(id, reader);
    }
    if (reader.problem != null) {
      throw new SerializationException(reader.problem);
    }
    String corrupt = AvroBodyCheck.problem(reader.writer, data, REGISTRY_HEADER);
    if (corrupt != null) {
      throw new SerializationException("truncated or corrupt Avro body: " + corrupt);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(data, REGISTRY_HEADER, data.length - REGISTRY_HEADER, null);
      return reader.datumReader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "truncated or corrupt Avro body: " + AvroSerde.describe(e), e);
    }
  }

  /** The schema id of a registry-framed record: big-endian, after the magic byte. */
  static int schemaId(byte[] data) {
    return ((data[1] & 0xff) << 24)
        | ((data[2] & 0xff) << 16)
        | ((data[3] & 0xff) << 8)
        | (data[4] & 0xff);
  }

  /** Fetches writer schema {@code id} and judges whether it can be read as this class. */
  private Reader<T> resolve(int id) {
    Schema writerSchema = registry.schema(id);
    Schema readerSchema = singleObject.schema();
    return new Reader<>(
        writerSchema,
        AvroSerde.unreadable(readerSchema, writerSchema, "id " + id),
        new SpecificDatumReader<>(writerSchema, readerSchema, model));
  }

  /** A writer schema, why it cannot be read (null if it can), and the reader resolving it. */
  private record Reader<T>(
      Schema writer, @Nullable String problem, SpecificDatumReader<T> datumReader) {}
}
