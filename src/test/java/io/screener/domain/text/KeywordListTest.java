package io.screener.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordListTest {

  enum Kind {
    EXCHANGE,
    COVER_WORD
  }

  private static KeywordIndex<Kind> parse(String content) throws IOException {
    return KeywordList.load(new StringReader(content), "test.txt", Kind.class);
  }

  private static String kinds(List<Hit<Kind>> hits) {
    return hits.stream().map(h -> h.value() + ":" + h.term()).collect(Collectors.joining(", "));
  }

  @Test
  void shouldParseKindsTermsCommentsAndExclusions() throws IOException {
    KeywordIndex<Kind> index =
        parse(
            "\uFEFF# header comment\n"
                + "\n"
                + "EXCHANGE   binance.com\n"
                + "EXCHANGE\tmagic eden   # trailing comment\n"
                + "  COVER_WORD  货款  \n"
                + "EXCHANGE  c#x\n"
                + "EXCLUDE  付货款\n");
    assertEquals(4, index.size());
    assertEquals("EXCHANGE:binance com", kinds(index.find("BINANCE.COM")));
    assertEquals("EXCHANGE:magic eden", kinds(index.find("Magic-Eden NFT")));
    assertEquals("EXCHANGE:c x", kinds(index.find("C#X")));
    assertEquals("COVER_WORD:货款", kinds(index.find("货款")));
    assertEquals("", kinds(index.find("付货款")));
  }

  @Test
  void shouldNameFileAndLineOfUnknownKind() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> parse("# ok\nEXCHANGE okx\nEXCHANGES kraken\n"));
    assertTrue(e.getMessage().startsWith("test.txt:3: unknown kind 'EXCHANGES'"), e.getMessage());
    assertTrue(e.getMessage().contains("[EXCHANGE, COVER_WORD]"), e.getMessage());
  }

  @Test
  void shouldNameLineOfMissingTerm() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> parse("EXCHANGE okx\n\nEXCHANGE   # nothing\n"));
    assertTrue(e.getMessage().startsWith("test.txt:3: missing term"), e.getMessage());
  }

  @Test
  void shouldNameLineOfTermThatNormalizesToEmpty() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse("EXCHANGE okx\nEXCLUDE ***\n"));
    assertTrue(e.getMessage().startsWith("test.txt:2: term '***'"), e.getMessage());
  }

  @Test
  void shouldNameFilePathWhenLoadingFromDisk(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "EXCHANGE binance\nexchange okx\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeywordList.load(file, Kind.class));
    assertTrue(e.getMessage().startsWith(file + ":2: unknown kind 'exchange'"), e.getMessage());
  }

  @Test
  void shouldLoadFromDiskAsUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ok.txt");
    Files.writeString(file, "EXCHANGE 币安\n", StandardCharsets.UTF_8);
    assertEquals("EXCHANGE:币安", kinds(KeywordList.load(file, Kind.class).find("在币安充值")));
    assertEquals(
        "EXCHANGE:币安",
        kinds(KeywordList.load(new StringReader("EXCHANGE 币安"), Kind.class).find("币安")));
  }
}
