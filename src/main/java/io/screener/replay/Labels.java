package io.screener.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Ground truth for measuring the screener: JSON Lines of {@code {"transactionId": ..., "crypto":
 * true|false, "scenario": ...}} (scenario optional). Held in memory: about 100 bytes per labelled
 * payment.
 */
public final class Labels {
  /** A payment's label. */
  public record Label(boolean crypto, String scenario) {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final Map<String, Label> byTransaction;
  private final long badLines;

  private Labels(Map<String, Label> byTransaction, long badLines) {
    this.byTransaction = byTransaction;
    this.badLines = badLines;
  }

  public static Labels none() {
    return new Labels(Map.of(), 0);
  }

  /** Reads a labels file; lines without a transaction id and a boolean {@code crypto} are counted and skipped. */
  public static Labels load(Path file) throws IOException {
    Map<String, Label> labels = new HashMap<>();
    Map<Label, Label> shared = new HashMap<>();
    long bad = 0;
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String id = null;
        Boolean crypto = null;
        String scenario = null;
        try (JsonParser parser = JSON.createParser(line)) {
          if (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              JsonToken token = parser.nextToken();
              if (name.equals("transactionId") && token == JsonToken.VALUE_STRING) {
                id = parser.getText();
              } else if (name.equals("crypto") && token.isBoolean()) {
                crypto = token == JsonToken.VALUE_TRUE;
              } else if (name.equals("scenario") && token == JsonToken.VALUE_STRING) {
                scenario = parser.getText();
              } else {
                parser.skipChildren();
              }
            }
          }
        } catch (IOException e) {
          id = null;
        }
        if (id == null || crypto == null) {
          bad++;
          continue;
        }
        Label label = new Label(crypto, scenario);
        labels.put(id, shared.computeIfAbsent(label, l -> l));
      }
    }
    return new Labels(labels, bad);
  }

  /** The label of a transaction, or null. */
  public Label of(String transactionId) {
    return byTransaction.get(transactionId);
  }

  public boolean isEmpty() {
    return byTransaction.isEmpty();
  }

  public long badLines() {
    return badLines;
  }
}
