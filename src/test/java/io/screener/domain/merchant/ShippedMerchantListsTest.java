package io.screener.domain.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.DescriptorKind;
import io.screener.domain.ScoringRules.MerchantRules;
import io.screener.domain.text.Hit;
import io.screener.fixtures.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped universe ({@code config/crypto-merchants.tsv}) and vocabulary load and find what they
 * should.
 */
class ShippedMerchantListsTest {
  private static final MerchantRules MERCHANTS = TestRules.shipped().merchants();

  private static Set<DescriptorKind> kinds(String descriptor) {
    return MERCHANTS.universe().find(descriptor).stream()
        .map(h -> h.value().brand().kind())
        .collect(Collectors.toSet());
  }

  @Test
  void shouldHoldAUniverseOfBrandsEachWithItsSource() throws IOException {
    assertTrue(MERCHANTS.universe().size() > 150, "brands: " + MERCHANTS.universe().size());
    List<String> rows =
        Files.readAllLines(Path.of("config", "crypto-merchants.tsv")).stream()
            .filter(l -> !l.startsWith("#") && !l.startsWith("kind\t") && !l.isBlank())
            .toList();
    for (String row : rows) {
      String[] f = row.split("\t", -1);
      assertEquals(5, f.length, row);
      assertTrue(!f[4].isBlank() && !f[4].equals("-"), "no source: " + row);
      assertEquals(f[3].toLowerCase(java.util.Locale.ROOT), f[3], "hosts are lowercase: " + row);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BINANCE*CARD PURCHASE|EXCHANGE",
        "www.okx.com|EXCHANGE",
        "币安|EXCHANGE",
        "ＢＩＮＡＮＣＥ|EXCHANGE",
        "B.inance|EXCHANGE",
        "OK-X|EXCHANGE",
        "HUOBI GLOBAL|EXCHANGE",
        "火币网|EXCHANGE",
        "GATEIO|EXCHANGE",
        "抹茶交易所|EXCHANGE",
        "CRYPTO.COM VISA|EXCHANGE",
        "Coinbase UK|EXCHANGE",
        "PAYWARD*KRAKEN|EXCHANGE",
        "MOONPAY*BTC|CRYPTO_ONRAMP",
        "RAMP.NETWORK|CRYPTO_ONRAMP",
        "OpenSea.io|NFT_PLATFORM",
        "Trust Wallet|WALLET",
        "PAXFUL|P2P_MARKET",
      })
  void shouldFindObviousCryptoMerchants(String descriptor, DescriptorKind kind) {
    assertTrue(
        kinds(descriptor).contains(kind),
        descriptor + " -> " + MERCHANTS.universe().find(descriptor));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Wumart supermarket",
        "星巴克",
        "美团外卖",
        "中国石化",
        "game coin top-up 游戏币",
        "人民币",
        "抹茶拿铁 Matcha Latte",
        "芝麻开门锁业",
        "COIN LAUNDRY",
        "RAMP PARKING",
        "煤矿机械厂",
        "滴滴出行",
        "OKAY XPRESS",
        "Bitter Melon Cafe",
        "鲸探 数字藏品",
        "腾讯云区块链 TBaaS",
      })
  void shouldNotNameOrdinaryMerchantsOrLicensedPartners(String descriptor) {
    List<Hit<CryptoUniverse.Term>> hits = MERCHANTS.universe().find(descriptor);
    assertEquals(List.of(), hits, descriptor);
  }

  @Test
  void shouldMarkBrandsThatAreOrdinaryWords() {
    Hit<CryptoUniverse.Term> gemini = MERCHANTS.universe().find("Gemini").get(0);
    Hit<CryptoUniverse.Term> binance = MERCHANTS.universe().find("Binance").get(0);

    assertTrue(gemini.value().commonWord());
    assertTrue(!binance.value().commonWord());
  }

  @Test
  void shouldReadMerchantVocabulary() {
    Descriptor d = Descriptor.read("中国银行外币兑换 Car Wash*BUY CRYPTO LTD", MERCHANTS.vocabulary());

    assertEquals(List.of("银行", "外币", "兑换"), d.all(MerchantWord.FINANCE));
    assertEquals("car wash", d.first(MerchantWord.TRADE));
    assertEquals("buy crypto", d.first(MerchantWord.CRYPTO));
    assertTrue(d.all(MerchantWord.FILLER).contains("ltd"), d.all(MerchantWord.FILLER)::toString);
  }
}
