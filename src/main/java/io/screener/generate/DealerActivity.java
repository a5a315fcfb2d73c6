package io.screener.generate;

import io.screener.avro.PaymentType;
import org.jspecify.annotations.Nullable;

/**
 * One OTC dealer's personal account: unrelated buyers pay it whole or round numbers of USDT at the
 * dealer's price (mostly first-time pairs, some from a few accounts on one phone, memos clean or
 * cover words, rarely explicit), and within minutes the dealer moves the money on to an upstream
 * account or the bank (快进快出).
 *
 * <p>The price is the quote in force, or for premium dealers the quote marked up by 0.5-3%: either
 * a fixed premium over the live quote, or a price posted to the fen and held for 2-6 hours (posted
 * anew sooner if the quote drifts so far that the markup leaves that band). Premium dealers' buyers
 * mostly take whole lots of 100 USDT and up; a minority pay a round CNY sum or an odd one.
 */
final class DealerActivity extends Activity {
  private static final double[] USDT_ROUND = {
    100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 50_000
  };
  private static final double[] USDT_ROUND_WEIGHTS = {8, 8, 6, 14, 5, 16, 6, 10, 6, 7, 4, 1.5, 0.3};
  private static final String[] EXPLICIT = {"usdt", "USDT", "u", "U", "买u", "换u"};
  private static final String[] COVER = {"货款", "货款", "借款", "还款", "往来款"};
  private static final int REMEMBERED_BUYERS = 16;

  /** The band of a premium dealer's markup over the quote in force (ratio of prices). */
  static final double MIN_MARKUP = 1.005;

  static final double MAX_MARKUP = 1.03;

  /** The USDT lots premium dealers' buyers take. */
  static final long[] LOTS = {100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000};

  private static final double[] LOT_WEIGHTS = {10, 10, 6, 14, 5, 16, 6, 10, 6, 6};
  private static final double[] ROUND_CNY = {1000, 2000, 3000, 5000, 10_000, 20_000};
  private static final Amounts ODD_CNY = Amounts.rounded(3_000, 0.8, 0.01, 100_000);
  private static final long MIN_POSTED = 2 * ShanghaiCalendar.HOUR;
  private static final long POSTED_SPREAD = 4 * ShanghaiCalendar.HOUR;

  private final World world;
  private final World.Dealer dealer;
  private final long[] recentBuyers = new long[REMEMBERED_BUYERS];
  private int recentCount;
  private long balance;
  private boolean outflowPending;
  private long postedFen;
  private long postedUntil;

  DealerActivity(RateTable rates, Rng rng, World world, World.Dealer dealer) {
    super(dealer.scenario(), rates, rng);
    this.world = world;
    this.dealer = dealer;
  }

  @Override
  void arrive(long time, Simulation sim) {
    Account buyer;
    String device;
    if (rng.chance(0.12)) {
      // A buyer-side operator paying from several accounts on one phone.
      buyer = dealer.farm()[rng.nextInt(dealer.farm().length)];
      device = dealer.farmDevice();
    } else if (recentCount > 0 && rng.chance(0.15)) {
      buyer = world.consumer(recentBuyers[rng.nextInt(Math.min(recentCount, REMEMBERED_BUYERS))]);
      device = buyer.device();
    } else {
      long index = world.anyConsumer(rng);
      recentBuyers[recentCount++ % REMEMBERED_BUYERS] = index;
      buyer = world.consumer(index);
      device = buyer.device();
    }
    double quote = sim.usdtAt(time);
    long usdt;
    long amount;
    if (dealer.pricing() == World.Pricing.QUOTE) {
      usdt =
          rng.chance(0.2)
              ? rng.between(50, 3_000)
              : (long) USDT_ROUND[rng.weighted(USDT_ROUND_WEIGHTS)];
      amount = Amounts.priced(usdt, quote);
    } else {
      boolean posted = dealer.pricing() == World.Pricing.POSTED_PRICE;
      long priceFen = posted ? postedFen(time, quote) : 0;
      double kind = rng.nextDouble();
      if (kind < 0.88) {
        usdt = LOTS[rng.weighted(LOT_WEIGHTS)];
        amount = posted ? usdt * priceFen : Math.round(usdt * quote * (1 + dealer.premium()) * 100);
      } else {
        amount =
            kind < 0.96 ? Amounts.yuan(ROUND_CNY[rng.nextInt(ROUND_CNY.length)]) : ODD_CNY.fen(rng);
        usdt = Math.max(1, Math.round(amount / (quote * (1 + dealer.premium()) * 100)));
      }
    }
    String memo = memo(usdt);
    sim.emit(
        scenario,
        Simulation.toPerson(
            time,
            PaymentType.P2P_TRANSFER,
            buyer.id(),
            dealer.account().id(),
            amount,
            "app",
            memo,
            device));
    balance += amount;
    if (!outflowPending) {
      outflowPending = true;
      long delay = (long) Math.min(40 * 60_000, Math.max(60_000, rng.logNormal(6 * 60_000, 0.6)));
      sim.later(time + delay, this::moveOn);
    }
  }

  /** The posted price in fen per USDT, posted anew when it expires or leaves the markup band. */
  private long postedFen(long time, double quote) {
    double quoteFen = quote * 100;
    double markup = postedFen / quoteFen;
    if (time >= postedUntil || markup < MIN_MARKUP || markup > MAX_MARKUP) {
      long low = (long) Math.ceil(quoteFen * MIN_MARKUP);
      long high = (long) Math.floor(quoteFen * MAX_MARKUP);
      long target = Math.round(quoteFen * (1 + dealer.premium())) + rng.between(-1, 1);
      postedFen = Math.max(low, Math.min(high, target));
      postedUntil = time + MIN_POSTED + rng.nextLong(POSTED_SPREAD);
    }
    return postedFen;
  }

  private @Nullable String memo(long usdt) {
    if (rng.chance(dealer.explicitMemoRate())) {
      return rng.chance(0.3) ? usdt + "u" : rng.pick(EXPLICIT);
    }
    return rng.chance(dealer.coverMemoRate()) ? rng.pick(COVER) : null;
  }

  /** Moves the balance on: all of it, or the whole thousands, to the upstream or the bank. */
  private void moveOn(long time, Simulation sim) {
    outflowPending = false;
    long amount = balance;
    if (balance >= 200_000 && rng.chance(0.25)) {
      amount = balance / 100_000 * 100_000;
    }
    balance -= amount;
    Account self = dealer.account();
    if (rng.chance(0.25)) {
      sim.emit(
          Scenario.OTC_DEALER_OUTFLOW,
          Simulation.toPerson(
              time,
              PaymentType.WITHDRAWAL,
              self.id(),
              dealer.bankCard(),
              amount,
              "app",
              null,
              self.device()));
    } else {
      String upstream = dealer.upstreams()[rng.nextInt(dealer.upstreams().length)];
      sim.emit(
          Scenario.OTC_DEALER_OUTFLOW,
          Simulation.toPerson(
              time,
              PaymentType.P2P_TRANSFER,
              self.id(),
              upstream,
              amount,
              "app",
              rng.chance(0.1) ? "货款" : null,
              self.device()));
    }
  }
}
