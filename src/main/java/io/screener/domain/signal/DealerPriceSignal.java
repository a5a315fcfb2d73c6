package io.screener.domain.signal;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Formats;
import io.screener.domain.LotPrice;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * Several payers paid this person whole USDT lots at one price: a dealer's posted price, at the
 * quote or at a markup over it (dealers hold one effective price for a while). It counts in full
 * when this payment and at least two other payers' are at the price, two thirds with one other
 * payer, and half when this payment is not at the price but two or more other payers' are (a buyer
 * who paid a round sum to a payee that sells USDT). Only transfers between people count.
 */
public final class DealerPriceSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    BehaviourFeatures f = input.features();
    int others = f.dealerPricePayers();
    if (others == 0 || !input.payment().isPersonToPerson()) {
      return;
    }
    int weight = card.rules().weight(ReasonCode.DEALER_PRICE);
    String price = price(f.dealerLot());
    String window = Formats.duration(f.windowMillis());
    if (f.atDealerPrice()) {
      card.add(
          ReasonCode.DEALER_PRICE,
          others >= 2 ? weight : weight * 2 / 3,
          () ->
              "this payment and "
                  + others
                  + " other payer"
                  + (others == 1 ? "" : "s")
                  + " in "
                  + window
                  + " paid this payee whole USDT lots at one price, "
                  + price
                  + ": a dealer's posted price");
    } else if (others >= 2) {
      card.add(
          ReasonCode.DEALER_PRICE,
          weight / 2,
          () ->
              others
                  + " other payers paid this payee whole USDT lots at one price ("
                  + price
                  + ") in "
                  + window
                  + ": the payee sells USDT");
    }
  }

  private static String price(long lot) {
    int ppm = LotPrice.premiumPpm(lot);
    String at = Formats.decimal(LotPrice.price(lot), 4) + " a USDT";
    return ppm == 0
        ? at + " (the quote)"
        : at + " (the quote " + QuoteMatchSignal.premium(ppm) + ")";
  }
}
