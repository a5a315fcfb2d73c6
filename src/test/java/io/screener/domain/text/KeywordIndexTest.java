package io.screener.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordIndexTest {

  private static KeywordIndex<String> index(String... terms) {
    KeywordIndex.Builder<String> builder = KeywordIndex.builder();
    for (String term : terms) {
      builder.add(term, term);
    }
    return builder.build();
  }

  /** Hits rendered as {@code term@start-end}, in result order. */
  private static String render(List<? extends Hit<?>> hits) {
    return hits.stream()
        .map(h -> h.term() + "@" + h.start() + "-" + h.end())
        .collect(Collectors.joining(", "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"买u 1000", "买U，1000", "u 1000", "1000u", "1000 U", "收 u", "＿Ｕ＿"})
  void shouldMatchSingleLetterTermAsWord(String text) {
    assertTrue(index("u").matchesAny(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"buy", "usdt", "tutu", "Uber", "menu", "UU"})
  void shouldNotMatchSingleLetterTermInsideWord(String text) {
    assertFalse(index("u").matchesAny(text), text);
  }

  @Test
  void shouldTreatSwitchBetweenDigitAndLetterAsBoundary() {
    KeywordIndex<String> index = index("usdt", "1000");
    assertEquals("usdt@3-7", render(index.find("100USDT")));
    assertEquals("usdt@0-4", render(index.find("USDT-TRC20")));
    assertEquals("usdt@0-4", render(index.find("usdt2")));
    assertEquals("1000@0-4, usdt@4-8", render(index.find("1000usdt")));
    assertEquals("", render(index.find("xusdt usdtx 10000 21000")));
  }

  @Test
  void shouldMatchChineseTermsAnywhere() {
    KeywordIndex<String> index = index("币安", "鲸探");
    assertEquals("币安@1-3", render(index.find("在币安买币")));
    assertEquals("币安@7-9", render(index.find("Binance币安")));
    assertEquals("鲸探@0-2", render(index.find("鲸探数字藏品")));
  }

  @Test
  void shouldApplyBoundaryOnlyToLatinEdgeOfMixedTerm() {
    KeywordIndex<String> index = index("u商", "出u");
    assertEquals("u商@0-2", render(index.find("u商")));
    assertEquals("", render(index.find("pu商")));
    assertEquals("出u@1-3", render(index.find("可出u")));
    assertEquals("", render(index.find("出usdt")));
  }

  @Test
  void shouldReportOverlappingAndNestedTermsThroughOutputLinks() {
    KeywordIndex<String> index = index("比特", "比特币", "特币", "币", "买比");
    assertEquals("买比@0-2, 比特币@1-4, 比特@1-3, 特币@2-4, 币@3-4", render(index.find("买比特币")));
  }

  @Test
  void shouldReportNestedLatinTermsWithSpaces() {
    KeywordIndex<String> index = index("nft", "nft marketplace", "marketplace", "ace");
    assertEquals(
        "nft marketplace@5-20, nft@5-8, marketplace@9-20",
        render(index.find("best NFT-Marketplace")));
  }

  @Test
  void shouldFindEveryOccurrence() {
    assertEquals("u@0-1, u@2-3, u@4-5", render(index("u").find("u u U")));
    assertEquals("币@0-1, 币@1-2, 币@2-3", render(index("币").find("币币币")));
  }

  @Test
  void shouldKeepEveryValueOfADuplicateTerm() {
    KeywordIndex<String> index =
        KeywordIndex.<String>builder()
            .add("Binance", "exchange")
            .add("BINANCE", "brand")
            .add("binance", "exchange")
            .build();
    List<Hit<String>> hits = index.find("binance");
    assertEquals(
        List.of(new Hit<>("binance", "exchange", 0, 7), new Hit<>("binance", "brand", 0, 7)), hits);
    assertEquals(2, index.size());
  }

  @Test
  void shouldRejectTermThatNormalizesToEmpty() {
    KeywordIndex.Builder<String> builder = KeywordIndex.builder();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.add(" *-- ", "x"));
    assertTrue(e.getMessage().contains("' *-- '"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.exclude("。"));
    assertThrows(NullPointerException.class, () -> builder.add(null, "x"));
    assertThrows(NullPointerException.class, () -> builder.add("x", null));
  }

  @Test
  void shouldHandleEmptyTextAndEmptyIndex() {
    KeywordIndex<String> index = index("u");
    assertEquals(List.of(), index.find(""));
    assertEquals(List.of(), index.findCompact(""));
    assertFalse(index.matchesAny(" ,. "));
    assertEquals(Optional.empty(), index.first(""));
    KeywordIndex<String> empty = KeywordIndex.<String>builder().build();
    assertEquals(0, empty.size());
    assertEquals(List.of(), empty.findCompact("anything at all 币安"));
  }

  @Test
  void shouldSuppressHitsOverlappingAnExclusion() {
    KeywordIndex<String> index =
        KeywordIndex.<String>builder()
            .add("币", "coin")
            .add("币安", "binance")
            .add("虚拟货币", "crypto")
            .add("usdt", "usdt")
            .exclude("人民币")
            .exclude("货币")
            .build();
    assertEquals("", render(index.find("人民币")));
    assertEquals("", render(index.find("人民币安全")));
    assertEquals("币@1-2", render(index.find("买币")));
    assertEquals("虚拟货币@0-4", render(index.find("虚拟货币")));
    assertEquals("币@8-9, usdt@10-14", render(index.find("人民币500 买币 usdt")));
    assertFalse(index.matchesAny("人民币"));
    assertTrue(index.matchesAny("人民币买币"));
  }

  @Test
  void shouldLetExclusionWinOnIdenticalSpan() {
    KeywordIndex<String> index =
        KeywordIndex.<String>builder().add("承兑", "x").exclude("承兑").build();
    assertEquals("", render(index.find("承兑")));
  }

  @Test
  void shouldMatchAcrossSeparatorsOnlyInCompactMode() {
    KeywordIndex<String> index = index("okx", "binance", "gate io", "币安");
    assertEquals("", render(index.find("OK-X")));
    assertEquals("okx@0-4", render(index.findCompact("OK-X")));
    assertEquals("binance@0-8", render(index.findCompact("B.inance")));
    assertEquals("gate io@0-6", render(index.findCompact("GATEIO")));
    assertEquals("gate io@0-7", render(index.findCompact("gate.io")));
    assertEquals("币安@2-5", render(index.findCompact("买 币 安")));
  }

  @Test
  void shouldRequireWholeTokensInCompactMode() {
    KeywordIndex<String> index = index("okx", "币安", "binance");
    assertEquals("", render(index.findCompact("book xyz")));
    assertEquals("", render(index.findCompact("abin ance")));
    assertEquals("", render(index.findCompact("人民币 安全")));
    assertEquals("", render(index.findCompact("binan cex")));
    // A known, documented risk of compact matching: whole words can assemble a short term.
    assertEquals("okx@0-4", render(index.findCompact("ok x-ray")));
  }

  @Test
  void shouldSkipShortTermsInCompactMode() {
    KeywordIndex<String> index =
        KeywordIndex.<String>builder().add("bt", "bt").add("币", "coin").build();
    assertEquals("", render(index.findCompact("b t")));
    KeywordIndex<String> strict =
        KeywordIndex.<String>builder().add("okx", "okx").compactMinLength(5).build();
    assertEquals("", render(strict.findCompact("OK-X")));
    assertThrows(
        IllegalArgumentException.class, () -> KeywordIndex.<String>builder().compactMinLength(0));
  }

  @Test
  void shouldTellCompactHitsApart() {
    KeywordIndex<String> index = index("binance");
    String text = "B.inance binance";
    String normalized = TextNormalizer.normalize(text);
    List<Hit<String>> hits = index.findCompact(text);
    assertEquals("binance@0-8, binance@9-16", render(hits));
    assertTrue(hits.get(0).isCompact(normalized));
    assertFalse(hits.get(1).isCompact(normalized));
  }

  @Test
  void shouldPickFirstAndStrongestHit() {
    KeywordIndex<Integer> index =
        KeywordIndex.<Integer>builder()
            .add("工资", 1)
            .add("usdt", 3)
            .add("u", 2)
            .add("usdt trc20", 3)
            .build();
    List<Hit<Integer>> hits = index.find("工资 usdt trc20 u");
    assertEquals("工资", index.first("工资 usdt trc20 u").orElseThrow().term());
    assertEquals(
        "usdt trc20", KeywordIndex.strongest(hits, Integer::intValue).orElseThrow().term());
    assertEquals(
        Optional.empty(), KeywordIndex.strongest(List.<Hit<Integer>>of(), Integer::intValue));
  }
}
