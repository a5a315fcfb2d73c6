package io.screener.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.ScoringRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir Path dir;

  private Path copyOfShippedConfig() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("config"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    return dir;
  }

  private static void replaceLine(Path file, String prefix, String replacement) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String updated =
        text.lines()
            .map(l -> l.startsWith(prefix) ? replacement : l)
            .reduce("", (a, b) -> a + b + "\n");
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }

  @Test
  void shouldLoadTheShippedSettings() {
    ScreenerSettings s =
        ScreenerSettings.load(Path.of("config/screener.properties"), Map.of(), Map.of());

    assertEquals("payments", s.topics().payments());
    assertEquals("payments-dead-letter", s.topics().deadLetter());
    assertEquals(Duration.ofDays(7), s.stateRetention());
    assertEquals("exactly_once_v2", s.kafka().getProperty("processing.guarantee"));
    assertTrue(s.rulesFile().endsWith(Path.of("config", "rules.properties")));
  }

  @Test
  void shouldLetEnvironmentOverrideFileAndFlagsOverrideBoth() {
    ScreenerSettings s =
        ScreenerSettings.load(
            Path.of("config/screener.properties"),
            Map.of(
                "SCREENER_TOPIC_PAYMENTS", "env-payments",
                "SCREENER_STATE_RETENTION", "3d",
                "SCREENER_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PATH", "/usr/bin"),
            Map.of("topic.payments", "flag-payments"));

    assertEquals("flag-payments", s.topics().payments());
    assertEquals(Duration.ofDays(3), s.stateRetention());
    assertEquals("SASL_SSL", s.kafka().getProperty("security.protocol"));
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ScreenerSettings.load(
                    Path.of("config/screener.properties"),
                    Map.of(),
                    Map.of("state.retention", "soon")));

    assertEquals("state.retention", e.key());
    assertEquals(
        "config key 'state.retention': not a duration (e.g. 30s, 15m, 6h, 7d): 'soon'",
        e.getMessage());
  }

  @Test
  void shouldChooseTheStateStoreKindAndNameTheKeyOfAnUnknownOne() {
    assertEquals(
        ScreenerSettings.StateStore.ROCKSDB,
        ScreenerSettings.load(Path.of("config/screener.properties"), Map.of(), Map.of())
            .stateStore());
    assertEquals(
        ScreenerSettings.StateStore.MEMORY,
        ScreenerSettings.load(
                Path.of("config/screener.properties"),
                Map.of("SCREENER_STATE_STORE", "memory"),
                Map.of())
            .stateStore());

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ScreenerSettings.load(
                    Path.of("config/screener.properties"),
                    Map.of(),
                    Map.of("state.store", "disk")));
    assertEquals("state.store", e.key());
    assertTrue(e.getMessage().contains("[ROCKSDB, MEMORY]"), e.getMessage());
  }

  @Test
  void shouldTakeTheInstanceIdFromItsVariableAndHaveNoneByDefault() {
    assertEquals(
        java.util.Optional.empty(),
        ScreenerSettings.load(Path.of("config/screener.properties"), Map.of(), Map.of())
            .instanceId());
    assertEquals(
        java.util.Optional.of("screener-2"),
        ScreenerSettings.load(
                Path.of("config/screener.properties"),
                Map.of("SCREENER_INSTANCE_ID", "screener-2"),
                Map.of())
            .instanceId());
    assertEquals(
        java.util.Optional.of("eu.west_1.screener-2"),
        ScreenerSettings.load(
                Path.of("config/screener.properties"),
                Map.of(),
                Map.of("instance.id", "eu.west_1.screener-2"))
            .instanceId());
  }

  @Test
  void shouldRefuseAnInstanceIdKafkaWouldNot() {
    for (String bad : List.of("   ", "screener 0", "screener/0", "é", ".", "..", "x".repeat(201))) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  ScreenerSettings.load(
                      Path.of("config/screener.properties"),
                      Map.of("SCREENER_INSTANCE_ID", bad),
                      Map.of()),
              "'" + bad + "'");
      assertEquals("instance.id", e.key());
      assertTrue(e.getMessage().contains("letters, digits"), e.getMessage());
    }
  }

  @Test
  void shouldRefuseAnInstanceIdWithTheStreamsProtocolOrARawGroupInstanceId() {
    ConfigException streams =
        assertThrows(
            ConfigException.class,
            () ->
                ScreenerSettings.load(
                    Path.of("config/screener.properties"),
                    Map.of("SCREENER_KAFKA_GROUP_PROTOCOL", "STREAMS"),
                    Map.of("instance.id", "screener-0")));
    assertEquals("instance.id", streams.key());
    assertTrue(
        streams.getMessage().contains("not supported by kafka.group.protocol=streams"),
        streams.getMessage());
    // The classic protocol, named or by default, is the one static membership works with.
    assertEquals(
        java.util.Optional.of("screener-0"),
        ScreenerSettings.load(
                Path.of("config/screener.properties"),
                Map.of(),
                Map.of("instance.id", "screener-0", "kafka.group.protocol", "classic"))
            .instanceId());

    for (String raw :
        List.of(
            "kafka.group.instance.id",
            "kafka.consumer.group.instance.id",
            "kafka.main.consumer.group.instance.id")) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  ScreenerSettings.load(
                      Path.of("config/screener.properties"),
                      Map.of(),
                      Map.of("instance.id", "screener-0", raw, "other")));
      assertEquals("instance.id", e.key());
      assertTrue(e.getMessage().contains("set together with " + raw), e.getMessage());
    }
  }

  @Test
  void shouldRejectUnknownKeysAndEnvironmentVariables() {
    ConfigException fromFlag =
        assertThrows(
            ConfigException.class,
            () ->
                ScreenerSettings.load(
                    Path.of("config/screener.properties"),
                    Map.of(),
                    Map.of("topic.paymnets", "x")));
    ConfigException fromEnv =
        assertThrows(
            ConfigException.class,
            () ->
                ScreenerSettings.load(
                    Path.of("config/screener.properties"),
                    Map.of("SCREENER_TOPIC_PAYMNETS", "x"),
                    Map.of()));

    assertEquals("topic.paymnets", fromFlag.key());
    assertEquals("SCREENER_TOPIC_PAYMNETS", fromEnv.key());
  }

  @Test
  void shouldStartWhereKubernetesInjectsServiceLinksForAServiceNamedScreener() {
    // What the kubelet sets for Services "screener" (port named http) and "screener-metrics".
    Map<String, String> kubernetes =
        new java.util.TreeMap<>(
            Map.of(
                "SCREENER_SERVICE_HOST", "10.96.0.12",
                "SCREENER_SERVICE_PORT", "9464",
                "SCREENER_SERVICE_PORT_HTTP", "9464",
                "SCREENER_PORT", "tcp://10.96.0.12:9464",
                "SCREENER_PORT_9464_TCP", "tcp://10.96.0.12:9464",
                "SCREENER_PORT_9464_TCP_PROTO", "tcp",
                "SCREENER_PORT_9464_TCP_PORT", "9464",
                "SCREENER_PORT_9464_TCP_ADDR", "10.96.0.12",
                "SCREENER_METRICS_SERVICE_HOST", "10.96.0.13",
                "SCREENER_METRICS_PORT_9464_UDP", "udp://10.96.0.13:9464"));
    kubernetes.put("SCREENER_TOPIC_PAYMENTS", "payments-k8s");

    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config/screener.properties"), kubernetes, Map.of());

    assertEquals("payments-k8s", settings.topics().payments());
    assertTrue(
        ScreenerSettings.fromEnvironment(kubernetes).keySet().stream()
            .noneMatch(k -> k.startsWith("kafka.")),
        () -> ScreenerSettings.fromEnvironment(kubernetes).toString());
    // Near misses are still refused: a service link has a fixed shape.
    for (String misspelt :
        List.of("SCREENER_SERVICE_HOSTS", "SCREENER_PORT_HTTP", "SCREENER_PORT_9464_TCP_HOST")) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  ScreenerSettings.load(
                      Path.of("config/screener.properties"), Map.of(misspelt, "x"), Map.of()),
              misspelt);
      assertEquals(misspelt, e.key());
    }
  }

  @Test
  void shouldNameAMissingSettingsFile() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ScreenerSettings.load(dir.resolve("nope.properties"), Map.of(), Map.of()));

    assertTrue(
        e.getMessage().matches("settings file '/.*/nope.properties': no such file .*"),
        e.getMessage());
  }

  @Test
  void shouldLoadTheShippedRulesWithAVersionThatTracksTheirContent() throws IOException {
    Path config = copyOfShippedConfig();
    ScoringRules shipped = RulesLoader.load(config.resolve("rules.properties"));
    replaceLine(config.resolve("rules.properties"), "weight.MCC_RELATED=", "weight.MCC_RELATED=11");

    ScoringRules edited = RulesLoader.load(config.resolve("rules.properties"));

    assertTrue(shipped.version().startsWith("2026.11-1+"), shipped.version());
    assertEquals(40, shipped.flagThreshold());
    assertEquals(80, shipped.blockThreshold());
    assertNotEquals(shipped.version(), edited.version());
  }

  @Test
  void shouldRequireEveryWeight() throws IOException {
    Path config = copyOfShippedConfig();
    replaceLine(config.resolve("rules.properties"), "weight.PAYEE_MULE=", "");

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RulesLoader.load(config.resolve("rules.properties")));

    assertEquals("weight.PAYEE_MULE", e.key());
  }

  @Test
  void shouldRefuseBlockThresholdBelowFlagThreshold() throws IOException {
    Path config = copyOfShippedConfig();
    replaceLine(config.resolve("rules.properties"), "threshold.block=", "threshold.block=30");

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RulesLoader.load(config.resolve("rules.properties")));

    assertEquals("threshold.block", e.key());
  }

  @Test
  void shouldRefuseMalformedMerchantCodes() throws IOException {
    Path config = copyOfShippedConfig();
    replaceLine(config.resolve("rules.properties"), "mcc.related=", "mcc.related=6211,48x9");

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RulesLoader.load(config.resolve("rules.properties")));

    assertEquals(
        "config key 'mcc.related': not a four-digit merchant category code: '48x9'",
        e.getMessage());
  }

  @Test
  void shouldNameTheListKeyWhenATermListIsBroken() throws IOException {
    Path config = copyOfShippedConfig();
    Files.writeString(
        config.resolve("memo-keywords.txt"), "NOT_A_KIND usdt\n", StandardCharsets.UTF_8);

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> RulesLoader.load(config.resolve("rules.properties")));

    assertEquals("lists.memo", e.key());
  }
}
