package io.screener.domain.signal;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Formats;
import io.screener.domain.PayeeType;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * Quick in, quick out (快进快出): the payee has recently moved money on within minutes of receiving it,
 * as a dealer passes buyers' money upstream. Counts for personal payees only.
 */
public final class TurnoverSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    BehaviourFeatures f = input.features();
    if (input.payment().payeeType() != PayeeType.PERSONAL || f.quickTurnovers() == 0) {
      return;
    }
    card.add(
        ReasonCode.QUICK_TURNOVER,
        () ->
            "payee moved money on within "
                + Formats.duration(card.rules().behaviour().quickTurnoverMillis())
                + " of receiving it "
                + f.quickTurnovers()
                + (f.quickTurnovers() == 1 ? " time" : " times")
                + " in "
                + Formats.duration(f.windowMillis())
                + " (last after "
                + Formats.duration(f.lastTurnoverMillis())
                + ")");
  }
}
