package io.screener.screening;

import io.screener.domain.Quote;
import org.jspecify.annotations.Nullable;

/** Finds the quote in force at a time: the topology's quote store, or the replay's table. */
public interface QuoteSource {
  /** The latest quote of base/currency at or before {@code time}, or null if none is recent. */
  @Nullable Quote at(String base, String currency, long time);
}
