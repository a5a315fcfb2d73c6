package io.screener.generate;

import io.screener.avro.PaymentType;

/**
 * One OTC dealer's personal account: unrelated buyers pay it whole or round numbers of USDT at the
 * quote in force (mostly first-time pairs, some from a few accounts on one phone, memos clean or
 * cover words, rarely explicit), and within minutes the dealer moves the money on to an upstream
 * account or the bank (快进快出).
 */
final class DealerActivity extends Activity {
  private static final double[] USDT_ROUND = {
    100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 50_000
  };
  private static final double[] USDT_ROUND_WEIGHTS = {8, 8, 6, 14, 5, 16, 6, 10, 6, 7, 4, 1.5, 0.3};
  private static final String[] EXPLICIT = {"usdt", "USDT", "u", "U", "买u", "换u"};
  private static final String[] COVER = {"货款", "货款", "借款", "还款", "往来款"};
  private static final int REMEMBERED_BUYERS = 16;

  private final World world;
  private final World.Dealer dealer;
  private final long[] recentBuyers = new long[REMEMBERED_BUYERS];
  private int recentCount;
  private long balance;
  private boolean outflowPending;

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
    long usdt =
        rng.chance(0.2)
            ? rng.between(50, 3_000)
            : (long) USDT_ROUND[rng.weighted(USDT_ROUND_WEIGHTS)];
    long amount = Amounts.priced(usdt, sim.usdtAt(time));
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

  private String memo(long usdt) {
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
