package io.screener.domain;

/**
 * The platform rule a payment would break: WeChat's code of conduct, section 3.24, plus secondary
 * trading of digital collections.
 */
public enum PolicyCategory {
  /** 3.24.1: exchanging virtual currency against real currency or other virtual currencies. */
  VIRTUAL_CURRENCY_EXCHANGE,
  /** 3.24.2: information-intermediary and pricing services for such trades. */
  TRADING_INTERMEDIARY,
  /** 3.24.3: token issuance financing and virtual-currency derivatives. */
  TOKEN_ISSUANCE_OR_DERIVATIVES,
  /** Second-hand trading of digital collections (NFTs). */
  NFT_SECONDARY_TRADING
}
