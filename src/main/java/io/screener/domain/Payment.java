package io.screener.domain;

import java.util.Objects;

/**
 * A payment as the scorer sees it: plain values, no wire format.
 *
 * @param eventTime epoch milliseconds when the payment happened
 * @param amountMinor amount in minor units (fen for CNY), positive
 * @param merchantName statement descriptor, or null
 * @param mcc four-digit merchant category code, or null
 * @param memo text the payer wrote, or null
 */
public record Payment(
    String transactionId,
    long eventTime,
    PaymentType type,
    String payerId,
    String payeeId,
    PayeeType payeeType,
    long amountMinor,
    String currency,
    String merchantName,
    String mcc,
    String memo,
    String channel,
    String deviceId) {

  public Payment {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payerId, "payerId");
    Objects.requireNonNull(payeeId, "payeeId");
    Objects.requireNonNull(payeeType, "payeeType");
    Objects.requireNonNull(currency, "currency");
  }

  /** True for a transfer between people, where OTC deals hide. */
  public boolean isPersonToPerson() {
    return personToPerson(type, payeeType);
  }

  /** Whether a payment of this type to a payee of this type is a transfer between people. */
  public static boolean personToPerson(PaymentType type, PayeeType payeeType) {
    return type == PaymentType.P2P_TRANSFER && payeeType == PayeeType.PERSONAL;
  }
}
