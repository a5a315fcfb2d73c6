package io.screener.domain.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.screener.domain.text.KeywordIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorTest {
  private static final KeywordIndex<MerchantWord> WORDS =
      KeywordIndex.<MerchantWord>builder()
          .add("ltd", MerchantWord.FILLER)
          .add("buy crypto", MerchantWord.CRYPTO)
          .add("crypto", MerchantWord.CRYPTO)
          .add("car wash", MerchantWord.TRADE)
          .add("外币", MerchantWord.FINANCE)
          .build();
  private static final List<String> MORPHEMES = List.of("bit", "coin", "币");

  @Test
  void shouldFindWebHostsButNotAbbreviations() {
    assertEquals(List.of("bitstamp.net"), Descriptor.hosts("BITSTAMP.NET"));
    assertEquals(List.of("app.moonpay.com"), Descriptor.hosts("PAY*app.moonpay.com LONDON"));
    assertEquals(List.of("mercadobitcoin.com.br"), Descriptor.hosts("MERCADOBITCOIN.COM.BR."));
    assertEquals(List.of(), Descriptor.hosts("St.Louis Bakery"));
    assertEquals(List.of(), Descriptor.hosts("NO.1 Noodles"));
    assertEquals(List.of(), Descriptor.hosts("7-Eleven"));
  }

  @Test
  void shouldTellWhatElseTheNameSaysBesidesABrand() {
    Descriptor whole = Descriptor.read("ACME*BUY CRYPTO LTD 2", WORDS);
    assertEquals(List.of(), whole.otherWords(new int[] {0, 4}));

    Descriptor trade = Descriptor.read("Acme Token Car Wash", WORDS);
    assertEquals(List.of("token", "car", "wash"), trade.otherWords(new int[] {0, 4}));
    assertEquals(List.of("car wash"), trade.all(MerchantWord.TRADE));

    Descriptor host = Descriptor.read("ACME.IO", WORDS);
    assertEquals(List.of("acme.io"), host.hosts());
    assertEquals("acme.io", host.hostAround(0, 4));
    assertEquals(List.of(), host.otherWords(new int[] {0, 4}));
  }

  @Test
  void shouldFindMorphemesAtWordEdgesOnly() {
    assertEquals("bitnexa/bit", Descriptor.read("BitNexa SG", WORDS).morphemeWord(MORPHEMES));
    assertEquals("deribit/bit", Descriptor.read("Deribit", WORDS).morphemeWord(MORPHEMES));
    assertEquals("链宝币/币", Descriptor.read("链宝币", WORDS).morphemeWord(MORPHEMES));
    assertNull(Descriptor.read("Orbital Habitat", WORDS).morphemeWord(MORPHEMES));
    assertNull(Descriptor.read("港币外币", WORDS).morphemeWord(MORPHEMES));
  }
}
