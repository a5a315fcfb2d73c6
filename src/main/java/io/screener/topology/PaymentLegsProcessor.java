package io.screener.topology;

import io.screener.avro.PaymentEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Splits an accepted payment into its legs, each keyed by its account: the payee's (where it is
 * decided) and, when {@link ScreenerTopology#hasPayerLeg}, the payer's. A leg is marked {@link
 * AccountLeg#here} when its account's behaviour state lives in this task, that is when the input
 * partition the payment arrived on is the account's partition of the by-account topic; such a leg
 * is decided without the repartition hop. A pipeline that keys payments by payee gets every payee
 * leg, the one that decides, that way.
 */
final class PaymentLegsProcessor
    implements Processor<byte[], Routed<PaymentEvent>, String, AccountLeg> {
  private final AccountPartitioner byAccount;
  private ProcessorContext<String, AccountLeg> context;

  PaymentLegsProcessor(AccountPartitioner byAccount) {
    this.byAccount = byAccount;
  }

  @Override
  public void init(ProcessorContext<String, AccountLeg> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], Routed<PaymentEvent>> record) {
    PaymentEvent payment = ((Routed.Onward<PaymentEvent>) record.value()).value();
    int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
    String payee = payment.getPayeeId();
    context.forward(
        record
            .withKey(payee)
            .withValue(new AccountLeg(payment, byAccount.ownedBy(partition, payee))));
    if (ScreenerTopology.hasPayerLeg(payment)) {
      String payer = payment.getPayerId();
      context.forward(
          record
              .withKey(payer)
              .withValue(new AccountLeg(payment, byAccount.ownedBy(partition, payer))));
    }
  }
}
