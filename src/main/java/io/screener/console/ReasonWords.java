package io.screener.console;

import io.screener.domain.ReasonCode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** What each reason code means, in a sentence an analyst reads without the rules file. */
final class ReasonWords {
  private static final Map<ReasonCode, String> WORDS = words();

  private ReasonWords() {}

  /** The words for a code; a code this build does not know is shown as it is, spaced out. */
  static String of(String code) {
    String spaced = code.toLowerCase(Locale.ROOT).replace('_', ' ');
    try {
      return WORDS.getOrDefault(ReasonCode.valueOf(code), spaced);
    } catch (IllegalArgumentException e) {
      return spaced;
    }
  }

  /** Every code has words (a test keeps it so). */
  static boolean covers(ReasonCode code) {
    return WORDS.containsKey(code);
  }

  private static Map<ReasonCode, String> words() {
    Map<ReasonCode, String> w = new EnumMap<>(ReasonCode.class);
    w.put(ReasonCode.MERCHANT_EXCHANGE, "Merchant feed lists the payee as a crypto exchange");
    w.put(ReasonCode.MERCHANT_CRYPTO_ONRAMP, "Merchant feed lists the payee as a crypto on-ramp");
    w.put(ReasonCode.MERCHANT_OTC_DESK, "Merchant feed lists the payee as an OTC desk");
    w.put(ReasonCode.MERCHANT_NFT_PLATFORM, "Merchant feed lists the payee as an NFT platform");
    w.put(
        ReasonCode.MERCHANT_CRYPTO_SERVICES,
        "Merchant feed lists the payee as a crypto service provider");
    w.put(ReasonCode.MERCHANT_HIGH_RISK, "Merchant feed rates the payee high risk");
    w.put(ReasonCode.PAYEE_CONFIRMED_OTC_DEALER, "Payee is a confirmed OTC crypto dealer");
    w.put(ReasonCode.PAYEE_SUSPECTED_OTC_DEALER, "Payee is a suspected OTC crypto dealer");
    w.put(ReasonCode.PAYEE_MULE, "Payee is known as a money mule");
    w.put(ReasonCode.PAYEE_HIGH_RISK, "Payee's counterparty risk score is high");
    w.put(ReasonCode.PAYER_CONFIRMED_OTC_DEALER, "Payer is a confirmed OTC crypto dealer");
    w.put(ReasonCode.PAYER_SUSPECTED_OTC_DEALER, "Payer is a suspected OTC crypto dealer");
    w.put(ReasonCode.PAYER_MULE, "Payer is known as a money mule");
    w.put(ReasonCode.PAYER_HIGH_RISK, "Payer's counterparty risk score is high");
    w.put(ReasonCode.LICENSED_PARTNER, "A licensed partner takes part (evidence against)");
    w.put(ReasonCode.PAYEE_BANNED, "Payee account is banned");
    w.put(ReasonCode.PAYER_BANNED, "Payer account is banned");
    w.put(ReasonCode.PAYEE_RESTRICTED, "Payee account is restricted from this function");
    w.put(ReasonCode.PAYER_RESTRICTED, "Payer account is restricted from this function");
    w.put(ReasonCode.MCC_CRYPTO, "Merchant category code is for crypto assets");
    w.put(
        ReasonCode.MCC_RELATED,
        "Merchant category code is close to crypto (money transfer, quasi-cash)");
    w.put(
        ReasonCode.MCC_UNEXPLAINED,
        "Financial merchant code that nothing in the name, memo or registration explains");
    w.put(ReasonCode.FINANCE_MERCHANT, "Name reads as FX, remittance or a bank (evidence against)");
    w.put(ReasonCode.DESCRIPTOR_EXCHANGE, "Merchant name is a known crypto exchange");
    w.put(ReasonCode.DESCRIPTOR_CRYPTO_ONRAMP, "Merchant name is a known crypto on-ramp");
    w.put(ReasonCode.DESCRIPTOR_NFT_PLATFORM, "Merchant name is a known NFT platform");
    w.put(ReasonCode.DESCRIPTOR_CRYPTO_SERVICES, "Merchant name is a known crypto service");
    w.put(
        ReasonCode.DESCRIPTOR_LOOKALIKE,
        "A crypto brand inside another trade's name (a look-alike, held back)");
    w.put(
        ReasonCode.DESCRIPTOR_CRYPTO_TERM, "Merchant name speaks of buying crypto or P2P trading");
    w.put(
        ReasonCode.DESCRIPTOR_WEB_HOST, "Merchant name is a web host under a crypto-fitting code");
    w.put(ReasonCode.DESCRIPTOR_CRYPTO_MORPHEME, "Unknown merchant name built on a crypto word");
    w.put(ReasonCode.MEMO_CRYPTO_TERM, "Memo mentions crypto (coins, USDT, exchanges)");
    w.put(ReasonCode.MEMO_DERIVATIVES_TERM, "Memo mentions tokens, contracts or derivatives");
    w.put(ReasonCode.MEMO_NFT_TERM, "Memo mentions NFTs");
    w.put(ReasonCode.MEMO_COVER_WORD, "Memo uses a cover word dealers use for crypto");
    w.put(ReasonCode.FAN_IN, "Many payers paying one payee in a short time");
    w.put(ReasonCode.QUICK_TURNOVER, "Payee passes received money on quickly");
    w.put(ReasonCode.REPEATED_AMOUNT, "The same amount paid again and again");
    w.put(ReasonCode.SHARED_DEVICE, "Device shared by several payers");
    w.put(ReasonCode.NEW_PAIR, "First payment between these two accounts");
    w.put(ReasonCode.NIGHT_LARGE_TRANSFER, "Large transfer at night");
    w.put(
        ReasonCode.MERCHANT_CRYPTO_HISTORY,
        "Earlier payments to this merchant carried crypto codes or names");
    w.put(ReasonCode.USDT_AMOUNT, "Amount is a whole number of USDT at the day's rate");
    w.put(
        ReasonCode.USDT_PREMIUM_AMOUNT, "Amount is a USDT lot at the rate plus a dealer's premium");
    w.put(ReasonCode.DEALER_PRICE, "Others paid this payee USDT lots at one posted price");
    w.put(ReasonCode.BTC_AMOUNT, "Amount is a round BTC lot at the day's rate");
    w.put(ReasonCode.ROUND_AMOUNT, "Round amount");
    w.put(ReasonCode.JUST_UNDER_LIMIT, "Amount just under a reporting or payment limit");
    w.put(ReasonCode.FESTIVE_AMOUNT, "Red-packet amount such as 520 or 1314 (evidence against)");
    return w;
  }
}
