package io.screener.replay;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.CryptoQuote;
import io.screener.avro.MerchantReputation;
import io.screener.screening.QuoteSource;
import io.screener.topology.QuoteHistory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reference feeds of a replay, loaded before the payments as the republished history would be:
 * merchant and counterparty reputation (latest entry per key wins, as in the compacted topics'
 * global tables) and the quote history with the live retention rule. Shared by every engine of a
 * run; not thread-safe.
 */
public final class ReplayFeeds {
  private final Map<String, MerchantReputation> merchants = new HashMap<>();
  private final Map<String, CounterpartyReputation> counterparties = new HashMap<>();
  private final QuoteHistory.Table quotes = QuoteHistory.inMemory();
  private final long quoteRetentionMillis;

  public ReplayFeeds(Duration quoteRetention) {
    this.quoteRetentionMillis = quoteRetention.toMillis();
  }

  /** Adds or replaces a merchant's entry, keyed by its merchant id. */
  public void merchant(MerchantReputation reputation) {
    merchants.put(reputation.getMerchantId(), reputation);
  }

  /** Removes a merchant's entry, as a tombstone does. */
  public void forgetMerchant(String merchantId) {
    merchants.remove(merchantId);
  }

  /** Adds or replaces an account's entry, keyed by its account id. */
  public void counterparty(CounterpartyReputation reputation) {
    counterparties.put(reputation.getAccountId(), reputation);
  }

  /** Removes an account's entry, as a tombstone does. */
  public void forgetCounterparty(String accountId) {
    counterparties.remove(accountId);
  }

  public void quote(CryptoQuote quote) {
    QuoteHistory.record(quotes, quote, quoteRetentionMillis);
  }

  @Nullable MerchantReputation merchantOf(String merchantId) {
    return merchants.get(merchantId);
  }

  @Nullable CounterpartyReputation counterpartyOf(String accountId) {
    return counterparties.get(accountId);
  }

  /**
   * Quotes at most {@code lookbackMillis} older than the payment, as the scoring processor looks.
   */
  QuoteSource quotes(long lookbackMillis) {
    return QuoteHistory.lookup(quotes, lookbackMillis);
  }
}
