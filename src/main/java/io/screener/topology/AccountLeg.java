package io.screener.topology;

import io.screener.avro.PaymentEvent;

/**
 * A payment on its way to one account's behaviour state (the record's key); {@code here} when that
 * state lives in the task the payment arrived in.
 */
record AccountLeg(PaymentEvent payment, boolean here) {}
