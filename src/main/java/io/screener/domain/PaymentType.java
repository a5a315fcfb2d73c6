package io.screener.domain;

/** Kind of payment as the payment pipeline reports it. */
public enum PaymentType {
  MERCHANT_PAYMENT,
  P2P_TRANSFER,
  RED_PACKET,
  TOP_UP,
  WITHDRAWAL
}
