package io.screener.generate;

import org.jspecify.annotations.Nullable;

/**
 * A merchant account (a payment's payee) with what its customers typically pay.
 *
 * @param id merchant account id, the payee id and the key of its reputation record
 * @param name descriptor shown on statements
 * @param mcc merchant category code, or null when the acquirer sent none
 * @param amounts what one purchase costs
 * @param channels how customers pay (one is picked per payment)
 */
record Merchant(String id, String name, @Nullable String mcc, Amounts amounts, String[] channels) {

  String channel(Rng rng) {
    return rng.pick(channels);
  }
}
