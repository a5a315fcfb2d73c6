package io.screener.domain;

/**
 * What a brand in the crypto-merchant universe is (config/crypto-merchants.tsv), and the reason a
 * descriptor naming it gives. Brokers and P2P markets sell crypto like exchanges do; wallets that
 * sell crypto and crypto ATMs turn fiat into crypto like on-ramps.
 */
public enum DescriptorKind {
  EXCHANGE(ReasonCode.DESCRIPTOR_EXCHANGE, "crypto exchange"),
  BROKER(ReasonCode.DESCRIPTOR_EXCHANGE, "crypto broker"),
  P2P_MARKET(ReasonCode.DESCRIPTOR_EXCHANGE, "peer-to-peer crypto market"),
  CRYPTO_ONRAMP(ReasonCode.DESCRIPTOR_CRYPTO_ONRAMP, "crypto on-ramp"),
  WALLET(ReasonCode.DESCRIPTOR_CRYPTO_ONRAMP, "crypto wallet"),
  CRYPTO_ATM(ReasonCode.DESCRIPTOR_CRYPTO_ONRAMP, "crypto ATM operator"),
  NFT_PLATFORM(ReasonCode.DESCRIPTOR_NFT_PLATFORM, "NFT / digital-collection platform"),
  CRYPTO_SERVICES(ReasonCode.DESCRIPTOR_CRYPTO_SERVICES, "crypto service");

  private final ReasonCode reason;
  private final String label;

  DescriptorKind(ReasonCode reason, String label) {
    this.reason = reason;
    this.label = label;
  }

  public ReasonCode reason() {
    return reason;
  }

  /** What the kind is, in words: "crypto exchange". */
  public String label() {
    return label;
  }
}
