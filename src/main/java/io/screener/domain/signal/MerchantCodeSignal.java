package io.screener.domain.signal;

import io.screener.domain.MerchantCategory;
import io.screener.domain.Payment;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.MccFit;
import io.screener.domain.ScoringRules.MerchantRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.domain.merchant.Descriptor;
import io.screener.domain.merchant.MerchantWord;
import org.jspecify.annotations.Nullable;

/**
 * Merchant category code. Card networks require 6051 for crypto purchases, but the same code covers
 * foreign currency, money orders and travellers' cheques, so its weight alone stays below the flag
 * threshold: travel-money shops must not be flagged for their code alone. The related financial
 * codes (6012, 6211, 4829) weigh less. What the rest of the merchant says decides which it is: a
 * merchant under one of these codes whose name and memo say nothing of FX, travel money,
 * remittance, a bank or securities, and that the merchant feed does not register as ordinary, is
 * unexplained (more suspicious); one whose name reads as such a business is evidence against.
 */
public final class MerchantCodeSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    Payment payment = input.payment();
    String mcc = payment.mcc();
    if (mcc == null) {
      return;
    }
    MerchantRules rules = card.rules().merchants();
    MccFit fit = rules.fit(mcc);
    if (fit == MccFit.CRYPTO) {
      card.add(
          ReasonCode.MCC_CRYPTO,
          () ->
              "merchant category "
                  + mcc
                  + " (crypto purchases, also foreign currency and money orders)");
    } else if (fit == MccFit.RELATED) {
      card.add(
          ReasonCode.MCC_RELATED,
          () -> "merchant category " + mcc + " (financial institutions, brokers or wire transfer)");
    } else {
      return;
    }
    String finance = financeWord(payment, card);
    if (finance != null) {
      card.add(
          ReasonCode.FINANCE_MERCHANT,
          () ->
              "'"
                  + finance
                  + "' reads as FX, travel money, remittance, a bank or a broker, which code "
                  + mcc
                  + " also covers");
    } else if (!registeredOrdinary(input)) {
      card.add(
          ReasonCode.MCC_UNEXPLAINED,
          () ->
              "nothing in the merchant's name or the memo says FX, travel money, remittance, bank or"
                  + " securities, and the merchant feed does not register it as ordinary");
    }
  }

  /** The first established-finance word of the descriptor or the memo, or null. */
  private static @Nullable String financeWord(Payment payment, ScoreCard card) {
    String name = payment.merchantName();
    if (name != null && !name.isEmpty()) {
      String word = card.descriptor(name).first(MerchantWord.FINANCE);
      if (word != null) {
        return word;
      }
    }
    String memo = payment.memo();
    if (memo != null && !memo.isEmpty()) {
      Descriptor memoWords = Descriptor.read(memo, card.rules().merchants().vocabulary());
      return memoWords.first(MerchantWord.FINANCE);
    }
    return null;
  }

  static boolean registeredOrdinary(ScreeningInput input) {
    return input.merchant() != null && input.merchant().category() == MerchantCategory.ORDINARY;
  }
}
