package io.screener.domain.signal;

import io.screener.domain.Formats;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/** A large first transfer between two people who never paid each other before: weak alone. */
public final class NewPairSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    if (!input.features().firstPayment()
        || !input.payment().isPersonToPerson()
        || input.payment().amountMinor() < card.rules().amounts().largeTransferMinor()) {
      return;
    }
    card.add(
        ReasonCode.NEW_PAIR,
        () ->
            "first payment from this payer to this payee, "
                + Formats.format(input.payment().amountMinor(), input.payment().currency()));
  }
}
