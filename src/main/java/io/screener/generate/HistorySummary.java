package io.screener.generate;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What was generated.
 *
 * @param perScenario payments per scenario, in {@link Scenario} order (absent means none)
 * @param first event time of the first payment
 * @param last event time of the last payment
 */
public record HistorySummary(
    long payments,
    Map<Scenario, Long> perScenario,
    long merchants,
    long counterparties,
    long quotes,
    @Nullable Instant first,
    @Nullable Instant last) {

  public HistorySummary {
    perScenario = Collections.unmodifiableMap(new EnumMap<>(perScenario));
  }

  /** Payments labeled crypto. */
  public long crypto() {
    long crypto = 0;
    for (Map.Entry<Scenario, Long> entry : perScenario.entrySet()) {
      if (entry.getKey().crypto()) {
        crypto += entry.getValue();
      }
    }
    return crypto;
  }

  /** One line for a terminal: totals, then the count of each scenario. */
  public String line() {
    StringJoiner scenarios = new StringJoiner(" ");
    for (Map.Entry<Scenario, Long> entry : perScenario.entrySet()) {
      scenarios.add(entry.getKey().label() + "=" + entry.getValue());
    }
    return String.format(
        Locale.ROOT,
        "%d payments (%d crypto, %.1f%%) %s..%s, %d merchants, %d counterparties, %d quotes: %s",
        payments,
        crypto(),
        payments == 0 ? 0.0 : 100.0 * crypto() / payments,
        first,
        last,
        merchants,
        counterparties,
        quotes,
        scenarios);
  }
}
