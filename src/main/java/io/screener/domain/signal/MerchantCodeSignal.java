package io.screener.domain.signal;

import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * Merchant category code. Card networks require 6051 for crypto purchases, but the same code covers
 * foreign currency, money orders and travellers' cheques, so its weight alone stays below the flag
 * threshold: travel-money shops must not be flagged for their code alone.
 */
public final class MerchantCodeSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    String mcc = input.payment().mcc();
    if (mcc == null) {
      return;
    }
    if (card.rules().cryptoMccs().contains(mcc)) {
      card.add(
          ReasonCode.MCC_CRYPTO,
          () -> "merchant category " + mcc + " (crypto purchases, also foreign currency and money orders)");
    } else if (card.rules().relatedMccs().contains(mcc)) {
      card.add(ReasonCode.MCC_RELATED, () -> "merchant category " + mcc + " (brokers or wire transfer)");
    }
  }
}
