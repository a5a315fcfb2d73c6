package io.screener.domain.signal;

import io.screener.domain.BehaviourFeatures;
import io.screener.domain.Formats;
import io.screener.domain.PayeeType;
import io.screener.domain.Payment;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;

/**
 * One merchant, whatever its terminals say. A merchant is paid through several acquirers and
 * channels, and its code and descriptor differ between them: the same exchange is {@code 6051} with
 * {@code *BUY CRYPTO} on one payment and a software code with a bare name on the next. When an
 * earlier payment to this merchant (within {@code behaviour.merchant-memory}) carried flag-worthy
 * evidence about the merchant itself, a payment whose own code and descriptor fall short of the
 * flag threshold takes this reason. It is behaviour evidence: it can flag, never block, and a
 * merchant the merchant feed registers as ordinary never takes it. Runs after the merchant-code and
 * descriptor signals, whose points it weighs.
 */
public final class MerchantHistorySignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    Payment payment = input.payment();
    BehaviourFeatures features = input.features();
    int remembered = features.merchantEvidencePoints();
    if (payment.payeeType() != PayeeType.MERCHANT || remembered <= 0) {
      return;
    }
    long apart = Math.abs(payment.eventTime() - features.merchantEvidenceAt());
    int own = card.merchantEvidencePoints();
    int threshold = card.rules().flagThreshold();
    if (apart > card.rules().behaviour().merchantMemoryMillis()
        || own >= threshold
        || MerchantCodeSignal.registeredOrdinary(input)) {
      return;
    }
    boolean earlier = features.merchantEvidenceAt() <= payment.eventTime();
    card.add(
        ReasonCode.MERCHANT_CRYPTO_HISTORY,
        () ->
            "a payment to this merchant "
                + Formats.duration(apart)
                + (earlier ? " earlier" : " later")
                + " carried "
                + remembered
                + " points of evidence about the merchant itself (its code and descriptor); this"
                + " payment's own come to "
                + own
                + " (flag threshold "
                + threshold
                + ")");
  }
}
