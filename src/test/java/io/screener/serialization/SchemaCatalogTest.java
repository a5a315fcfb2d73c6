package io.screener.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

  private static final ClassLoader LOADER = SchemaCatalogTest.class.getClassLoader();

  @Test
  void shouldKnowEveryCurrentSchemaByFingerprint() {
    SchemaCatalog catalog = SchemaCatalog.standard();

    assertEquals(11, SchemaCatalog.currentSchemas().size());
    for (Schema schema : SchemaCatalog.currentSchemas()) {
      assertSame(
          schema,
          catalog.findByFingerprint(SchemaCatalog.fingerprint(schema)),
          schema.getFullName());
    }
    assertNull(catalog.findByFingerprint(42L));
  }

  @Test
  void shouldShareOneStandardCatalog() {
    assertSame(SchemaCatalog.standard(), SchemaCatalog.standard());
    assertNotNull(
        LOADER.getResource("schemas/history/INDEX"), "INDEX is packaged with the schemas");
  }

  /** Guards the real history: every archived schema must stay readable by the current classes. */
  @Test
  void shouldReadEveryArchivedSchemaWithTheCurrentOne() {
    assertAllReadable(SchemaCatalog.standard());
    assertAllReadable(SchemaCatalog.fromClasspath(LOADER, "serialization/history/"));
  }

  @Test
  void shouldLoadIndexedHistoryWithDependencies() {
    SchemaCatalog catalog = SchemaCatalog.fromClasspath(LOADER, "serialization/history");
    Schema paymentV1 = TestRecords.schemaResource("serialization/history/PaymentEvent.v1.avsc");
    Schema paymentV2 = TestRecords.schemaResource("serialization/history/PaymentEvent.v2.avsc");

    assertEquals(paymentV1, catalog.findByFingerprint(SchemaCatalog.fingerprint(paymentV1)));
    assertEquals(paymentV2, catalog.findByFingerprint(SchemaCatalog.fingerprint(paymentV2)));
    List<Schema> decisions =
        catalog.schemas().stream()
            .filter(s -> s.getName().equals("ScreeningDecision"))
            .collect(Collectors.toList());
    assertEquals(2, decisions.size());
    assertEquals(
        paymentV1,
        decisions.get(1).getField("payment").schema(),
        "the reference resolves to the listed dependency");
    assertEquals(11 + 3, catalog.schemas().size());
  }

  @Test
  void shouldAddExtraSchemasWithoutChangingTheOriginal() {
    Schema paymentV1 = TestRecords.schemaResource("serialization/history/PaymentEvent.v1.avsc");
    long fingerprint = SchemaCatalog.fingerprint(paymentV1);
    SchemaCatalog base = SchemaCatalog.currentOnly();

    SchemaCatalog extended = base.withSchemas(paymentV1);

    assertEquals(paymentV1, extended.findByFingerprint(fingerprint));
    assertNull(base.findByFingerprint(fingerprint));
  }

  @Test
  void shouldFailClearlyOnMissingIndexOrFile() {
    IllegalStateException noIndex =
        assertThrows(
            IllegalStateException.class,
            () -> SchemaCatalog.fromClasspath(LOADER, "serialization/nowhere/"));
    assertEquals("missing serialization/nowhere/INDEX on the classpath", noIndex.getMessage());

    IllegalStateException noFile =
        assertThrows(
            IllegalStateException.class,
            () -> SchemaCatalog.fromClasspath(LOADER, "serialization/broken-history/"));
    assertEquals(
        "serialization/broken-history/PaymentEvent.v9.avsc is listed in INDEX but missing",
        noFile.getMessage());
  }

  private static void assertAllReadable(SchemaCatalog catalog) {
    for (Schema writer : catalog.schemas()) {
      Schema reader =
          SchemaCatalog.currentSchemas().stream()
              .filter(s -> s.getFullName().equals(writer.getFullName()))
              .findFirst()
              .orElse(null);
      assertNotNull(reader, "no current schema named " + writer.getFullName());
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      assertTrue(
          result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
          writer.getFullName()
              + " "
              + SchemaCatalog.formatFingerprint(SchemaCatalog.fingerprint(writer))
              + ": "
              + result.getDescription());
    }
  }
}
