package io.screener.domain.enforcement;

import io.screener.domain.PaymentType;

/** What an account does in a payment, as a RESTRICTED status names it. */
public enum AccountFunction {
  RECEIVE_P2P,
  SEND_P2P,
  RECEIVE_MERCHANT_PAYMENTS,
  PAY_MERCHANTS,
  RED_PACKETS,
  TOP_UP,
  WITHDRAW;

  /** The function a payment of this type uses on the payer's side or on the payee's. */
  public static AccountFunction of(PaymentType type, boolean payer) {
    return switch (type) {
      case P2P_TRANSFER -> payer ? SEND_P2P : RECEIVE_P2P;
      case MERCHANT_PAYMENT -> payer ? PAY_MERCHANTS : RECEIVE_MERCHANT_PAYMENTS;
      case RED_PACKET -> RED_PACKETS;
      case TOP_UP -> TOP_UP;
      case WITHDRAWAL -> WITHDRAW;
    };
  }
}
