package io.screener.domain.signal;

import io.screener.domain.Formats;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.NightRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import java.time.Instant;
import java.time.LocalTime;

/** A large person-to-person transfer in the local night, in the payment's own event time. */
public final class NightTransferSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    if (!input.payment().isPersonToPerson()
        || input.payment().amountMinor() < card.rules().amounts().largeTransferMinor()) {
      return;
    }
    NightRules night = card.rules().night();
    LocalTime local =
        LocalTime.ofInstant(Instant.ofEpochMilli(input.payment().eventTime()), night.zone());
    if (night.contains(local)) {
      card.add(
          ReasonCode.NIGHT_LARGE_TRANSFER,
          () ->
              Formats.format(input.payment().amountMinor(), input.payment().currency())
                  + " transfer at "
                  + (local.getHour() < 10 ? "0" : "")
                  + local.getHour()
                  + (local.getMinute() < 10 ? ":0" : ":")
                  + local.getMinute()
                  + " local time");
    }
  }
}
