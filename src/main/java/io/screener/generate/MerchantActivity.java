package io.screener.generate;

import io.screener.avro.PaymentType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Customers paying merchant accounts: shops, restaurants, money changers, games, brokers, licensed
 * partners, exchanges, on-ramps and NFT platforms differ only in who pays, whom, how much and with
 * which memo.
 */
final class MerchantActivity extends Activity {

  /** Who pays a given merchant. */
  @FunctionalInterface
  interface Payers {
    Account pick(Merchant merchant, Rng rng);
  }

  /** The memo a payer writes, or null (most merchant payments have none). */
  @FunctionalInterface
  interface Memos {
    @Nullable String pick(Merchant merchant, Rng rng);
  }

  static final Memos NO_MEMO = (merchant, rng) -> null;

  private final List<Merchant> merchants;
  private final double skew;
  private final PaymentType type;
  private final Payers payers;
  private final Memos memos;

  /**
   * @param skew how strongly the first merchants in the list are preferred (1 = uniform)
   */
  MerchantActivity(
      Scenario scenario,
      RateTable rates,
      Rng rng,
      List<Merchant> merchants,
      double skew,
      PaymentType type,
      Payers payers,
      Memos memos) {
    super(scenario, rates, rng);
    this.merchants = merchants;
    this.skew = skew;
    this.type = type;
    this.payers = payers;
    this.memos = memos;
  }

  @Override
  void arrive(long time, Simulation sim) {
    Merchant merchant = merchants.get(rng.skewed(merchants.size(), skew));
    Account payer = payers.pick(merchant, rng);
    String channel = merchant.channel(rng);
    // Web checkouts often carry no device fingerprint.
    String device = "web".equals(channel) && rng.chance(0.5) ? null : payer.device();
    long amount = merchant.amounts().fen(rng);
    sim.emit(
        scenario,
        Simulation.toMerchant(
            time, type, payer.id(), merchant, amount, channel, memos.pick(merchant, rng), device));
  }
}
