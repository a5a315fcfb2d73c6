package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.screener.avro.Decision;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.fixtures.Payments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The writer writes lines at once and counts them with their labels once those are loaded. */
class DecisionWriterTest {
  @TempDir Path dir;

  private static final class Lines extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized long count() {
      return bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count();
    }
  }

  private static ScreeningDecision decision(int i, Decision decision) {
    PaymentEvent payment = Payments.grocery().id("tx-" + i).build();
    return new ScreeningDecision(
        payment.getTransactionId(),
        decision,
        decision == Decision.CLEAR ? 0 : 90,
        null,
        List.of(),
        payment,
        "v1",
        Instant.ofEpochMilli(1));
  }

  @Test
  @Timeout(60)
  void shouldWriteLinesWhileTheLabelsLoadAndCountThemOnceLoaded() throws Exception {
    Path labelsFile = dir.resolve("labels.jsonl");
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 3_000; i += 2) {
      labels
          .append("{\"transactionId\":\"tx-")
          .append(i)
          .append("\",\"crypto\":")
          .append(i % 4 == 0)
          .append("}\n");
    }
    Files.writeString(labelsFile, labels);
    CompletableFuture<Labels> pending = new CompletableFuture<>();
    Lines blocked = new Lines();
    Lines cleared = new Lines();
    OutputStream[] byDecision = new OutputStream[3];
    byDecision[Decision.BLOCK.ordinal()] = blocked;
    byDecision[Decision.FLAG.ordinal()] = new ByteArrayOutputStream();
    byDecision[Decision.CLEAR.ordinal()] = cleared;
    StringWriter diffText = new StringWriter();
    JsonGenerator diff = JsonFactory.builder().build().createGenerator(diffText);
    diff.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    DecisionWriter writer = new DecisionWriter(pending, byDecision, diff);

    for (int i = 0; i < 3_000; i++) {
      Decision a = i % 3 == 0 ? Decision.BLOCK : Decision.CLEAR;
      // The comparison clears every tenth payment the first model blocks.
      Decision b = i % 30 == 0 ? Decision.CLEAR : a;
      writer.add(
          decision(i, a), decision(i, b), new InputRecord<>(i + 1, "line", null, null, null, null));
    }
    // Lines go out although no label is loaded yet (all but the batch still being filled).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (blocked.count() + cleared.count() < 2_560 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(
        blocked.count() + cleared.count() >= 2_560,
        "lines written before the labels: " + (blocked.count() + cleared.count()));
    assertEquals(0, writer.stats.decided, "nothing is counted before the labels");

    pending.complete(Labels.load(labelsFile));
    writer.finish();
    diff.flush();

    assertEquals(1_000, blocked.count());
    assertEquals(2_000, cleared.count());
    assertEquals(3_000, writer.stats.decided);
    // Labelled: even ids; crypto: multiples of 4. Blocked: multiples of 3.
    assertEquals(
        250,
        writer.stats.confusion[0][Decision.BLOCK.ordinal()],
        "crypto and blocked: multiples of 12");
    assertEquals(
        250, writer.stats.confusion[1][Decision.BLOCK.ordinal()], "labelled, not crypto, blocked");
    assertEquals(
        500, writer.stats.confusion[2][Decision.BLOCK.ordinal()], "unlabelled and blocked");
    assertEquals(100, writer.diffs);
    List<String> diffLines = diffText.toString().lines().toList();
    assertEquals(100, diffLines.size());
    for (int k = 0; k < 100; k++) {
      assertTrue(
          diffLines.get(k).contains("\"transactionId\":\"tx-" + 30 * k + "\""), diffLines.get(k));
      assertEquals(k % 2 == 0, diffLines.get(k).contains("\"crypto\":true"), diffLines.get(k));
    }
  }

  @Test
  @Timeout(60)
  void shouldFailTheRunWhenTheLabelsFailAfterLinesWereWritten() throws Exception {
    CompletableFuture<Labels> pending = new CompletableFuture<>();
    OutputStream[] byDecision = {
      new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()
    };
    DecisionWriter writer = new DecisionWriter(pending, byDecision, null);
    for (int i = 0; i < 1_000; i++) {
      writer.add(
          decision(i, Decision.CLEAR),
          null,
          new InputRecord<>(i + 1, "line", null, null, null, null));
    }
    pending.completeExceptionally(
        new IOException("labels.jsonl.gz: Unexpected end of ZLIB input stream"));
    IOException e = assertThrows(IOException.class, writer::finish);
    assertEquals("labels.jsonl.gz: Unexpected end of ZLIB input stream", e.getMessage());
  }
}
