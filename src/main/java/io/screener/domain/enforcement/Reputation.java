package io.screener.domain.enforcement;

import io.screener.domain.CounterpartyCategory;

/** A counterparty reputation entry with the time it was written, as verdict feedback moves it. */
public record Reputation(
    CounterpartyCategory category, int riskScore, int reports, long updatedAt) {}
