package io.screener.domain.signal;

import io.screener.domain.Formats;
import io.screener.domain.Quote;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.QuoteRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * The amount is a round number of USDT (or BTC) at the quote in force at the payment's event time:
 * 7,180.00 CNY at 7.18 is exactly 1,000 USDT. A random amount lands within the tolerance of a
 * round lot only rarely, so a hit says the payer was quoted in crypto.
 */
public final class QuoteMatchSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    QuoteRules rules = card.rules().quotes();
    if (!match(input, card, input.usdtQuote(), rules.usdtStep(), rules.usdtMin(), ReasonCode.USDT_AMOUNT)) {
      match(input, card, input.btcQuote(), rules.btcStep(), rules.btcMin(), ReasonCode.BTC_AMOUNT);
    }
  }

  private static boolean match(
      ScreeningInput input, ScoreCard card, Quote quote, double step, double min, ReasonCode code) {
    QuoteRules rules = card.rules().quotes();
    long time = input.payment().eventTime();
    if (quote == null || time - quote.eventTime() > rules.maxQuoteAgeMillis()) {
      return false;
    }
    long amount = input.payment().amountMinor();
    double units = amount / 100.0 / quote.price();
    double lots = Math.rint(units / step);
    double round = lots * step;
    if (round < min) {
      return false;
    }
    long exactMinor = Math.round(round * quote.price() * 100.0);
    if (Math.abs(amount - exactMinor) > rules.toleranceMinor()) {
      return false;
    }
    card.add(
        code,
        Formats.format(amount, input.payment().currency())
            + " is "
            + Formats.compact(round, 8)
            + " "
            + quote.base()
            + " at the quote "
            + Formats.decimal(quote.price(), 4)
            + " in force");
    return true;
  }
}
