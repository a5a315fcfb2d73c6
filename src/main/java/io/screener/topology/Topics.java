package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.config.ScreenerSettings.TopicNames;
import io.screener.screening.RulesUpdate;
import io.screener.serialization.WireFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the screener touches, with its serdes. Payments and dead letters are raw bytes at the
 * edge: the screener decodes payments itself so that a record it cannot read goes to the
 * dead-letter topic unchanged instead of stopping the stream.
 */
public record Topics(
    Topic<byte[], byte[]> payments,
    Topic<String, MerchantReputation> merchantReputation,
    Topic<String, CounterpartyReputation> counterpartyReputation,
    Topic<String, CryptoQuote> cryptoQuotes,
    Topic<String, ScreeningDecision> blocked,
    Topic<String, ScreeningDecision> flagged,
    Topic<String, ScreeningDecision> cleared,
    Topic<byte[], byte[]> deadLetter,
    Topic<String, AccountAction> accountActions,
    Topic<String, ReviewVerdict> reviewVerdicts,
    Topic<String, RulesUpdate> screenerConfig,
    Topic<String, ShadowDiff> shadowDiff) {

  /**
   * The topics, each feed read through {@code feeds}' checks, the shared ones in {@code wire}'s
   * format.
   */
  public static Topics of(TopicNames names, FeedValidation feeds, WireFormat wire) {
    var decisions = wire.serde(ScreeningDecision.class);
    return new Topics(
        new Topic<>(names.payments(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(
            names.merchantReputation(),
            Serdes.String(),
            feeds.merchants(wire.serde(MerchantReputation.class))),
        new Topic<>(
            names.counterpartyReputation(),
            Serdes.String(),
            feeds.counterparties(wire.serde(CounterpartyReputation.class))),
        new Topic<>(
            names.cryptoQuotes(), Serdes.String(), feeds.quotes(wire.serde(CryptoQuote.class))),
        new Topic<>(names.blocked(), Serdes.String(), decisions),
        new Topic<>(names.flagged(), Serdes.String(), decisions),
        new Topic<>(names.cleared(), Serdes.String(), decisions),
        new Topic<>(names.deadLetter(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(
            names.accountActions(),
            Serdes.String(),
            feeds.actions(wire.serde(AccountAction.class))),
        new Topic<>(
            names.reviewVerdicts(),
            Serdes.String(),
            feeds.verdicts(wire.serde(ReviewVerdict.class))),
        new Topic<>(
            names.screenerConfig(), Serdes.String(), feeds.rules(wire.serde(ScreenerConfig.class))),
        new Topic<>(names.shadowDiff(), Serdes.String(), wire.serde(ShadowDiff.class)));
  }

  /** Each topic the screener writes records of a shared schema to, with the record class. */
  public static Map<String, Class<? extends SpecificRecord>> outputs(TopicNames names) {
    Map<String, Class<? extends SpecificRecord>> outputs = new LinkedHashMap<>();
    outputs.put(names.blocked(), ScreeningDecision.class);
    outputs.put(names.flagged(), ScreeningDecision.class);
    outputs.put(names.cleared(), ScreeningDecision.class);
    outputs.put(names.accountActions(), AccountAction.class);
    outputs.put(names.counterpartyReputation(), CounterpartyReputation.class);
    outputs.put(names.shadowDiff(), ShadowDiff.class);
    return outputs;
  }
}
