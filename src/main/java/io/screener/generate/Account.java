package io.screener.generate;

/**
 * A paying account and the device it usually pays from.
 *
 * @param id account id (payer or payee)
 * @param device device id, or null when none is known
 */
record Account(String id, String device) {}
