package io.screener.domain;

import org.jspecify.annotations.Nullable;

/**
 * Every reason the scorer can give. Each code has a weight in the rules file ({@code
 * weight.<CODE>}), the kind of evidence it is, and the policy category it points to (null when it
 * points to none by itself).
 */
public enum ReasonCode {
  MERCHANT_EXCHANGE(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  MERCHANT_CRYPTO_ONRAMP(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  MERCHANT_OTC_DESK(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  MERCHANT_NFT_PLATFORM(Evidence.REPUTATION, PolicyCategory.NFT_SECONDARY_TRADING),
  MERCHANT_CRYPTO_SERVICES(Evidence.REPUTATION, PolicyCategory.TRADING_INTERMEDIARY),
  MERCHANT_HIGH_RISK(Evidence.REPUTATION, null),

  PAYEE_CONFIRMED_OTC_DEALER(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  PAYEE_SUSPECTED_OTC_DEALER(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  PAYEE_MULE(Evidence.REPUTATION, null),
  PAYEE_HIGH_RISK(Evidence.REPUTATION, null),
  PAYER_CONFIRMED_OTC_DEALER(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  PAYER_SUSPECTED_OTC_DEALER(Evidence.REPUTATION, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  PAYER_MULE(Evidence.REPUTATION, null),
  PAYER_HIGH_RISK(Evidence.REPUTATION, null),

  LICENSED_PARTNER(Evidence.ALLOW_LIST, null),

  /** The account is BANNED (account-actions): every payment to or from it is blocked. */
  PAYEE_BANNED(Evidence.ENFORCEMENT, null),
  PAYER_BANNED(Evidence.ENFORCEMENT, null),
  /** The account is RESTRICTED and the payment uses a function the restriction bars. */
  PAYEE_RESTRICTED(Evidence.ENFORCEMENT, null),
  PAYER_RESTRICTED(Evidence.ENFORCEMENT, null),

  MCC_CRYPTO(Evidence.MERCHANT_CODE, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  MCC_RELATED(Evidence.MERCHANT_CODE, null),
  /**
   * A crypto or financial code that nothing explains: no FX, remittance, bank or securities words
   * in the name or memo, and no registration as an ordinary merchant.
   */
  MCC_UNEXPLAINED(Evidence.MERCHANT_CODE, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  /**
   * Evidence against: the name reads as FX, remittance, a bank or a broker, which the code also
   * covers.
   */
  FINANCE_MERCHANT(Evidence.MERCHANT_CODE, null),
  DESCRIPTOR_EXCHANGE(Evidence.MERCHANT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  DESCRIPTOR_CRYPTO_ONRAMP(Evidence.MERCHANT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  DESCRIPTOR_NFT_PLATFORM(Evidence.MERCHANT, PolicyCategory.NFT_SECONDARY_TRADING),
  DESCRIPTOR_CRYPTO_SERVICES(Evidence.MERCHANT, PolicyCategory.TRADING_INTERMEDIARY),
  /**
   * A crypto brand's name inside a merchant whose code, other words or registration say it is
   * another business: held back, never block-worthy.
   */
  DESCRIPTOR_LOOKALIKE(Evidence.CONTENT, null),
  /** The descriptor speaks of crypto: "*BUY CRYPTO", "buy BTC", "*P2P", 虚拟币, 交易所. */
  DESCRIPTOR_CRYPTO_TERM(Evidence.CONTENT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  /**
   * The descriptor is a web host, as online platforms' are, under a code that fits a crypto
   * business.
   */
  DESCRIPTOR_WEB_HOST(Evidence.CONTENT, null),
  /** An unknown name built on a crypto word part ("BitNexa", "Koinova", "链宝"). */
  DESCRIPTOR_CRYPTO_MORPHEME(Evidence.CONTENT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),

  MEMO_CRYPTO_TERM(Evidence.CONTENT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  MEMO_DERIVATIVES_TERM(Evidence.CONTENT, PolicyCategory.TOKEN_ISSUANCE_OR_DERIVATIVES),
  MEMO_NFT_TERM(Evidence.CONTENT, PolicyCategory.NFT_SECONDARY_TRADING),
  MEMO_COVER_WORD(Evidence.CONTENT, null),

  FAN_IN(Evidence.BEHAVIOUR, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  QUICK_TURNOVER(Evidence.BEHAVIOUR, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  REPEATED_AMOUNT(Evidence.BEHAVIOUR, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  SHARED_DEVICE(Evidence.BEHAVIOUR, null),
  NEW_PAIR(Evidence.BEHAVIOUR, null),
  NIGHT_LARGE_TRANSFER(Evidence.BEHAVIOUR, null),
  /**
   * An earlier payment to this merchant carried flag-worthy evidence about the merchant itself (its
   * code or descriptor), which this payment's do not: one merchant, whatever its terminals say.
   */
  MERCHANT_CRYPTO_HISTORY(Evidence.BEHAVIOUR, null),

  USDT_AMOUNT(Evidence.AMOUNT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  /** A round lot of USDT at the quote plus a dealer's premium (0.5-3% is common). */
  USDT_PREMIUM_AMOUNT(Evidence.AMOUNT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  /**
   * Other payers paid this payee whole USDT lots at one effective price: a dealer's posted price.
   */
  DEALER_PRICE(Evidence.BEHAVIOUR, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  BTC_AMOUNT(Evidence.AMOUNT, PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE),
  ROUND_AMOUNT(Evidence.AMOUNT, null),
  JUST_UNDER_LIMIT(Evidence.AMOUNT, null),
  /** Evidence against: a red-packet amount such as 520 or 1314 CNY. */
  FESTIVE_AMOUNT(Evidence.AMOUNT, null);

  private final Evidence evidence;
  private final @Nullable PolicyCategory category;

  ReasonCode(Evidence evidence, @Nullable PolicyCategory category) {
    this.evidence = evidence;
    this.category = category;
  }

  public Evidence evidence() {
    return evidence;
  }

  /**
   * Whether the reason is evidence about the merchant itself, from its code or its descriptor (not
   * from a feed, the memo or the payment's amount): what {@link #MERCHANT_CRYPTO_HISTORY}
   * remembers.
   */
  public boolean describesMerchant() {
    return switch (this) {
      case MCC_CRYPTO,
          MCC_RELATED,
          MCC_UNEXPLAINED,
          FINANCE_MERCHANT,
          DESCRIPTOR_EXCHANGE,
          DESCRIPTOR_CRYPTO_ONRAMP,
          DESCRIPTOR_NFT_PLATFORM,
          DESCRIPTOR_CRYPTO_SERVICES,
          DESCRIPTOR_LOOKALIKE,
          DESCRIPTOR_CRYPTO_TERM,
          DESCRIPTOR_WEB_HOST,
          DESCRIPTOR_CRYPTO_MORPHEME ->
          true;
      default -> false;
    };
  }

  /** The policy category this reason points to, or null. */
  public @Nullable PolicyCategory category() {
    return category;
  }
}
