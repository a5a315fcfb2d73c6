package io.screener.domain.signal;

import io.screener.domain.Formats;
import io.screener.domain.LotPrice;
import io.screener.domain.Payment;
import io.screener.domain.Quote;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.QuoteRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import org.jspecify.annotations.Nullable;

/**
 * A person-to-person transfer of a whole number of USDT (or BTC) at the quote in force at the
 * payment's event time: 7,180.00 CNY at 7.18 is exactly 1,000 USDT. Buyers pay the dealer's price
 * to the fen, and a random amount lands that close to a whole unit only rarely (about 3 in 700 at 1
 * fen), so a hit says the payer was quoted in crypto. A round lot (1,000 USDT) may be rounded to
 * the yuan, but an ordinary round sum must match to the fen. Dealers also sell at a premium over
 * the quote: a round lot at the quote plus a premium in the rules' band counts as {@code
 * USDT_PREMIUM_AMOUNT}, in proportion to how rarely a random amount of its size lands in the band
 * (see {@link LotPrice}). Merchant payments do not count: a broker deposit matching a lot is
 * chance.
 */
public final class QuoteMatchSignal implements Signal {

  /**
   * Whether this signal looks at the payment's quotes: callers need not look quotes up for any
   * other payment (a quote look-up costs more than the rest of this signal).
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
    if (!usdt(input, card, rules)) {
      match(
          input, card, input.btcQuote(), rules.btcStep(), rules.btcMin(), 0, ReasonCode.BTC_AMOUNT);
    }
  }

  private static boolean usdt(ScreeningInput input, ScoreCard card, QuoteRules rules) {
    Payment payment = input.payment();
    Quote quote = input.usdtQuote();
    long lot = LotPrice.of(payment.amountMinor(), quote, payment.eventTime(), rules);
    if (quote == null || lot == LotPrice.NONE) {
      return false;
    }
    long amount = payment.amountMinor();
    double units = LotPrice.units(amount, lot);
    String sum = Formats.format(amount, payment.currency());
    int ppm = LotPrice.premiumPpm(lot);
    if (ppm == 0) {
      card.add(
          ReasonCode.USDT_AMOUNT,
          () ->
              sum
                  + " is "
                  + Formats.compact(units, 8)
                  + " USDT at the quote "
                  + Formats.decimal(quote.price(), 4)
                  + " in force");
      return true;
    }
    int chance = LotPrice.chancePercent(units, rules);
    int points = card.rules().weight(ReasonCode.USDT_PREMIUM_AMOUNT) * (100 - chance) / 100;
    card.add(
        ReasonCode.USDT_PREMIUM_AMOUNT,
        points,
        () ->
            sum
                + " is "
                + Formats.compact(units, 8)
                + " USDT at "
                + Formats.decimal(LotPrice.price(lot), 4)
                + ", the quote "
                + Formats.decimal(quote.price(), 4)
                + " "
                + premium(ppm)
                + " (a dealer's markup; a random amount this size lands in the band "
                + chance
                + " times in 100)");
    return true;
  }

  /** A premium in parts per million as "+0.73%". */
  static String premium(int ppm) {
    return "+" + Formats.decimal(ppm / 10_000.0, 2) + "%";
  }

  private static boolean match(
      ScreeningInput input,
      ScoreCard card,
      @Nullable Quote quote,
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
        () ->
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
