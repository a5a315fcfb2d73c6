package io.screener.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped memo list under {@code config/} loads and behaves on obvious and ordinary texts (the
 * merchant universe and vocabulary: {@code io.screener.domain.merchant.ShippedMerchantListsTest}).
 */
class KeywordDataFilesTest {

  enum MemoKind {
    CRYPTO_TERM,
    DERIVATIVES_TERM,
    NFT_TERM,
    COVER_WORD
  }

  private static KeywordIndex<MemoKind> memos;

  @BeforeAll
  static void load() throws IOException {
    memos = KeywordList.load(Path.of("config", "memo-keywords.txt"), MemoKind.class);
  }

  private static <K> Set<K> kinds(List<Hit<K>> hits) {
    return hits.stream().map(Hit::value).collect(Collectors.toSet());
  }

  @Test
  void shouldLoadShippedMemoList() {
    assertTrue(memos.size() > 50, "memo terms: " + memos.size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "买u 1000|CRYPTO_TERM",
        "出U，USDT-TRC20|CRYPTO_TERM",
        "1000u|CRYPTO_TERM",
        "100usdt|CRYPTO_TERM",
        "比特币|CRYPTO_TERM",
        "买币|CRYPTO_TERM",
        "人民币1000 买usdt|CRYPTO_TERM",
        "虚拟货币|CRYPTO_TERM",
        "承兑 u商|CRYPTO_TERM",
        "泰达币|CRYPTO_TERM",
        "永续合约 带单|DERIVATIVES_TERM",
        "数字藏品|NFT_TERM",
        "NFT|NFT_TERM",
        "货款|COVER_WORD",
      })
  void shouldHitCryptoMemos(String memo, MemoKind kind) {
    List<Hit<MemoKind>> hits = memos.find(memo);
    assertTrue(kinds(hits).contains(kind), memo + " -> " + hits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "人民币",
        "game coin top-up 游戏币",
        "Wumart supermarket",
        "星巴克",
        "美团外卖",
        "中国石化",
        "港币兑换",
        "Q币充值",
        "买u盘",
        "thank u",
        "buy menu",
        "银行承兑汇票",
        "天津泰达",
        "收藏品",
        "货币基金",
        "租房合约",
      })
  void shouldNotHitOrdinaryMemos(String memo) {
    assertEquals(List.of(), memos.find(memo), memo);
  }

  @Test
  void shouldKeepOnlyCoverWordForPlainSupplierPayment() {
    assertEquals(Set.of(MemoKind.COVER_WORD), kinds(memos.find("付货款 人民币5000")));
  }
}
