package io.screener.domain;

/** What a term in the merchant descriptor list names (config/crypto-merchants.txt). */
public enum DescriptorKind {
  EXCHANGE(ReasonCode.DESCRIPTOR_EXCHANGE),
  CRYPTO_ONRAMP(ReasonCode.DESCRIPTOR_CRYPTO_ONRAMP),
  NFT_PLATFORM(ReasonCode.DESCRIPTOR_NFT_PLATFORM),
  CRYPTO_SERVICES(ReasonCode.DESCRIPTOR_CRYPTO_SERVICES);

  private final ReasonCode reason;

  DescriptorKind(ReasonCode reason) {
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }
}
