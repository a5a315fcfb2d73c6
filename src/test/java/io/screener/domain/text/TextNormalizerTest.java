package io.screener.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BINANCE*CARD PURCHASE|binance card purchase",
        "www.OKX.com|www okx com",
        "ＢＩＮＡＮＣＥ－ｃｏｍ|binance com",
        "１０００Ｕ|1000u",
        "  --USDT--TRC20!!  |usdt trc20",
        "a_b&c's|a b c s",
        "Crypto.com/Pay #123|crypto com pay 123",
      })
  void shouldFoldCaseWidthAndPunctuation(String input, String expected) {
    assertEquals(expected, TextNormalizer.normalize(input));
  }

  @Test
  void shouldKeepCjkAndTreatCjkPunctuationAsSeparator() {
    assertEquals("买u 1000", TextNormalizer.normalize("买U，1000"));
    assertEquals("鲸探数字藏品", TextNormalizer.normalize("鲸探数字藏品"));
    assertEquals("币 安", TextNormalizer.normalize("币·安"));
    assertEquals("星巴克 咖啡", TextNormalizer.normalize("【星巴克】　咖啡。"));
    assertEquals("幣安", TextNormalizer.normalize("幣安"));
  }

  @Test
  void shouldFoldCompatibilityFormsOfCjk() {
    assertEquals("豈", TextNormalizer.normalize("\uF900"));
    assertEquals("一", TextNormalizer.normalize("\u2F00"));
    assertEquals("カ", TextNormalizer.normalize("\uFF76"));
    assertEquals("한국 1", TextNormalizer.normalize("한국 ①"));
  }

  @Test
  void shouldKeepSupplementaryIdeographsAndAccentedLetters() {
    String extB = new String(Character.toChars(0x20000));
    assertEquals(extB + "x", TextNormalizer.normalize(extB + "X"));
    assertEquals("café 1", TextNormalizer.normalize("CAFE\u0301 #1"));
  }

  @Test
  void shouldIgnoreDefaultLocaleWhenLowercasing() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertEquals("istanbul", TextNormalizer.normalize("ISTANBUL"));
      assertEquals("istanbul", TextNormalizer.normalize("İSTANBUL"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void shouldReturnEmptyForEmptyAndSeparatorOnlyText() {
    assertEquals("", TextNormalizer.normalize(""));
    assertEquals("", TextNormalizer.normalize(" .-*# "));
    assertEquals("", TextNormalizer.normalize("，。！　"));
  }

  @Test
  void shouldReturnSameInstanceWhenAlreadyNormalized() {
    String normalized = "binance card 42";
    assertSame(normalized, TextNormalizer.normalize(normalized));
  }

  @Test
  void shouldBeIdempotent() {
    String once = TextNormalizer.normalize("ＯＫ－Ｘ　買Ｕ，1000！ USDT-trc20");
    assertEquals(once, TextNormalizer.normalize(once));
  }

  @Test
  void shouldRejectNull() {
    assertThrows(NullPointerException.class, () -> TextNormalizer.normalize(null));
  }

  @Test
  void shouldWriteIntoABufferWhatItReturnsAsAString() {
    String extB = new String(Character.toChars(0x20000));
    char[] buffer = new char[2];
    int[] length = new int[1];
    for (String input :
        List.of(
            "ＢＩＮＡＮＣＥ*Card",
            "买U，1000",
            "【星巴克】　咖啡。",
            "\uF900\u2F00\uFF76",
            "한국 ①",
            extB + "X",
            "CAFE\u0301 #1",
            "İSTANBUL",
            "  --  ",
            "already normal",
            "Wumart Supermarket")) {
      buffer = TextNormalizer.normalizeInto(input, buffer, length);
      assertEquals(TextNormalizer.normalize(input), new String(buffer, 0, length[0]), input);
    }
  }
}
