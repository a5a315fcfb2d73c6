package io.screener.generate;

import io.screener.avro.PaymentEvent;
import java.util.Objects;

/**
 * A generated payment with its ground truth.
 *
 * @param payment the payment as the screener would receive it
 * @param scenario what it really is
 */
public record LabeledPayment(PaymentEvent payment, Scenario scenario) {

  public LabeledPayment {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(scenario, "scenario");
  }

  /** Whether the payment buys crypto (the label the screener is measured against). */
  public boolean crypto() {
    return scenario.crypto();
  }

  public String transactionId() {
    return payment.getTransactionId();
  }
}
