package io.screener.domain;

/**
 * One piece of evidence behind a score.
 *
 * @param points what it added to the score (negative for evidence against)
 * @param detail a sentence a reviewer understands, e.g. "payee received from 37 distinct payers in 6h"
 */
public record Reason(ReasonCode code, int points, String detail) {}
