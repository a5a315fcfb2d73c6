package io.screener.domain;

/** One detector: looks at a payment in context and records what it finds on the score card. */
@FunctionalInterface
public interface Signal {
  void evaluate(ScreeningInput input, ScoreCard card);
}
