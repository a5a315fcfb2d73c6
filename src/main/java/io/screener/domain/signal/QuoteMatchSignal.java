package io.screener.domain.signal;

import io.screener.domain.Formats;
import io.screener.domain.Payment;
import io.screener.domain.Quote;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.QuoteRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * A person-to-person transfer of a whole number of USDT (or BTC) at the quote in force at the
 * payment's event time: 7,180.00 CNY at 7.18 is exactly 1,000 USDT. Buyers pay the dealer's price
 * to the fen, and a random amount lands that close to a whole unit only rarely (about 3 in 700 at
 * 1 fen), so a hit says the payer was quoted in crypto. A round lot (1,000 USDT) may be rounded to
 * the yuan. Merchant payments do not count: a broker deposit matching a lot is chance.
 */
public final class QuoteMatchSignal implements Signal {

  /**
   * Whether this signal looks at the payment's quotes: callers need not look quotes up for any other
   * payment (a quote look-up costs more than the rest of this signal).
   */
  public static boolean prices(Payment payment) {
    return payment.isPersonToPerson();
  }

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    if (!prices(input.payment())) {
      return;
    }
    QuoteRules rules = card.rules().quotes();
    if (!match(input, card, input.usdtQuote(), rules.usdtStep(), rules.usdtMin(), rules.usdtRoundLot(), ReasonCode.USDT_AMOUNT)) {
      match(input, card, input.btcQuote(), rules.btcStep(), rules.btcMin(), 0, ReasonCode.BTC_AMOUNT);
    }
  }

  private static boolean match(
      ScreeningInput input,
      ScoreCard card,
      Quote quote,
      double step,
      double min,
      double roundLot,
      ReasonCode code) {
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
    boolean lot = roundLot > 0 && Math.abs(Math.IEEEremainder(round, roundLot)) < step / 2;
    long tolerance = lot ? rules.roundLotToleranceMinor() : rules.toleranceMinor();
    if (Math.abs(amount - exactMinor) > tolerance) {
      return false;
    }
    card.add(
        code,
        () -> Formats.format(amount, input.payment().currency())
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
