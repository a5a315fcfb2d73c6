package io.screener.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The two packaged artifacts, as the build leaves them: the service's jar (and image) holds no
 * broker, Scala or Kafka tools; the tools jar holds the demo and the bench with their broker. The
 * crash, soak and delivery tests run the service from the same jar (ScreenerProcess).
 */
class ServiceArtifactIntegrationTest {
  private static final Path SERVICE = Path.of("target", "screener.jar");
  private static final Path TOOLS = Path.of("target", "screener-tools.jar");
  private static final List<String> NOT_IN_THE_SERVICE =
      List.of(
          "kafka/server/",
          "kafka/tools/",
          "org/apache/kafka/tools/",
          "scala/",
          "io/screener/broker/",
          "io/screener/bench/",
          "io/screener/demo/",
          "io/screener/tools/");

  @Test
  void theServiceJarHoldsNoBrokerScalaOrKafkaTools() throws IOException {
    try (JarFile jar = new JarFile(SERVICE.toFile())) {
      List<String> forbidden =
          jar.stream()
              .map(ZipEntry::getName)
              .filter(name -> NOT_IN_THE_SERVICE.stream().anyMatch(name::startsWith))
              .limit(10)
              .toList();
      assertEquals(List.of(), forbidden, SERVICE + " holds tool or broker classes");
      for (String needed :
          List.of(
              "io/screener/service/ScreenerService.class",
              "io/screener/replay/Replay.class",
              "org/apache/kafka/streams/KafkaStreams.class",
              "org/rocksdb/RocksDB.class")) {
        assertTrue(jar.getEntry(needed) != null, SERVICE + " lacks " + needed);
      }
    }
    System.out.printf(
        "%s: %,d bytes; %s: %,d bytes%n", SERVICE, Files.size(SERVICE), TOOLS, Files.size(TOOLS));
  }

  @Test
  void theToolsJarHoldsTheBrokerTheDemoAndTheBench() throws IOException {
    try (JarFile jar = new JarFile(TOOLS.toFile())) {
      for (String needed :
          List.of(
              "io/screener/tools/ScreenerTools.class",
              "io/screener/broker/EmbeddedKafkaBroker.class",
              "kafka/server/KafkaRaftServer.class",
              "org/apache/kafka/tools/EndToEndLatency.class")) {
        assertTrue(jar.getEntry(needed) != null, TOOLS + " lacks " + needed);
      }
    }
  }

  @Test
  void eachJarOffersItsOwnCommands() throws Exception {
    String service = help(SERVICE);
    for (String command :
        List.of("run", "replay", "generate", "health", "publish-rules", "topics")) {
      assertTrue(service.contains("\n  " + command + " "), command + " missing from\n" + service);
    }
    assertTrue(!service.contains("\n  demo ") && !service.contains("\n  bench "), service);
    String tools = help(TOOLS);
    for (String command : List.of("run", "replay", "demo", "bench")) {
      assertTrue(tools.contains("\n  " + command + " "), command + " missing from\n" + tools);
    }
  }

  @Test
  void theBuildWritesAnSbom() throws Exception {
    Path sbom = Path.of("target", "screener-sbom.json");
    assertTrue(
        Files.isRegularFile(sbom),
        sbom + " is missing: the CycloneDX plugin writes it in online builds (offline, it skips)");
    com.fasterxml.jackson.databind.JsonNode bom =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(sbom.toFile());
    assertEquals("CycloneDX", bom.get("bomFormat").asText());
    List<String> components = new java.util.ArrayList<>();
    bom.get("components")
        .forEach(c -> components.add(c.get("group").asText() + ":" + c.get("name").asText()));
    for (String needed :
        List.of(
            "org.apache.kafka:kafka-streams", "org.rocksdb:rocksdbjni", "org.apache.avro:avro")) {
      assertTrue(components.contains(needed), needed + " in " + components);
    }
  }

  @Test
  void versionIsTheBuildsFromTheManifest() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "<artifactId>payment-screener</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(m.find(), "the project's version in pom.xml");
    for (Path jar : List.of(SERVICE, TOOLS)) {
      String out = run(jar, "--version");
      assertTrue(out.startsWith("payment-screener " + m.group(1) + "\n"), out);
    }
  }

  private static String help(Path jar) throws Exception {
    return run(jar, "--help");
  }

  private static String run(Path jar, String option) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                option)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        process.waitFor(60, TimeUnit.SECONDS), "java -jar " + jar + " --help did not finish");
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
