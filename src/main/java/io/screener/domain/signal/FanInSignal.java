package io.screener.domain.signal;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Formats;
import io.screener.domain.PayeeType;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.BehaviourRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * Many distinct payers sending money to one personal account within hours: an OTC dealer collecting
 * from buyers. A shop's merchant account receiving many payments is normal, and so is a street
 * vendor's personal code receiving many small ones, so only personal payees count, and only when
 * the money received adds up. Points grow from the minimum to the full number of payers.
 */
public final class FanInSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    if (input.payment().payeeType() != PayeeType.PERSONAL) {
      return;
    }
    BehaviourFeatures f = input.features();
    BehaviourRules rules = card.rules().behaviour();
    if (f.distinctPayers() < rules.fanInMinPayers()
        || f.inflowMinor() < rules.fanInMinInflowMinor()) {
      return;
    }
    int weight = card.rules().weight(ReasonCode.FAN_IN);
    int steps = rules.fanInFullPayers() - rules.fanInMinPayers() + 1;
    int reached = Math.min(steps, f.distinctPayers() - rules.fanInMinPayers() + 1);
    card.add(
        ReasonCode.FAN_IN,
        Math.round((float) weight * reached / steps),
        () ->
            "payee received "
                + Formats.format(f.inflowMinor(), input.payment().currency())
                + " from "
                + f.distinctPayers()
                + " distinct payers in "
                + Formats.duration(f.windowMillis()));
  }
}
