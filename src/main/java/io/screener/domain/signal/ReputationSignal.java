package io.screener.domain.signal;

import io.screener.domain.CounterpartyCategory;
import io.screener.domain.CounterpartyProfile;
import io.screener.domain.MerchantProfile;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import org.jspecify.annotations.Nullable;

/**
 * Reputation of the payee's merchant account and of both counterparties. A crypto category is
 * strong evidence alone; an ordinary account with a risk score above the rules' bar counts less; a
 * licensed partner (an enterprise registered with the Cyberspace Administration) on either side
 * clears the payment.
 */
public final class ReputationSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    merchant(input.merchant(), card);
    counterparty(input.payee(), Side.PAYEE, card);
    counterparty(input.payer(), Side.PAYER, card);
  }

  private static void merchant(@Nullable MerchantProfile merchant, ScoreCard card) {
    if (merchant == null) {
      return;
    }
    switch (merchant.category()) {
      case EXCHANGE ->
          card.add(
              ReasonCode.MERCHANT_EXCHANGE, () -> "payee is a crypto exchange" + risk(merchant));
      case CRYPTO_ONRAMP ->
          card.add(
              ReasonCode.MERCHANT_CRYPTO_ONRAMP,
              () -> "payee is a card-to-crypto on-ramp" + risk(merchant));
      case OTC_DESK ->
          card.add(
              ReasonCode.MERCHANT_OTC_DESK, () -> "payee is an OTC crypto desk" + risk(merchant));
      case NFT_PLATFORM ->
          card.add(
              ReasonCode.MERCHANT_NFT_PLATFORM,
              () -> "payee is an NFT / digital-collection platform" + risk(merchant));
      case CRYPTO_SERVICES ->
          card.add(
              ReasonCode.MERCHANT_CRYPTO_SERVICES,
              () -> "payee sells crypto trading information or pricing services" + risk(merchant));
      case LICENSED_PARTNER ->
          card.allowList("payee merchant is a licensed blockchain partner" + risk(merchant));
      case ORDINARY -> {
        if (merchant.riskScore() >= card.rules().highRiskScore()) {
          card.add(
              ReasonCode.MERCHANT_HIGH_RISK,
              () -> "payee merchant has a high risk score" + risk(merchant));
        }
      }
    }
  }

  private static void counterparty(
      @Nullable CounterpartyProfile profile, Side side, ScoreCard card) {
    if (profile == null) {
      return;
    }
    CounterpartyCategory category = profile.category();
    switch (category) {
      case CONFIRMED_OTC_DEALER ->
          card.add(
              side.confirmedDealer,
              () -> side.label + " is a confirmed OTC crypto dealer" + risk(profile));
      case SUSPECTED_OTC_DEALER ->
          card.add(
              side.suspectedDealer,
              () -> side.label + " is a suspected OTC crypto dealer" + risk(profile));
      case MULE ->
          card.add(side.mule, () -> side.label + " is a reported money mule" + risk(profile));
      case LICENSED_PARTNER ->
          card.allowList(side.label + " is a licensed blockchain partner" + risk(profile));
      case ORDINARY -> {
        if (profile.riskScore() >= card.rules().highRiskScore()) {
          card.add(side.highRisk, () -> side.label + " has a high risk score" + risk(profile));
        }
      }
    }
  }

  private enum Side {
    PAYEE(
        "payee",
        ReasonCode.PAYEE_CONFIRMED_OTC_DEALER,
        ReasonCode.PAYEE_SUSPECTED_OTC_DEALER,
        ReasonCode.PAYEE_MULE,
        ReasonCode.PAYEE_HIGH_RISK),
    PAYER(
        "payer",
        ReasonCode.PAYER_CONFIRMED_OTC_DEALER,
        ReasonCode.PAYER_SUSPECTED_OTC_DEALER,
        ReasonCode.PAYER_MULE,
        ReasonCode.PAYER_HIGH_RISK);

    private final String label;
    private final ReasonCode confirmedDealer;
    private final ReasonCode suspectedDealer;
    private final ReasonCode mule;
    private final ReasonCode highRisk;

    Side(
        String label,
        ReasonCode confirmedDealer,
        ReasonCode suspectedDealer,
        ReasonCode mule,
        ReasonCode highRisk) {
      this.label = label;
      this.confirmedDealer = confirmedDealer;
      this.suspectedDealer = suspectedDealer;
      this.mule = mule;
      this.highRisk = highRisk;
    }
  }

  private static String risk(MerchantProfile merchant) {
    String from = merchant.source() == null ? "" : ", source " + merchant.source();
    return " (risk " + merchant.riskScore() + from + ")";
  }

  private static String risk(CounterpartyProfile profile) {
    return " (risk " + profile.riskScore() + ", " + profile.reports() + " reports)";
  }
}
