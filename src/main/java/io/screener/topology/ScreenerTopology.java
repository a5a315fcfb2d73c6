package io.screener.topology;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.Decision;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.ScreenerConfig;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.avro.internal.EnforcementEvent;
import io.screener.avro.internal.ReviewItem;
import io.screener.config.ScreenerSettings;
import io.screener.domain.Scorer;
import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.AccountActivityCodec;
import io.screener.domain.enforcement.EnforcementCodec;
import io.screener.screening.EnforcementMapping;
import io.screener.screening.PaymentValidation;
import io.screener.screening.ScreeningEvents;
import io.screener.serialization.AvroSerde;
import io.screener.serialization.WireFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The screener's whole topology, built in one place with no I/O.
 *
 * <pre>
 * payments (bytes, stream time by event time) -> payment-intake -> split: rejected -> payments-dead-letter
 *   accepted -> payment-legs (payee leg, and payer leg for money sent on), split by where the
 *   account's state lives: this task -> on; another -> repartition payments-by-account -> on
 *   -> behaviour-features [account-activity, spilled-legs] (takes the rules
 *      version in force for the payment)
 *   -> score-payment [crypto-quote-history] (and by the shadow rules, when set), looking up the
 *      reference feeds in their global stores: merchant reputation (payee), counterparty
 *      reputation (payer and payee), account status (payer and payee; from account-actions)
 *   -> split: shadow diffs (the shadow decides otherwise) -> payments-shadow-diff
 *      decisions -> split by decision -> blocked | flagged | cleared
 *                -> flagged and blocked -> repartition payments-for-review
 * review-verdicts -> repartition verdicts-for-review
 * payments-for-review + verdicts-for-review -> review-ledger [review-cases]
 *   -> unusable verdicts (unknown payment, dated ahead of the clock) -> payments-dead-letter
 *   -> account events -> repartition enforcement-by-account -> account-enforcement [account-enforcement]
 *   -> status changes (and a tombstone when an account is forgotten) -> account-actions;
 *      verdict feedback -> counterparty-reputation
 * merchant-reputation, counterparty-reputation, account-actions -> their global stores, each with
 *   a filter of the keys it holds (ReferenceFeed)
 * screener-config -> screener-config-update [screener-config-store] (puts valid rules in force,
 *   and sets or removes the shadow rules)
 * </pre>
 *
 * Every processor, store and internal topic is named: renaming one breaks running deployments
 * (their state and internal topics are found by name), so a test pins the described topology.
 */
public final class ScreenerTopology {
  public static final String ACCOUNT_STORE = "account-activity";
  public static final String SPILLED_LEGS_STORE = "spilled-legs";
  public static final String QUOTE_STORE = "crypto-quote-history";
  public static final String MERCHANT_STORE = "merchant-reputation-store";
  public static final String COUNTERPARTY_STORE = "counterparty-reputation-store";
  public static final String ACCOUNT_STATUS_STORE = "account-status-store";
  public static final String CONFIG_STORE = "screener-config-store";
  public static final String REVIEW_STORE = "review-cases";
  public static final String ENFORCEMENT_STORE = "account-enforcement";
  public static final String BY_ACCOUNT = "payments-by-account";
  public static final String PAYMENTS_FOR_REVIEW = "payments-for-review";
  public static final String VERDICTS_FOR_REVIEW = "verdicts-for-review";
  public static final String ENFORCEMENT_BY_ACCOUNT = "enforcement-by-account";

  private final ScreenerSettings settings;
  private final ScreeningEvents events;
  private final PaymentValidation validation;
  private final Topics topics;
  private final ActiveRules rules;

  /** Payments as the screener passes them between its own tasks. */
  private final Serde<PaymentEvent> paymentSerde = AvroSerde.of(PaymentEvent.class);

  /** Payments as producers write them, in either framing. */
  private final Serde<PaymentEvent> incomingPaymentSerde;

  private final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(namingConfig()));

  private ScreenerTopology(
      ScreenerSettings settings,
      Scorer scorer,
      ScreeningEvents events,
      WireFormat wire,
      LongSupplier clock) {
    this.settings = settings;
    this.events = events;
    this.validation = new PaymentValidation(settings.validation());
    this.topics = Topics.of(settings.topics(), new FeedValidation(validation, clock), wire);
    this.incomingPaymentSerde = wire.serde(PaymentEvent.class);
    this.rules = new ActiveRules(scorer);
  }

  /**
   * The topology deciding with {@code scorer}'s rules until a {@code screener-config} document
   * replaces them.
   */
  public static Topology build(ScreenerSettings settings, Scorer scorer, ScreeningEvents events) {
    return build(settings, scorer, events, System::currentTimeMillis);
  }

  /**
   * As {@link #build(ScreenerSettings, Scorer, ScreeningEvents)}, with the wall clock feed records
   * are checked against (decoding runs outside any processor, so it cannot read the task's clock).
   *
   * <p>The sections are added in this order, which fixes the described topology's numbering.
   */
  public static Topology build(
      ScreenerSettings settings, Scorer scorer, ScreeningEvents events, LongSupplier clock) {
    return build(settings, scorer, events, WireFormat.of(settings.registry()), clock);
  }

  /**
   * As {@link #build(ScreenerSettings, Scorer, ScreeningEvents, LongSupplier)}, reading and writing
   * the shared topics in {@code wire}'s format (the service shares it with its start-up checks).
   */
  public static Topology build(
      ScreenerSettings settings,
      Scorer scorer,
      ScreeningEvents events,
      WireFormat wire,
      LongSupplier clock) {
    ScreenerTopology topology = new ScreenerTopology(settings, scorer, events, wire, clock);
    Feeds feeds = topology.feeds();
    topology.stores();
    KStream<byte[], Routed<PaymentEvent>> accepted = topology.intake();
    KStream<String, ScreeningDecision> decided =
        topology.shadowDiffs(topology.screening(topology.byAccount(accepted), feeds));
    topology.decisions(decided);
    KStream<String, Routed<EnforcementEvent>> reviewed = topology.review(decided);
    topology.enforcement(reviewed, feeds);
    return topology.builder.build();
  }

  /** The reference feeds screening and enforcement look up, each in a global store. */
  record Feeds(
      ReferenceFeed<MerchantReputation> merchants,
      ReferenceFeed<CounterpartyReputation> counterparties,
      ReferenceFeed<AccountAction> accountStatus) {}

  /**
   * Merchant and counterparty reputation and account status (global stores), the quote history
   * (read by the scorer) and {@code screener-config} (puts valid rules in force).
   */
  private Feeds feeds() {
    Feeds feeds =
        new Feeds(
            referenceFeed(topics.merchantReputation(), "merchant-reputation-table", MERCHANT_STORE),
            referenceFeed(
                topics.counterpartyReputation(),
                "counterparty-reputation-table",
                COUNTERPARTY_STORE),
            referenceFeed(topics.accountActions(), "account-status-table", ACCOUNT_STATUS_STORE));
    long quoteRetention = settings.quoteRetention().toMillis();
    builder.addGlobalStore(
        QuoteHistory.Store.builder(QUOTE_STORE),
        topics.cryptoQuotes().name(),
        topics.cryptoQuotes().consumed("quote-history-update"),
        () -> new QuoteHistory.Updater(quoteRetention));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(CONFIG_STORE),
                Serdes.String(),
                AvroSerde.of(ScreenerConfig.class))
            .withLoggingDisabled(),
        topics.screenerConfig().name(),
        topics.screenerConfig().consumed("screener-config-update"),
        () -> new ConfigUpdater(rules, events));
    return feeds;
  }

  /** The task stores: behaviour state, the review ledger and the enforcement ladder. */
  private void stores() {
    // Kafka Streams' record cache in front of the account records: a payee paid several times
    // within a commit interval is written to RocksDB and its changelog once, at the commit, and
    // read from the heap in between (docs/state.md, "Record cache").
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                store(settings, ACCOUNT_STORE), Serdes.String(), accountActivitySerde())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                store(settings, SPILLED_LEGS_STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            store(settings, REVIEW_STORE),
            Serdes.String(),
            codecSerde(EnforcementCodec::encode, EnforcementCodec::decodeCase)));
    // The record cache here too: an account struck by several payments within a commit interval
    // (a busy dealer's blocked payments) writes its strikes, up to a few kilobytes, once.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                store(settings, ENFORCEMENT_STORE),
                Serdes.String(),
                codecSerde(EnforcementCodec::encode, EnforcementCodec::decodeState))
            .withCachingEnabled());
  }

  /**
   * Payments decoded and validated; the ones that fail go to the dead-letter topic with the reason.
   */
  private KStream<byte[], Routed<PaymentEvent>> intake() {
    Map<String, KStream<byte[], Routed<PaymentEvent>>> intake =
        builder.stream(
                topics.payments().name(),
                Consumed.with(
                        topics.payments().keySerde(),
                        IncomingPayment.serde(incomingPaymentSerde.deserializer()))
                    .withName("payments-source")
                    .withTimestampExtractor(new PaymentEventTime(validation)))
            .process(
                () -> new PaymentIntakeProcessor(validation, events), Named.as("payment-intake"))
            .split(Named.as("intake-"))
            .branch((key, value) -> value.accepted(), Branched.as("accepted"))
            .defaultBranch(Branched.as("rejected"));
    branch(intake, "intake-rejected")
        .mapValues(
            value -> ((Routed.DeadLetter<PaymentEvent>) value).value(),
            Named.as("dead-letter-value"))
        .to(topics.deadLetter().name(), topics.deadLetter().produced("dead-letter-sink"));
    return branch(intake, "intake-accepted");
  }

  /** The branch of a split named {@code name}: there by construction, named by its Branched. */
  private static <K, V> KStream<K, V> branch(Map<String, KStream<K, V>> branches, String name) {
    return Objects.requireNonNull(branches.get(name), () -> "a split has no branch " + name);
  }

  /**
   * Each payment's legs (its payee's, and its payer's for money sent on) on the task that holds the
   * account's state: a leg already there skips the repartition hop.
   */
  private KStream<String, PaymentEvent> byAccount(KStream<byte[], Routed<PaymentEvent>> accepted) {
    AccountPartitioner byAccount = new AccountPartitioner();
    Map<String, KStream<String, AccountLeg>> legs =
        accepted
            .process(() -> new PaymentLegsProcessor(byAccount), Named.as("payment-legs"))
            .split(Named.as("leg-"))
            .branch((account, leg) -> leg.here(), Branched.as("here"))
            .defaultBranch(Branched.as("elsewhere"));
    KStream<String, PaymentEvent> moved =
        branch(legs, "leg-elsewhere")
            .mapValues(AccountLeg::payment, Named.as("leg-elsewhere-payment"))
            .repartition(
                Repartitioned.with(Serdes.String(), paymentSerde)
                    .withName(BY_ACCOUNT)
                    .withStreamPartitioner(byAccount));
    return branch(legs, "leg-here")
        .mapValues(AccountLeg::payment, Named.as("leg-here-payment"))
        .merge(moved, Named.as("legs-by-account"));
  }

  /**
   * Behaviour features from the account's state, then the score with the feeds looked up: one
   * decision a payment, keyed by transaction id.
   */
  private KStream<String, SpecificRecord> screening(
      KStream<String, PaymentEvent> legs, Feeds feeds) {
    return legs.process(
            () ->
                new BehaviourProcessor(
                    rules,
                    settings.stateRetention(),
                    settings.sweepInterval(),
                    settings.dedupRetention(),
                    IndexedStore.maxIndexedKeys(settings.stateStore()),
                    events),
            Named.as("behaviour-features"),
            ACCOUNT_STORE,
            SPILLED_LEGS_STORE)
        .process(() -> new ScoringProcessor(feeds, events), Named.as("score-payment"));
  }

  /**
   * The scorer's output split: the shadow rules' diffs to their own topic, where nothing reads them
   * back; the decisions on to the decision topics and review.
   */
  private KStream<String, ScreeningDecision> shadowDiffs(KStream<String, SpecificRecord> scored) {
    Map<String, KStream<String, SpecificRecord>> split =
        scored
            .split(Named.as("scored-"))
            .branch((id, value) -> value instanceof ShadowDiff, Branched.as("shadow-diff"))
            .defaultBranch(Branched.as("decision"));
    branch(split, "scored-shadow-diff")
        .mapValues(value -> (ShadowDiff) value, Named.as("shadow-diff-value"))
        .to(topics.shadowDiff().name(), topics.shadowDiff().produced("shadow-diff-sink"));
    return branch(split, "scored-decision")
        .mapValues(value -> (ScreeningDecision) value, Named.as("decision-value"));
  }

  /** Each decision to exactly one of blocked, flagged and cleared. */
  private void decisions(KStream<String, ScreeningDecision> decided) {
    Map<String, KStream<String, ScreeningDecision>> decisions =
        decided
            .split(Named.as("decision-"))
            .branch((id, d) -> d.getDecision() == Decision.BLOCK, Branched.as("block"))
            .branch((id, d) -> d.getDecision() == Decision.FLAG, Branched.as("flag"))
            .defaultBranch(Branched.as("clear"));
    branch(decisions, "decision-block")
        .to(topics.blocked().name(), topics.blocked().produced("blocked-sink"));
    branch(decisions, "decision-flag")
        .to(topics.flagged().name(), topics.flagged().produced("flagged-sink"));
    branch(decisions, "decision-clear")
        .to(topics.cleared().name(), topics.cleared().produced("cleared-sink"));
  }

  /**
   * Flags and blocks meet analysts' verdicts by transaction id in the review ledger; both sides use
   * the same fixed partition count, whatever the payments and verdicts topics have. Unusable
   * verdicts go to the dead-letter topic; the rest become account events.
   */
  private KStream<String, Routed<EnforcementEvent>> review(
      KStream<String, ScreeningDecision> decided) {
    Serde<ReviewItem> reviewSerde = AvroSerde.of(ReviewItem.class);
    KStream<String, ReviewItem> forReview =
        decided
            .filter((id, d) -> d.getDecision() != Decision.CLEAR, Named.as("reviewable"))
            .mapValues(EnforcementMapping::item, Named.as("review-case"))
            .repartition(
                Repartitioned.with(Serdes.String(), reviewSerde)
                    .withName(PAYMENTS_FOR_REVIEW)
                    .withNumberOfPartitions(settings.reviewPartitions()));
    KStream<String, ReviewItem> verdicts =
        builder.stream(
                topics.reviewVerdicts().name(),
                topics.reviewVerdicts().consumed("review-verdicts-source"))
            .map(
                (key, verdict) ->
                    KeyValue.pair(verdict.getTransactionId(), EnforcementMapping.item(verdict)),
                Named.as("verdict-by-transaction"))
            .repartition(
                Repartitioned.with(Serdes.String(), reviewSerde)
                    .withName(VERDICTS_FOR_REVIEW)
                    .withNumberOfPartitions(settings.reviewPartitions()));

    Map<String, KStream<String, Routed<EnforcementEvent>>> reviewed =
        forReview
            .merge(verdicts, Named.as("review-items"))
            .process(
                () ->
                    new ReviewLedgerProcessor(
                        rules,
                        settings.reviewRetention(),
                        settings.sweepInterval(),
                        IndexedStore.maxIndexedKeys(settings.stateStore()),
                        validation,
                        topics.reviewVerdicts().valueSerde().serializer(),
                        events),
                Named.as("review-ledger"),
                REVIEW_STORE)
            .split(Named.as("review-"))
            .branch((key, value) -> value.accepted(), Branched.as("accepted"))
            .defaultBranch(Branched.as("rejected"));
    branch(reviewed, "review-rejected")
        .mapValues(
            value -> ((Routed.DeadLetter<EnforcementEvent>) value).value(),
            Named.as("verdict-dead-letter-value"))
        .to(
            topics.deadLetter().name(),
            Produced.with(Serdes.String(), Serdes.ByteArray())
                .withName("verdict-dead-letter-sink"));
    return branch(reviewed, "review-accepted");
  }

  /**
   * The enforcement ladder, by account: status changes (and a tombstone when an account is
   * forgotten) to {@code account-actions}, verdict feedback to counterparty reputation.
   */
  private void enforcement(KStream<String, Routed<EnforcementEvent>> reviewed, Feeds feeds) {
    Map<String, KStream<String, SpecificRecord>> enforced =
        reviewed
            .mapValues(
                value -> ((Routed.Onward<EnforcementEvent>) value).value(),
                Named.as("account-event"))
            .repartition(
                Repartitioned.with(Serdes.String(), AvroSerde.of(EnforcementEvent.class))
                    .withName(ENFORCEMENT_BY_ACCOUNT))
            .process(
                () ->
                    new EnforcementProcessor(
                        rules,
                        feeds,
                        settings.sweepInterval(),
                        IndexedStore.maxIndexedKeys(settings.stateStore()),
                        events),
                Named.as("account-enforcement"),
                ENFORCEMENT_STORE)
            .split(Named.as("enforced-"))
            // A null value is an account-actions tombstone: the ladder forgot the account.
            .branch(
                (account, value) -> value == null || value instanceof AccountAction,
                Branched.as("action"))
            .defaultBranch(Branched.as("reputation"));
    branch(enforced, "enforced-action")
        .mapValues(value -> (AccountAction) value, Named.as("account-action-value"))
        .to(
            topics.accountActions().name(),
            topics.accountActions().produced("account-actions-sink"));
    branch(enforced, "enforced-reputation")
        .mapValues(value -> (CounterpartyReputation) value, Named.as("reputation-feedback-value"))
        .to(
            topics.counterpartyReputation().name(),
            topics.counterpartyReputation().produced("reputation-feedback-sink"));
  }

  /** The key-value store {@code name}, kept where {@code state.store} says. */
  public static KeyValueBytesStoreSupplier store(ScreenerSettings settings, String name) {
    return switch (settings.stateStore()) {
      case ROCKSDB -> Stores.persistentKeyValueStore(name);
      case MEMORY -> Stores.inMemoryKeyValueStore(name);
    };
  }

  /**
   * A feed's topic kept in a global store, by the feed's own processor (which also keeps the filter
   * of the keys the store holds). No record cache: only the global thread writes the store, and a
   * cache would only put one more look-up in front of every read.
   */
  private <V> ReferenceFeed<V> referenceFeed(
      Topic<String, V> topic, String processorName, String storeName) {
    ReferenceFeed<V> feed = new ReferenceFeed<>(storeName);
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                store(settings, storeName), topic.keySerde(), topic.valueSerde())
            .withLoggingDisabled(),
        topic.name(),
        topic.consumed(processorName),
        feed::updater);
    return feed;
  }

  private static <V> Serde<V> codecSerde(Function<V, byte[]> encode, Function<byte[], V> decode) {
    return Serdes.serdeFrom(
        (topic, value) -> value == null ? null : encode.apply(value),
        (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
  }

  /**
   * The key a payment should carry on the payments topic: its payee, so that with Kafka's default
   * partitioner it arrives on its payee's partition and is decided without the repartition hop. Any
   * other key is decided alike, one hop later.
   */
  public static String inputKey(PaymentEvent payment) {
    return payment.getPayeeId();
  }

  /**
   * Whether a payment also goes to its payer's behaviour state as money sent on (a transfer or
   * withdrawal), beside the leg to its payee's, where every payment is decided.
   */
  public static boolean hasPayerLeg(PaymentEvent payment) {
    boolean movesMoneyOn =
        payment.getType() == PaymentType.P2P_TRANSFER
            || payment.getType() == PaymentType.WITHDRAWAL;
    return movesMoneyOn && !payment.getPayerId().equals(payment.getPayeeId());
  }

  static Serde<AccountActivity> accountActivitySerde() {
    return codecSerde(AccountActivityCodec::encode, AccountActivityCodec::decode);
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
