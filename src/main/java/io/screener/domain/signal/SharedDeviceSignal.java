package io.screener.domain.signal;

import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/** Several payer accounts paying the same payee from one device: one buyer splitting a purchase. */
public final class SharedDeviceSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    int payers = input.features().devicePayers();
    if (payers < card.rules().behaviour().sharedDeviceMinPayers()) {
      return;
    }
    card.add(
        ReasonCode.SHARED_DEVICE, () -> payers + " payer accounts paid this payee from one device");
  }
}
