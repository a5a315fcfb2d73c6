package io.screener.topology;

import static io.screener.fixtures.FuzzInputs.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.ScreenerConfig;
import io.screener.config.ConfigException;
import io.screener.config.RulesDocument;
import io.screener.fixtures.FuzzInputs;
import io.screener.screening.PaymentValidation;
import io.screener.screening.RulesUpdate;
import io.screener.serialization.AvroSerde;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The rules-document validator, as {@code screener-config} is read: a document built from the
 * shipped rules and lists with fuzzed edits (values replaced, lines dropped or added, a list
 * rewritten, the version kept in step with the content or not) is either put in force under the
 * version it names, or refused with a {@link SerializationException} whose cause is the documented
 * one: a {@link ConfigException} naming the key, or the version mismatch. Nothing else is thrown.
 */
class RulesDocumentFuzzTest {
  private static final RulesDocument SHIPPED =
      shortened(RulesDocument.read(Path.of("config", "rules.properties")));
  private static final String[] LINES = SHIPPED.rules().split("\n", -1);
  private static final String[] LIST_NAMES =
      SHIPPED.lists().keySet().stream().sorted().toArray(String[]::new);
  private static final AvroSerde<ScreenerConfig> SERDE = AvroSerde.of(ScreenerConfig.class);
  private static final Deserializer<RulesUpdate> DECODER =
      new FeedValidation(
              new PaymentValidation(FuzzInputs.settings().validation()), () -> FuzzInputs.NOW)
          .rules(SERDE)
          .deserializer();

  @FuzzTest(maxDuration = "10s")
  void shouldPutInForceOrRefuseWithTheDocumentedReason(FuzzedDataProvider data) {
    List<String> lines = new ArrayList<>(Arrays.asList(LINES));
    int edits = data.consumeInt(0, 4);
    for (int i = 0; i < edits && !lines.isEmpty(); i++) {
      int at = data.consumeInt(0, lines.size() - 1);
      switch (data.consumeInt(0, 2)) {
        case 0 -> {
          String line = lines.get(at);
          int eq = line.indexOf('=');
          lines.set(at, (eq < 0 ? line : line.substring(0, eq + 1)) + data.consumeString(64));
        }
        case 1 -> lines.remove(at);
        default -> lines.add(at, data.consumeString(64));
      }
    }
    Map<String, String> lists = new LinkedHashMap<>(SHIPPED.lists());
    if (data.consumeBoolean()) {
      lists.put(LIST_NAMES[data.consumeInt(0, LIST_NAMES.length - 1)], data.consumeString(256));
    }
    String rules = String.join("\n", lines);
    String version = data.consumeBoolean() ? data.consumeString(32) : versionOf(rules, lists);
    ScreenerConfig doc =
        ScreenerConfig.newBuilder()
            .setVersion(version)
            .setRules(rules)
            .setLists(lists)
            .setPublishedBy("fuzz")
            .setPublishedAt(Instant.EPOCH)
            .build();
    byte[] bytes = SERDE.serializer().serialize("screener-config", doc);
    try {
      RulesUpdate update = DECODER.deserialize("screener-config", bytes);
      assertEquals(version, update.scorer().rules().version());
    } catch (SerializationException e) {
      assertReason(e.getMessage(), bytes);
      Throwable cause = e.getCause();
      assertTrue(
          cause instanceof ConfigException || cause.getClass() == IllegalArgumentException.class,
          () -> "refused with an undocumented exception: " + cause);
    }
  }

  /**
   * The shipped rules with each list cut to its first lines: building the full lists takes tens of
   * milliseconds, the cut ones a fraction of that, so the fuzzer tries many more documents.
   */
  private static RulesDocument shortened(RulesDocument shipped) {
    Map<String, String> lists = new LinkedHashMap<>();
    shipped
        .lists()
        .forEach(
            (name, text) ->
                lists.put(name, text.lines().limit(24).collect(Collectors.joining("\n"))));
    return new RulesDocument(shipped.source(), shipped.rules(), lists);
  }

  /** The version the content makes, or an empty one when the content names no version. */
  private static String versionOf(String rules, Map<String, String> lists) {
    try {
      return new RulesDocument("fuzz", rules, lists).version();
    } catch (ConfigException e) {
      return "";
    }
  }
}
