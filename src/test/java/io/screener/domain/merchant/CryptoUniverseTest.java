package io.screener.domain.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.DescriptorKind;
import io.screener.domain.text.Hit;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CryptoUniverseTest {
  private static final String FILE =
      """
      # a comment
      kind\tbrand\tnames\thosts\tsource
      EXCHANGE\tBinance\tBinance|币安\tbinance.com\tccxt@1:binance
      EXCHANGE\tGemini\t~Gemini\tgemini.com\tccxt@1:gemini
      CRYPTO_ONRAMP\tMoonPay\tMoonPay\tmoonpay.com|moonpay.io\tcurated: moonpay.com
      EXCLUDE\t-\t人民币\t-\tcurated
      """;

  private static CryptoUniverse universe(String text) throws IOException {
    return CryptoUniverse.parse(new StringReader(text), "test.tsv");
  }

  @Test
  void shouldFindBrandsByNameInEitherScriptAndTellCommonWords() throws IOException {
    CryptoUniverse u = universe(FILE);

    assertEquals(3, u.size());
    List<Hit<CryptoUniverse.Term>> hits = u.find("B.inance 币安 充值");
    assertEquals(2, hits.size(), hits::toString);
    assertTrue(
        hits.stream()
            .allMatch(h -> h.value().brand().name().equals("Binance") && !h.value().commonWord()));
    Hit<CryptoUniverse.Term> gemini = u.find("GEMINI PAY").get(0);
    assertTrue(gemini.value().commonWord());
    assertEquals(DescriptorKind.EXCHANGE, gemini.value().brand().kind());
    assertEquals("ccxt@1:gemini", gemini.value().brand().source());
  }

  @Test
  void shouldHonourExclusions() throws IOException {
    assertEquals(List.of(), universe(FILE).find("人民币安全"));
  }

  @Test
  void shouldFindBrandByHostOrParentDomain() throws IOException {
    CryptoUniverse u = universe(FILE);

    assertEquals("MoonPay", u.byHost("buy.moonpay.io").name());
    assertEquals("Binance", u.byHost("BINANCE.COM").name());
    assertSame(u.byHost("moonpay.com"), u.byHost("app.moonpay.com"));
    assertNull(u.byHost("com"));
    assertNull(u.byHost("notbinance.com"));
  }

  @Test
  void shouldRejectMalformedLinesNamingSourceAndLine() {
    IllegalArgumentException fields =
        assertThrows(IllegalArgumentException.class, () -> universe("EXCHANGE\tX\tX\n"));
    assertTrue(fields.getMessage().startsWith("test.tsv:1: expected 5"), fields.getMessage());

    IllegalArgumentException kind =
        assertThrows(IllegalArgumentException.class, () -> universe("\nCASINO\tX\tX\t-\tsrc\n"));
    assertTrue(
        kind.getMessage().startsWith("test.tsv:2: unknown kind 'CASINO'"), kind.getMessage());

    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> universe("EXCHANGE\tA\tOKX\t-\ts\nWALLET\tB\tokx\t-\ts\n"));
    assertTrue(
        twice.getMessage().startsWith("test.tsv:2: name 'okx' is listed for 'A' too"),
        twice.getMessage());

    IllegalArgumentException host =
        assertThrows(
            IllegalArgumentException.class,
            () -> universe("EXCHANGE\tA\tAaa\ta.com\ts\nWALLET\tB\tBbb\tA.COM\ts\n"));
    assertTrue(
        host.getMessage().startsWith("test.tsv:2: host 'a.com' is listed for 'A' too"),
        host.getMessage());

    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> universe("EXCHANGE\tA\t-\t-\ts\n"));
    assertTrue(empty.getMessage().contains("neither names nor hosts"), empty.getMessage());
  }
}
