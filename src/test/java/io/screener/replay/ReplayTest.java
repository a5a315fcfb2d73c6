package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.cli.ScreenerCommand;
import io.screener.config.RulesLoader;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.fixtures.Payments;
import io.screener.fixtures.TestRules;
import io.screener.serialization.AvroJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay tool's files: formats, dead letters, labels and measures, what-if and the command
 * line.
 */
class ReplayTest {
  private static final long WALL_CLOCK = Payments.T0.toEpochMilli() + 86_400_000L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private static List<PaymentEvent> payments() {
    return List.of(
        Payments.toMerchant("m-ex", "Card purchase", "5999").id("tx-a").build(),
        Payments.grocery().id("tx-b").build(),
        Payments.transfer("buyer-1", "dealer-1", 718_000).id("tx-c").build(),
        Payments.toMerchant("m-travel", "Airport FX", "6051").id("tx-d").build());
  }

  private Path feeds() throws IOException {
    Files.writeString(
        dir.resolve("merchants.jsonl"),
        "{\"merchantId\":\"m-ex\",\"category\":\"EXCHANGE\",\"riskScore\":97,\"source\":\"list\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}\n");
    Files.writeString(
        dir.resolve("counterparties.jsonl"),
        "{\"accountId\":\"dealer-1\",\"category\":\"SUSPECTED_OTC_DEALER\",\"riskScore\":60,\"reports\":2,\"updatedAt\":0}\n");
    Files.writeString(
        dir.resolve("labels.jsonl"),
        "{\"transactionId\":\"tx-a\",\"crypto\":true,\"scenario\":\"exchange\"}\n"
            + "{\"transactionId\":\"tx-b\",\"crypto\":false,\"scenario\":\"shopping\"}\n"
            + "{\"transactionId\":\"tx-c\",\"crypto\":true,\"scenario\":\"otc\"}\n");
    return dir;
  }

  private Replay.Result replay(Path payments, Path labels, Path compare, Path out)
      throws IOException {
    ScreenerSettings settings =
        ScreenerSettings.load(Path.of("config", "screener.properties"), Map.of(), Map.of());
    return Replay.run(
        new Replay.Options(
            payments,
            dir.resolve("merchants.jsonl"),
            dir.resolve("counterparties.jsonl"),
            null,
            labels,
            null,
            settings,
            Scorer.standard(TestRules.shipped()),
            Path.of("config", "rules.properties"),
            compare == null ? null : Scorer.standard(RulesLoader.load(compare)),
            compare,
            out,
            false),
        new PrintStream(OutputStream.nullOutputStream()),
        () -> WALL_CLOCK);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void shouldWriteDecisionsDeadLettersAndMeasuresAgainstLabels() throws IOException {
    feeds();
    List<PaymentEvent> p = payments();
    String cryptoFalse =
        AvroJson.toJson(p.get(3))
            .replaceFirst("\\}$", ",\"crypto\":false,\"scenario\":\"travel\"}");
    Path input = dir.resolve("payments.jsonl");
    Files.writeString(
        input,
        AvroJson.toJson(p.get(0))
            + "\n"
            + AvroJson.toJson(p.get(1))
            + "\n"
            + AvroJson.toJson(p.get(2))
            + "\n"
            + cryptoFalse
            + "\noops\n\n"
            + AvroJson.toJson(p.get(1))
            + "\n"
            + AvroJson.toJson(Payments.grocery().id("tx-zero").amount(0).build())
            + "\n");
    Path out = dir.resolve("out");

    Replay.Result result = replay(input, dir.resolve("labels.jsonl"), null, out);

    assertEquals(7, result.payments());
    assertEquals(4, result.decided());
    assertEquals(1, result.duplicates());
    assertEquals(2, result.deadLetters());
    ScreeningDecision blocked =
        AvroJson.fromJson(lines(out.resolve("blocked.jsonl")).get(0), ScreeningDecision.class);
    assertEquals("tx-a", blocked.getTransactionId());
    assertEquals(95, blocked.getScore());
    assertEquals(WALL_CLOCK, blocked.getDecidedAt().toEpochMilli());
    assertEquals(List.of("tx-c"), ids(out.resolve("flagged.jsonl")));
    assertEquals(List.of("tx-b", "tx-d"), ids(out.resolve("cleared.jsonl")));
    List<String> dead = lines(out.resolve("dead-letter.jsonl"));
    assertEquals(2, dead.size());
    JsonNode decode = MAPPER.readTree(dead.get(0));
    assertEquals(5, decode.get("line").asInt());
    assertEquals("oops", decode.get("input").asText());
    assertEquals("DECODE", decode.get("stage").asText());
    JsonNode validate = MAPPER.readTree(dead.get(1));
    assertEquals(8, validate.get("line").asInt());
    assertEquals("VALIDATE", validate.get("stage").asText());
    assertEquals("amountMinor must be positive, was 0", validate.get("error").asText());

    JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
    assertEquals(1, summary.at("/decisions/BLOCK").asInt());
    assertEquals(1, summary.at("/decisions/FLAG").asInt());
    assertEquals(2, summary.at("/decisions/CLEAR").asInt());
    assertEquals(1, summary.at("/reasons/MERCHANT_EXCHANGE").asInt());
    assertEquals(2, summary.at("/categories/VIRTUAL_CURRENCY_EXCHANGE").asInt());
    assertEquals(1, summary.at("/scoreHistogram/95").asInt());
    // 6051 (30), but the name reads as foreign exchange (-20).
    assertEquals(1, summary.at("/scoreHistogram/10").asInt());
    JsonNode labels = summary.get("labels");
    assertEquals(2, labels.get("crypto").asInt());
    assertEquals(2, labels.get("notCrypto").asInt());
    assertEquals(1, labels.at("/confusionMatrix/crypto/BLOCK").asInt());
    assertEquals(1, labels.at("/confusionMatrix/crypto/FLAG").asInt());
    assertEquals(2, labels.at("/confusionMatrix/notCrypto/CLEAR").asInt());
    assertEquals(1.0, labels.at("/flagOrBlock/precision").asDouble());
    assertEquals(1.0, labels.at("/flagOrBlock/recall").asDouble());
    assertEquals(0.5, labels.at("/block/recall").asDouble());
    assertEquals(0.666667, labels.at("/thresholds/10/precision").asDouble());
    assertEquals(1.0, labels.at("/thresholds/30/precision").asDouble());
    assertEquals(1.0, labels.at("/thresholds/50/precision").asDouble());
    assertEquals(1.0, labels.at("/thresholds/55/recall").asDouble());
    assertEquals(0.5, labels.at("/thresholds/56/recall").asDouble());
    assertEquals(1.0, labels.at("/scenarios/otc/recall").asDouble());
    assertEquals(0.0, labels.at("/scenarios/travel/falsePositiveRate").asDouble());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg"));
    assertFalse(
        html.contains("http://")
            && html.replace("http://www.w3.org/2000/svg", "").contains("http://"));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of(
              "account-actions.jsonl",
              "blocked.jsonl",
              "cleared.jsonl",
              "dead-letter.jsonl",
              "flagged.jsonl",
              "report.html",
              "summary.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    // The blocked exchange payment warns the exchange's account.
    List<String> actions = Files.readAllLines(out.resolve("account-actions.jsonl"));
    assertEquals(1, actions.size());
    assertTrue(
        actions.get(0).contains("\"accountId\":\"m-ex\"")
            && actions.get(0).contains("\"status\":\"WARNED\""),
        actions.get(0));
  }

  @Test
  void shouldReadCsvGzipAndAvroAsJsonLines() throws IOException {
    feeds();
    List<PaymentEvent> p = payments();
    StringBuilder jsonl = new StringBuilder();
    StringBuilder csv =
        new StringBuilder(
            "transactionId,eventTime,type,payerId,payeeId,payeeType,amountMinor,currency,merchantName,mcc,memo,channel,deviceId\n");
    for (PaymentEvent e : p) {
      jsonl.append(AvroJson.toJson(e)).append('\n');
      csv.append(
              String.join(
                  ",",
                  e.getTransactionId(),
                  e.getEventTime().toString(),
                  e.getType().name(),
                  e.getPayerId(),
                  e.getPayeeId(),
                  e.getPayeeType().name(),
                  Long.toString(e.getAmountMinor()),
                  e.getCurrency(),
                  e.getMerchantName() == null
                      ? ""
                      : "\"" + e.getMerchantName().replace("\"", "\"\"") + "\"",
                  e.getMcc() == null ? "" : e.getMcc(),
                  "",
                  e.getChannel(),
                  e.getDeviceId()))
          .append('\n');
    }
    Files.writeString(dir.resolve("p.jsonl"), jsonl);
    Files.writeString(dir.resolve("p.csv"), csv);
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("p.jsonl.gz")))) {
      gz.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }
    try (DataFileWriter<PaymentEvent> avro =
        new DataFileWriter<>(new SpecificDatumWriter<>(PaymentEvent.class))) {
      avro.create(PaymentEvent.getClassSchema(), dir.resolve("p.avro").toFile());
      p.forEach(
          e -> {
            try {
              avro.append(e);
            } catch (IOException x) {
              throw new AssertionError(x);
            }
          });
    }

    replay(dir.resolve("p.jsonl"), null, null, dir.resolve("jsonl"));
    for (String name : List.of("p.csv", "p.jsonl.gz", "p.avro")) {
      Replay.Result result = replay(dir.resolve(name), null, null, dir.resolve("out-" + name));
      assertEquals(0, result.deadLetters(), name);
      for (String file : List.of("blocked.jsonl", "flagged.jsonl", "cleared.jsonl")) {
        assertEquals(
            lines(dir.resolve("jsonl").resolve(file)),
            lines(dir.resolve("out-" + name).resolve(file)),
            name + " " + file);
      }
    }
    assertEquals(List.of("tx-a"), ids(dir.resolve("out-p.csv").resolve("blocked.jsonl")));
  }

  @Test
  void shouldListPaymentsWhoseDecisionMovesUnderOtherRules() throws IOException {
    feeds();
    Path rules = dir.resolve("rules-b");
    Files.createDirectories(rules);
    for (String f : List.of("crypto-merchants.tsv", "merchant-words.txt", "memo-keywords.txt")) {
      Files.copy(Path.of("config", f), rules.resolve(f));
    }
    Files.writeString(
        rules.resolve("rules.properties"),
        Files.readString(Path.of("config", "rules.properties"))
            .replace("threshold.flag=40", "threshold.flag=10"));
    Path input = dir.resolve("payments.jsonl");
    StringBuilder jsonl = new StringBuilder();
    payments().forEach(e -> jsonl.append(AvroJson.toJson(e)).append('\n'));
    Files.writeString(input, jsonl);
    Path out = dir.resolve("out");

    Replay.Result result =
        replay(input, dir.resolve("labels.jsonl"), rules.resolve("rules.properties"), out);

    assertEquals(1, result.diffs());
    List<String> diff = lines(out.resolve("diff.jsonl"));
    assertEquals(1, diff.size());
    JsonNode d = MAPPER.readTree(diff.get(0));
    assertEquals("tx-d", d.get("transactionId").asText());
    assertEquals("CLEAR -> FLAG", d.get("moved").asText());
    assertEquals("CLEAR", d.at("/a/decision").asText());
    assertEquals("FLAG", d.at("/b/decision").asText());
    assertEquals("MCC_CRYPTO", d.at("/b/reasons/0/code").asText());
    JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
    assertEquals(1, summary.at("/compare/moved/CLEAR -> FLAG").asInt());
    assertEquals(1, summary.at("/compare/decisions/CLEAR").asInt());
    assertEquals(1.0, summary.at("/compare/labels/flagOrBlock/recall").asDouble());
  }

  @Test
  void shouldExitTwoOnUnusableArgumentsAndWriteNothing() throws IOException {
    Path out = dir.resolve("out");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    PrintStream err = System.err;
    try {
      System.setErr(quiet);
      var cli = ScreenerCommand.commandLine();
      cli.setErr(new java.io.PrintWriter(quiet, false, java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(
          2,
          cli.execute(
              "replay",
              "--payments",
              dir.resolve("missing.jsonl").toString(),
              "--out",
              out.toString()));
      Files.writeString(dir.resolve("p.txt"), "x");
      assertEquals(
          2,
          cli.execute(
              "replay", "--payments", dir.resolve("p.txt").toString(), "--out", out.toString()));
      Files.writeString(dir.resolve("p.jsonl"), AvroJson.toJson(Payments.grocery().build()) + "\n");
      assertEquals(2, cli.execute("replay", "--payments", dir.resolve("p.jsonl").toString()));
      assertFalse(Files.exists(out));
      Files.write(dir.resolve("p.jsonl.gz"), new byte[] {31, -117, 8, 0, 1, 2});
      assertEquals(
          1,
          cli.execute(
              "replay",
              "--payments",
              dir.resolve("p.jsonl.gz").toString(),
              "--out",
              out.toString(),
              "--rules",
              "config/rules.properties",
              "--config",
              "config/screener.properties"));
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(List.of(), files.toList());
      }
      // The labels load on their own thread: a file that fails midway still fails the run, and
      // leaves nothing behind.
      Files.write(dir.resolve("labels.jsonl.gz"), new byte[] {31, -117, 8, 0, 1, 2});
      assertEquals(
          1,
          cli.execute(
              "replay",
              "--payments",
              dir.resolve("p.jsonl").toString(),
              "--out",
              out.toString(),
              "--labels",
              dir.resolve("labels.jsonl.gz").toString(),
              "--rules",
              "config/rules.properties",
              "--config",
              "config/screener.properties"));
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(List.of(), files.toList());
      }
      assertEquals(
          0,
          cli.execute(
              "replay",
              "--payments",
              dir.resolve("p.jsonl").toString(),
              "--out",
              out.toString(),
              "--rules",
              "config/rules.properties",
              "--config",
              "config/screener.properties"));
      assertEquals(1, lines(out.resolve("cleared.jsonl")).size());
    } finally {
      System.setErr(err);
    }
  }

  private static List<String> ids(Path file) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : lines(file)) {
      ids.add(AvroJson.fromJson(line, ScreeningDecision.class).getTransactionId());
    }
    return ids;
  }
}
