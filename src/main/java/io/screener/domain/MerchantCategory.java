package io.screener.domain;

/** What the merchant-reputation feed says a merchant account is. */
public enum MerchantCategory {
  ORDINARY,
  EXCHANGE,
  CRYPTO_ONRAMP,
  OTC_DESK,
  NFT_PLATFORM,
  CRYPTO_SERVICES,
  LICENSED_PARTNER
}
