package io.screener.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationOptionTest {
  private final DurationOption option = new DurationOption();

  @Test
  void readsUnitsAsTheSettingsDoAndABareNumberAsSeconds() {
    assertEquals(Duration.ofSeconds(40), option.convert("40s"));
    assertEquals(Duration.ofMinutes(2), option.convert("2m"));
    assertEquals(Duration.ofHours(1), option.convert("1h"));
    assertEquals(Duration.ofMillis(1500), option.convert("1500ms"));
    assertEquals(Duration.ofSeconds(90), option.convert("90"));
    assertEquals(Duration.ofMinutes(5), option.convert("PT5M"));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    for (String bad : new String[] {"", "abc", "0s", "-5s", "5 parsecs"}) {
      TypeConversionException e =
          assertThrows(TypeConversionException.class, () -> option.convert(bad), bad);
      assertEquals(
          "'" + bad + "' is not a positive duration (e.g. 40s, 2m, 1h, or seconds)",
          e.getMessage());
    }
  }
}
