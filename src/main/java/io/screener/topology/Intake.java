package io.screener.topology;

import io.screener.avro.PaymentEvent;

/** The result of reading one input record: a usable payment, or the raw bytes and why not. */
sealed interface Intake {

  record Accepted(PaymentEvent payment) implements Intake {}

  record Rejected(byte[] value, String reason) implements Intake {}
}
