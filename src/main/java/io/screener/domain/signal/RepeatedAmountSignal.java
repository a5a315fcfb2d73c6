package io.screener.domain.signal;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Formats;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * Several payers sending the same large amount to one payee: buyers paying a dealer's fixed lot.
 * Small equal amounts (a noodle stall's price) do not count.
 */
public final class RepeatedAmountSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    BehaviourFeatures f = input.features();
    if (!input.payment().isPersonToPerson()
        || input.payment().amountMinor() < card.rules().amounts().largeTransferMinor()
        || f.sameAmountPayers() < card.rules().behaviour().repeatedAmountMinPayers()) {
      return;
    }
    card.add(
        ReasonCode.REPEATED_AMOUNT,
        () ->
            f.sameAmountPayers()
                + " other payers sent payee the same "
                + Formats.format(input.payment().amountMinor(), input.payment().currency())
                + " in "
                + Formats.duration(f.windowMillis()));
  }
}
