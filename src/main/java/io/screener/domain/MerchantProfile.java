package io.screener.domain;

/**
 * Reputation of the payee's merchant account.
 *
 * @param riskScore 0-100
 * @param source where the entry came from, or null
 */
public record MerchantProfile(MerchantCategory category, int riskScore, String source) {}
