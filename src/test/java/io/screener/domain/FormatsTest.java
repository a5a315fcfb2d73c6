package io.screener.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void shouldGroupThousandsAndKeepCents() {
    assertEquals("7,180.00 CNY", Formats.format(718_000, "CNY"));
    assertEquals("0.05 CNY", Formats.format(5, "CNY"));
    assertEquals("1,000,000.07 CNY", Formats.format(100_000_007, "CNY"));
    assertEquals("-12.30 USD", Formats.format(-1_230, "USD"));
    assertEquals("1,001.00 CNY", Formats.format(100_100, "CNY"));
  }

  @Test
  void shouldWriteDecimalsWithAndWithoutTrailingZeros() {
    assertEquals("7.1800", Formats.decimal(7.18, 4));
    assertEquals("650000.0000", Formats.decimal(650_000, 4));
    assertEquals("7.0025", Formats.decimal(7.0025, 4));
    assertEquals("0.05", Formats.compact(0.05, 8));
    assertEquals("1000", Formats.compact(1000, 8));
    assertEquals("0.00000001", Formats.compact(0.00000001, 8));
  }

  @Test
  void shouldWriteDurationsInTheirLargestWholeUnit() {
    assertEquals("6h", Formats.duration(21_600_000));
    assertEquals("30m", Formats.duration(1_800_000));
    assertEquals("4m", Formats.duration(240_000));
    assertEquals("59s", Formats.duration(59_000));
  }
}
