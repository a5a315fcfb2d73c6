package io.screener.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.avro.CryptoQuote;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.ScreeningDecision;
import io.screener.config.ConfigException;
import io.screener.config.RegistrySettings;
import io.screener.config.RegistrySettings.Framing;
import io.screener.config.ScreenerSettings;
import io.screener.fixtures.InProcessSchemaRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema registry's wire format (byte 0, a 4-byte big-endian schema id, the Avro binary body)
 * read and written against an in-process registry, beside single-object encoding.
 */
class RegistryFramingTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  /**
   * A CryptoQuote (USDT/CNY at 7.18, 2024-05-01T08:00:00.123Z) framed with schema id 1, written out
   * from the documented formats: magic byte, id, then the string as a zig-zag length (8 -> 0x10)
   * and UTF-8, the double as 8 little-endian IEEE 754 bytes, the long as a zig-zag varint.
   */
  private static final byte[] QUOTE_ID_1 =
      HEX.parseHex(
          "00 00 00 00 01"
              + " 10 55 53 44 54 2f 43 4e 59"
              + " b8 1e 85 eb 51 b8 1c 40"
              + " f6 91 d7 b2 e6 63");

  private InProcessSchemaRegistry registry;

  @BeforeEach
  void startRegistry() throws IOException {
    registry = InProcessSchemaRegistry.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void readsFixtureBytesFramedTheRegistryWay() {
    assertEquals(1, registry.register("crypto-quotes-value", CryptoQuote.getClassSchema()));

    CryptoQuote quote =
        wire("registry")
            .serde(CryptoQuote.class)
            .deserializer()
            .deserialize("crypto-quotes", QUOTE_ID_1);

    assertEquals("USDT/CNY", quote.getPair());
    assertEquals(7.18, quote.getPrice());
    assertEquals(Instant.parse("2024-05-01T08:00:00.123Z"), quote.getEventTime());
  }

  @Test
  void writesTheRegistryFramingByteForByteUnderTheTopicSubject() {
    CryptoQuote quote =
        new CryptoQuote("USDT/CNY", 7.18, Instant.parse("2024-05-01T08:00:00.123Z"));

    byte[] written =
        wire("registry").serde(CryptoQuote.class).serializer().serialize("crypto-quotes", quote);

    assertArrayEquals(QUOTE_ID_1, written, HEX.formatHex(written));
    assertEquals(java.util.List.of("crypto-quotes-value"), registry.subjects());
    assertEquals(CryptoQuote.getClassSchema(), registry.schema(1));
  }

  @Test
  void readsBothFramingsInEitherModeSoAMigrationCanRunMixed() {
    registry.register("crypto-quotes-value", CryptoQuote.getClassSchema());
    CryptoQuote quote = new CryptoQuote("BTC/CNY", 480000.0, Instant.parse("2024-05-01T08:00:00Z"));
    byte[] singleObject = AvroSerde.of(CryptoQuote.class).serializer().serialize("t", quote);

    for (String format : new String[] {"single-object", "registry"}) {
      Serde<CryptoQuote> serde = wire(format).serde(CryptoQuote.class);
      assertEquals(quote, serde.deserializer().deserialize("t", singleObject), format);
      assertEquals("USDT/CNY", serde.deserializer().deserialize("t", QUOTE_ID_1).getPair(), format);
    }
    byte[] written =
        wire("single-object").serde(CryptoQuote.class).serializer().serialize("t", quote);
    assertArrayEquals(singleObject, written, "single-object mode writes single-object");
  }

  @Test
  void registryFramingWithoutARegistryIsTheRecordsFaultAndSaysWhy() {
    Serde<CryptoQuote> serde = WireFormat.singleObject().serde(CryptoQuote.class);

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> serde.deserializer().deserialize("t", QUOTE_ID_1));
    assertEquals(
        "registry-framed record (schema id 1) but schema.registry.url is not set", e.getMessage());
  }

  @Test
  void olderWriterSchemaIdResolvesAgainstTheCurrentReader() {
    Schema v1 = TestRecords.schemaResource("serialization/history/PaymentEvent.v1.avsc");
    int id = registry.register("payments-value", v1);
    byte[] framed = TestRecords.registryFramed(id, v1, TestRecords.genericPayment(v1));

    PaymentEvent payment =
        wire("registry").serde(PaymentEvent.class).deserializer().deserialize("payments", framed);

    assertEquals("tx-old", payment.getTransactionId());
    assertEquals(PaymentType.RED_PACKET, payment.getType());
    assertEquals(520L, payment.getAmountMinor());
    assertNull(payment.getDeviceId(), "a field added since v1 takes its default");
  }

  @Test
  void unknownIdsWrongTypesAndBadBodiesAreTheRecordsFault() {
    Serde<ScreeningDecision> decisions = wire("registry").serde(ScreeningDecision.class);
    assertEquals(
        "schema id 1 unknown to the registry",
        assertThrows(
                SerializationException.class,
                () -> decisions.deserializer().deserialize("t", QUOTE_ID_1))
            .getMessage());

    registry.register("crypto-quotes-value", CryptoQuote.getClassSchema());
    assertEquals(
        "wrong record type io.screener.avro.CryptoQuote, expected io.screener.avro.ScreeningDecision",
        assertThrows(
                SerializationException.class,
                () -> decisions.deserializer().deserialize("t", QUOTE_ID_1))
            .getMessage());

    Serde<CryptoQuote> quotes = wire("registry").serde(CryptoQuote.class);
    byte[] truncated = java.util.Arrays.copyOf(QUOTE_ID_1, QUOTE_ID_1.length - 3);
    assertTrue(
        assertThrows(
                SerializationException.class,
                () -> quotes.deserializer().deserialize("t", truncated))
            .getMessage()
            .startsWith("truncated or corrupt Avro body"));
    assertEquals(
        "registry framing shorter than its 5-byte header",
        assertThrows(
                SerializationException.class,
                () -> quotes.deserializer().deserialize("t", new byte[] {0, 0, 1}))
            .getMessage());
    assertEquals(
        "neither Avro single-object encoding nor registry framing (bad header)",
        assertThrows(
                SerializationException.class,
                () -> quotes.deserializer().deserialize("t", new byte[] {'{', '}'}))
            .getMessage());
  }

  @Test
  void resolvesEachIdAndSubjectOnce() {
    registry.register("crypto-quotes-value", CryptoQuote.getClassSchema());
    WireFormat wire = wire("registry");
    Serde<CryptoQuote> serde = wire.serde(CryptoQuote.class);
    CryptoQuote quote = serde.deserializer().deserialize("crypto-quotes", QUOTE_ID_1);
    serde.serializer().serialize("crypto-quotes", quote);
    int asked = registry.requests();

    for (int i = 0; i < 100; i++) {
      serde.deserializer().deserialize("crypto-quotes", QUOTE_ID_1);
      serde.serializer().serialize("crypto-quotes", quote);
      wire.serde(CryptoQuote.class).deserializer().deserialize("crypto-quotes", QUOTE_ID_1);
    }

    assertEquals(asked, registry.requests(), "answers are cached in the wire format's client");
  }

  @Test
  void subjectNameStrategies() {
    CryptoQuote quote = new CryptoQuote("USDT/CNY", 7.1, Instant.parse("2024-05-01T08:00:00Z"));
    wire("registry", "schema.registry.subject.name.strategy", "record")
        .serde(CryptoQuote.class)
        .serializer()
        .serialize("quotes", quote);
    wire("registry", "schema.registry.subject.name.strategy", "topic-record")
        .serde(CryptoQuote.class)
        .serializer()
        .serialize("quotes", quote);

    assertEquals(
        java.util.Set.of("io.screener.avro.CryptoQuote", "quotes-io.screener.avro.CryptoQuote"),
        java.util.Set.copyOf(registry.subjects()));
  }

  @Test
  void withoutAutoRegisterTheSchemaMustAlreadyBeThere() {
    WireFormat lookUpOnly = wire("registry", "schema.registry.auto.register", "false");
    Map<String, Class<? extends org.apache.avro.specific.SpecificRecord>> outputs =
        Map.of("crypto-quotes", CryptoQuote.class);

    SchemaRegistryException missing =
        assertThrows(SchemaRegistryException.class, () -> lookUpOnly.prepare(outputs));
    assertTrue(missing.getMessage().contains("not registered there"), missing.getMessage());
    assertTrue(registry.subjects().isEmpty(), "nothing was registered");

    int id = registry.register("crypto-quotes-value", CryptoQuote.getClassSchema());
    lookUpOnly.prepare(outputs);
    byte[] written =
        lookUpOnly
            .serde(CryptoQuote.class)
            .serializer()
            .serialize("crypto-quotes", new CryptoQuote("USDT/CNY", 7.2, Instant.EPOCH));
    assertEquals(id, written[4]);
  }

  @Test
  void basicAuthenticationIsSentAndARefusalSaysWhichSettingToCheck() throws IOException {
    try (InProcessSchemaRegistry guarded =
        InProcessSchemaRegistry.withBasicAuth("screener:s3cret")) {
      guarded.register("crypto-quotes-value", CryptoQuote.getClassSchema());
      Map<String, String> good = new HashMap<>();
      good.put("schema.registry.url", guarded.url());
      good.put("schema.registry.basic.auth.user.info", "screener:s3cret");
      assertEquals(
          "USDT/CNY",
          wire("registry", good)
              .serde(CryptoQuote.class)
              .deserializer()
              .deserialize("t", QUOTE_ID_1)
              .getPair());

      good.put("schema.registry.basic.auth.user.info", "screener:wrong");
      SchemaRegistryException refused =
          assertThrows(
              SchemaRegistryException.class,
              () ->
                  wire("registry", good)
                      .serde(CryptoQuote.class)
                      .deserializer()
                      .deserialize("t", QUOTE_ID_1));
      assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
      assertTrue(
          refused.getMessage().contains("schema.registry.basic.auth.user.info"),
          refused.getMessage());
    }
  }

  @Test
  void anUnreachableRegistryIsNotTheRecordsFault() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> down = new HashMap<>();
    down.put("schema.registry.url", "http://127.0.0.1:" + closedPort);
    down.put("schema.registry.request.timeout", "300ms");
    Serde<CryptoQuote> serde = wire("registry", down).serde(CryptoQuote.class);

    SchemaRegistryException e =
        assertThrows(
            SchemaRegistryException.class, () -> serde.deserializer().deserialize("t", QUOTE_ID_1));
    assertTrue(e.getMessage().contains("gave no answer"), e.getMessage());
    assertInstanceOf(
        SchemaRegistryException.class,
        SchemaRegistryException.in(new RuntimeException("wrapped", e)));
    assertSame(null, SchemaRegistryException.in(new SerializationException("record's fault")));
  }

  @Test
  void registryFramingNeedsAnAddressAndChecksItsSettings() {
    assertEquals(
        "schema.registry.url",
        assertThrows(ConfigException.class, () -> settings("registry", Map.of())).key());
    assertEquals(
        "schema.registry.url",
        assertThrows(
                ConfigException.class,
                () -> settings("registry", Map.of("schema.registry.url", "ftp://registry:21")))
            .key());
    assertEquals(
        "schema.registry.basic.auth.user.info",
        assertThrows(
                ConfigException.class,
                () ->
                    settings(
                        "registry",
                        Map.of(
                            "schema.registry.url", "http://127.0.0.1:8081",
                            "schema.registry.basic.auth.user.info", "no-colon")))
            .key());
    assertEquals(
        "serde.format",
        assertThrows(ConfigException.class, () -> settings("confluent", Map.of())).key());
    assertEquals(
        "schema.registry.ssl.truststore.location",
        assertThrows(
                ConfigException.class,
                () ->
                    settings(
                        "registry",
                        Map.of(
                            "schema.registry.url", "https://127.0.0.1:8081",
                            "schema.registry.ssl.truststore.location", "/nonexistent/ts.p12")))
            .key());
    RegistrySettings defaults = settings("single-object", Map.of());
    assertEquals(Framing.SINGLE_OBJECT, defaults.framing());
    assertTrue(defaults.urls().isEmpty());
  }

  private WireFormat wire(String format) {
    return wire(format, Map.of("schema.registry.url", registry.url()));
  }

  private WireFormat wire(String format, String key, String value) {
    return wire(format, Map.of("schema.registry.url", registry.url(), key, value));
  }

  private static WireFormat wire(String format, Map<String, String> overrides) {
    return WireFormat.of(settings(format, overrides));
  }

  private static RegistrySettings settings(String format, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put("serde.format", format);
    return ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), all)
        .registry();
  }
}
