/**
 * The analysts' review console ({@code screener console}): a web application that reads the flagged
 * and blocked payments, the accounts' statuses, reputations and the screener's ledgers from Kafka
 * into bounded in-memory views, and writes analysts' verdicts to {@code review-verdicts}.
 */
@NullMarked
package io.screener.console;

import org.jspecify.annotations.NullMarked;
