package io.screener.domain.signal;

import io.screener.domain.Formats;
import io.screener.domain.PaymentType;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.AmountRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * Amount shapes. A large person-to-person transfer of a round sum, or just under a reporting or
 * channel limit, is weak evidence. A red-packet amount (6.66, 8.88, 520, 1314 CNY) is evidence
 * against: festival and affection money, not a purchase.
 */
public final class AmountPatternSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    AmountRules rules = card.rules().amounts();
    long amount = input.payment().amountMinor();
    String currency = input.payment().currency();
    if (input.payment().type() == PaymentType.RED_PACKET || rules.isFestive(amount)) {
      if (rules.isFestive(amount)) {
        card.add(
            ReasonCode.FESTIVE_AMOUNT,
            () -> Formats.format(amount, currency) + " is a red-packet amount");
      }
      return;
    }
    if (!input.payment().isPersonToPerson() || amount < rules.largeTransferMinor()) {
      return;
    }
    for (long limit : rules.limitsMinor()) {
      if (amount < limit && amount >= limit - limit * rules.justUnderPercent() / 100) {
        card.add(
            ReasonCode.JUST_UNDER_LIMIT,
            () ->
                Formats.format(amount, currency)
                    + " is just under the "
                    + Formats.format(limit, currency)
                    + " limit");
        return;
      }
    }
    if (amount % rules.roundStepMinor() == 0) {
      card.add(ReasonCode.ROUND_AMOUNT, () -> "round amount " + Formats.format(amount, currency));
    }
  }
}
