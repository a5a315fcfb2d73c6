package io.screener.topology;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.ScreeningDecision;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.AccountActivityCodec;
import io.screener.serialization.AvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The screener's whole topology, built in one place with no I/O.
 *
 * <pre>
 * payments (bytes) -> payment-intake -> split: rejected -> payments-dead-letter
 *                                              accepted -> payment-legs (payee leg, and payer leg for
 *                                              money sent on) -> repartition payments-by-account
 *   -> behaviour-features [account-activity, payer-payee-pairs, seen-transactions]
 *   -> join merchant reputation (payee) -> join counterparty reputation (payer, then payee)
 *   -> score-payment [crypto-quote-history] -> split by decision -> blocked | flagged | cleared
 * </pre>
 *
 * Every processor, store and internal topic is named: renaming one breaks running deployments
 * (their state and internal topics are found by name), so a test pins the described topology.
 */
public final class ScreenerTopology {
  public static final String ACCOUNT_STORE = "account-activity";
  public static final String PAIR_STORE = "payer-payee-pairs";
  public static final String SEEN_STORE = "seen-transactions";
  public static final String QUOTE_STORE = "crypto-quote-history";
  public static final String MERCHANT_STORE = "merchant-reputation-store";
  public static final String COUNTERPARTY_STORE = "counterparty-reputation-store";
  public static final String BY_ACCOUNT = "payments-by-account";

  private ScreenerTopology() {}

  public static Topology build(ScreenerSettings settings, Scorer scorer, ScreeningEvents events) {
    Topics topics = Topics.of(settings.topics());
    Serde<PaymentEvent> paymentSerde = AvroSerde.of(PaymentEvent.class);
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(namingConfig()));

    GlobalKTable<String, MerchantReputation> merchants =
        builder.globalTable(
            topics.merchantReputation().name(),
            topics.merchantReputation().consumed("merchant-reputation-table"),
            Materialized.<String, MerchantReputation, KeyValueStore<Bytes, byte[]>>as(MERCHANT_STORE)
                .withKeySerde(topics.merchantReputation().keySerde())
                .withValueSerde(topics.merchantReputation().valueSerde()));
    GlobalKTable<String, CounterpartyReputation> counterparties =
        builder.globalTable(
            topics.counterpartyReputation().name(),
            topics.counterpartyReputation().consumed("counterparty-reputation-table"),
            Materialized.<String, CounterpartyReputation, KeyValueStore<Bytes, byte[]>>as(
                    COUNTERPARTY_STORE)
                .withKeySerde(topics.counterpartyReputation().keySerde())
                .withValueSerde(topics.counterpartyReputation().valueSerde()));
    long quoteRetention = settings.quoteRetention().toMillis();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(QUOTE_STORE), Serdes.Bytes(), Serdes.Double())
            .withLoggingDisabled(),
        topics.cryptoQuotes().name(),
        topics.cryptoQuotes().consumed("quote-history-update"),
        () -> new QuoteHistory.Updater(quoteRetention));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ACCOUNT_STORE), Serdes.String(), accountActivitySerde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PAIR_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.Long()));

    PaymentValidation validation = new PaymentValidation(settings.validation());
    Map<String, KStream<byte[], Intake>> intake =
        builder.stream(topics.payments().name(), topics.payments().consumed("payments-source"))
            .process(
                () -> new PaymentIntakeProcessor(paymentSerde.deserializer(), validation, events),
                Named.as("payment-intake"))
            .split(Named.as("intake-"))
            .branch((key, value) -> value instanceof Intake.Accepted, Branched.as("accepted"))
            .defaultBranch(Branched.as("rejected"));

    intake
        .get("intake-rejected")
        .mapValues(value -> ((Intake.Rejected) value).value(), Named.as("dead-letter-value"))
        .to(topics.deadLetter().name(), topics.deadLetter().produced("dead-letter-sink"));

    Map<String, KStream<String, ScreeningDecision>> decisions =
        intake
            .get("intake-accepted")
            .flatMap(
                (key, value) -> legs(((Intake.Accepted) value).payment()), Named.as("payment-legs"))
            .repartition(Repartitioned.with(Serdes.String(), paymentSerde).withName(BY_ACCOUNT))
            .process(
                () ->
                    new BehaviourProcessor(
                        () -> scorer.rules().behaviour(),
                        settings.stateRetention(),
                        settings.sweepInterval(),
                        settings.dedupRetention(),
                        events),
                Named.as("behaviour-features"),
                ACCOUNT_STORE,
                PAIR_STORE,
                SEEN_STORE)
            .leftJoin(
                merchants,
                (account, enriched) -> enriched.payment().getPayeeId(),
                EnrichedPayment::withMerchant,
                Named.as("join-merchant-reputation"))
            .leftJoin(
                counterparties,
                (account, enriched) -> enriched.payment().getPayerId(),
                EnrichedPayment::withPayer,
                Named.as("join-payer-reputation"))
            .leftJoin(
                counterparties,
                (account, enriched) -> enriched.payment().getPayeeId(),
                EnrichedPayment::withPayee,
                Named.as("join-payee-reputation"))
            .process(
                () -> new ScoringProcessor(() -> scorer, events),
                Named.as("score-payment"))
            .split(Named.as("decision-"))
            .branch((id, d) -> d.getDecision() == io.screener.avro.Decision.BLOCK, Branched.as("block"))
            .branch((id, d) -> d.getDecision() == io.screener.avro.Decision.FLAG, Branched.as("flag"))
            .defaultBranch(Branched.as("clear"));

    decisions.get("decision-block").to(topics.blocked().name(), topics.blocked().produced("blocked-sink"));
    decisions.get("decision-flag").to(topics.flagged().name(), topics.flagged().produced("flagged-sink"));
    decisions.get("decision-clear").to(topics.cleared().name(), topics.cleared().produced("cleared-sink"));

    return builder.build();
  }

  /**
   * One leg keyed by the payee for every payment (it is decided there), and one keyed by the payer
   * when money may be moving on (a transfer or withdrawal), for the payer's turnover.
   */
  static List<KeyValue<String, PaymentEvent>> legs(PaymentEvent payment) {
    List<KeyValue<String, PaymentEvent>> legs = new ArrayList<>(2);
    legs.add(KeyValue.pair(payment.getPayeeId(), payment));
    if (hasPayerLeg(payment)) {
      legs.add(KeyValue.pair(payment.getPayerId(), payment));
    }
    return legs;
  }

  /** Whether a payment also goes to its payer's behaviour state as money sent on. */
  public static boolean hasPayerLeg(PaymentEvent payment) {
    boolean movesMoneyOn =
        payment.getType() == io.screener.avro.PaymentType.P2P_TRANSFER
            || payment.getType() == io.screener.avro.PaymentType.WITHDRAWAL;
    return movesMoneyOn && !payment.getPayerId().equals(payment.getPayeeId());
  }

  static Serde<AccountActivity> accountActivitySerde() {
    return Serdes.serdeFrom(
        (topic, activity) -> activity == null ? null : AccountActivityCodec.encode(activity),
        (topic, bytes) -> bytes == null ? null : AccountActivityCodec.decode(bytes));
  }

  /** Makes Kafka refuse to build the topology if any internal topic or store went unnamed. */
  private static StreamsConfig namingConfig() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-naming-check");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return new StreamsConfig(props);
  }
}
