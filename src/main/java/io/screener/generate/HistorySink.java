package io.screener.generate;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;

/**
 * Receives a generated history in the order a live feed needs it: reputation records, then all
 * quotes (so every payment finds the quote in force at its event time), then the payments in
 * event-time order.
 */
public interface HistorySink {

  void merchant(MerchantReputation record) throws Exception;

  void counterparty(CounterpartyReputation record) throws Exception;

  void quote(CryptoQuote record) throws Exception;

  void payment(LabeledPayment payment) throws Exception;
}
