package io.screener.domain;

/**
 * Reputation of an account seen as a counterparty.
 *
 * @param riskScore 0-100
 * @param reports how many times the account was reported
 */
public record CounterpartyProfile(CounterpartyCategory category, int riskScore, int reports) {}
