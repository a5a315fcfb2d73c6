package io.screener.generate;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A labeled synthetic payment history: ordinary payments (shops, restaurants, street stalls, rent,
 * family, friends, red packets, money changers and remittance counters, games, brokers, licensed
 * blockchain partners, businesses whose names happen to carry a crypto brand's word) and crypto
 * purchases (listed and unlisted exchanges and on-ramps, wallets, platforms on no list, NFT
 * platforms, OTC dealers at the quote or at a premium, and the dealers' outflows), with the
 * reputation lists and crypto quotes a screener would see. See {@link Scenario} for the labels.
 *
 * <p>Deterministic: the same {@link HistorySpec} gives the same records in the same order, on any
 * machine (no wall clock, no hash ordering, no parallelism). Each call to {@link #quotes()} or
 * {@link #payments()} starts from the beginning. Payments are generated lazily in event-time order
 * with bounded memory, so a history of millions of payments can be streamed to a file or a topic.
 *
 * <pre>{@code
 * HistoryGenerator history = new HistoryGenerator(HistorySpec.of(200_000, 42));
 * history.merchantReputations().forEach(...);
 * history.quotes().forEachRemaining(...);
 * history.payments().forEachRemaining(labeled -> send(labeled.payment()));
 * }</pre>
 */
public final class HistoryGenerator {
  private final World world;

  public HistoryGenerator(HistorySpec spec) {
    this.world = new World(Objects.requireNonNull(spec, "spec"));
  }

  public HistorySpec spec() {
    return world.spec;
  }

  /** Merchant reputation records (key = merchantId = a payment's payeeId), sorted by id. */
  public List<MerchantReputation> merchantReputations() {
    return world.merchantReputations;
  }

  /** Counterparty reputation records (key = accountId), sorted by id. */
  public List<CounterpartyReputation> counterpartyReputations() {
    return world.counterpartyReputations;
  }

  /**
   * USDT/CNY and BTC/CNY quotes every five minutes of event time, from an hour before the start to
   * at least a day past the planned end (later than any payment), in time order.
   */
  public Iterator<CryptoQuote> quotes() {
    return new QuoteTape(world.seed, world.quotesFrom, world.coverEnd);
  }

  /** Exactly {@code spec().payments()} payments, sorted by event time then transaction id. */
  public Iterator<LabeledPayment> payments() {
    return new Simulation(world);
  }

  /** Feeds the whole history to {@code sink}: reputation, quotes, then payments. */
  public void generate(HistorySink sink) throws Exception {
    for (MerchantReputation record : merchantReputations()) {
      sink.merchant(record);
    }
    for (CounterpartyReputation record : counterpartyReputations()) {
      sink.counterparty(record);
    }
    for (Iterator<CryptoQuote> it = quotes(); it.hasNext(); ) {
      sink.quote(it.next());
    }
    for (Iterator<LabeledPayment> it = payments(); it.hasNext(); ) {
      sink.payment(it.next());
    }
  }
}
