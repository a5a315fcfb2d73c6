package io.screener.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact labels table and its fast line reader, held to a plain line-by-line Jackson reading.
 */
class LabelsTest {
  @TempDir Path dir;

  /**
   * What the labels were before the compact table: readLine, Jackson, a HashMap, later lines win.
   */
  private static Map<String, Labels.Label> reference(String content, long[] bad)
      throws IOException {
    Map<String, Labels.Label> labels = new HashMap<>();
    JsonFactory json = JsonFactory.builder().build();
    BufferedReader reader = new BufferedReader(new StringReader(content));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String id = null;
      Boolean crypto = null;
      String scenario = null;
      try (JsonParser parser = json.createParser(line)) {
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
        bad[0]++;
        continue;
      }
      labels.put(id, new Labels.Label(crypto, scenario));
    }
    return labels;
  }

  private static final String[] LINES = {
    "{\"transactionId\":\"%s\",\"crypto\":true,\"scenario\":\"otc-dealer\"}",
    "{\"transactionId\":\"%s\",\"crypto\":false,\"scenario\":\"retail\"}",
    "{\"transactionId\":\"%s\",\"crypto\":false}",
    "{\"transactionId\":\"%s\",\"crypto\":true,\"scenario\":\"é-unicode\"}",
    "{\"transactionId\":\"%s\", \"crypto\": true}",
    "{\"crypto\":false,\"transactionId\":\"%s\"}",
    "{\"transactionId\":\"%s\",\"crypto\":\"no\"}",
    "{\"transactionId\":\"%s\",\"crypto\":true,\"scenario\":null}",
    "{\"transactionId\":\"%s\",\"crypto\":true,\"scenario\":\"a\\\"b\"}",
    "{\"transactionId\":\"%s\",\"crypto\":true}\r",
    "{\"transactionId\":\"%s\",\"crypto\":true}\r{\"transactionId\":\"cr\",\"crypto\":false}",
    "{\"transactionId\":\"%s\",\"crypto\":true",
    "{\"transactionId\":\"%s\",\"crypto\":true} x",
    "{\"transactionId\":\"%s\",\"crypto\":true,\"extra\":[1,{}]}",
    "   ",
    "",
    "not json",
    "{\"transactionId\":\"%s\",\"crypto\":true,\"scenario\":\"tab\tinside\"}",
  };

  private static final String[] IDS = {
    "tx-1", "tx-2", "tx-ü", "tx\\u0041", "tx-😀", "", "tx-" + "9".repeat(300)
  };

  @Test
  void readsEveryLineAsJacksonLineByLine() throws IOException {
    Random random = new Random(5);
    for (int round = 0; round < 30; round++) {
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        String id =
            random.nextInt(4) == 0 ? IDS[random.nextInt(IDS.length)] : "tx" + random.nextInt(3_000);
        content.append(String.format(LINES[random.nextInt(LINES.length)], id));
        if (i < 1_999 || random.nextBoolean()) {
          content.append(random.nextInt(20) == 0 ? "\r\n" : "\n");
        }
      }
      String text = content.toString();
      long[] bad = new long[1];
      Map<String, Labels.Label> expected = reference(text, bad);
      Path file = dir.resolve(round % 2 == 0 ? "labels.jsonl" : "labels.jsonl.gz");
      try (OutputStream out =
          round % 2 == 0
              ? Files.newOutputStream(file)
              : new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      Labels labels = Labels.load(file);
      assertEquals(bad[0], labels.badLines());
      for (Map.Entry<String, Labels.Label> e : expected.entrySet()) {
        assertEquals(e.getValue(), labels.of(e.getKey()), e.getKey());
      }
      for (int i = 0; i < 3_000; i++) {
        String id = "tx" + i;
        assertEquals(expected.get(id), labels.of(id), id);
      }
      for (String id : IDS) {
        assertEquals(expected.get(id), labels.of(id), id);
      }
      assertNull(labels.of("absent"));
      assertEquals(expected.isEmpty(), labels.isEmpty());
    }
  }

  /**
   * The look-up's cursor (the id after the last one found) must give what the table gives, whatever
   * the order of the questions: in file order, skipping, backwards, with absent ids between, and
   * for an id whose later line replaced its label.
   */
  @Test
  void answersTheSameInFileOrderAsInAnyOther() throws IOException {
    Path file = dir.resolve("ordered.jsonl");
    StringBuilder content = new StringBuilder();
    Map<String, Labels.Label> expected = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      String id = "tx-" + i;
      boolean crypto = i % 3 == 0;
      content.append(String.format("{\"transactionId\":\"%s\",\"crypto\":%s}\n", id, crypto));
      expected.put(id, new Labels.Label(crypto, null));
    }
    // Later lines for earlier ids: the last one wins, also when asked in file order.
    for (int i = 0; i < 5_000; i += 7) {
      String id = "tx-" + i;
      content.append(
          String.format("{\"transactionId\":\"%s\",\"crypto\":true,\"scenario\":\"again\"}\n", id));
      expected.put(id, new Labels.Label(true, "again"));
    }
    Files.writeString(file, content);
    Labels labels = Labels.load(file);
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      String id = "tx-" + i;
      assertEquals(expected.get(id), labels.of(id), id);
      if (random.nextInt(10) == 0) {
        assertNull(labels.of("tx-absent-" + i));
      }
      if (random.nextInt(50) == 0) {
        i += random.nextInt(20);
      }
    }
    for (int i = 4_999; i >= 0; i--) {
      assertEquals(expected.get("tx-" + i), labels.of("tx-" + i), "backwards " + i);
    }
    for (int k = 0; k < 20_000; k++) {
      String id = "tx-" + random.nextInt(5_100);
      assertEquals(expected.get(id), labels.of(id), "random " + id);
    }
  }

  @Test
  void holdsAMillionLabels() throws IOException {
    Path file = dir.resolve("big.jsonl");
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      content
          .append("{\"transactionId\":\"tx20260105-")
          .append(i)
          .append("\",\"crypto\":")
          .append(i % 7 == 0)
          .append(",\"scenario\":\"s")
          .append(i % 997)
          .append("\"}\n");
    }
    Files.writeString(file, content);
    Labels labels = Labels.load(file);
    assertEquals(0, labels.badLines());
    for (int i = 0; i < 200_000; i++) {
      assertEquals(new Labels.Label(i % 7 == 0, "s" + (i % 997)), labels.of("tx20260105-" + i));
    }
    assertNull(labels.of("tx20260105-200000"));
  }
}
