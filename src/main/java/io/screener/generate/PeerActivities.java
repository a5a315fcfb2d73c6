package io.screener.generate;

import io.screener.avro.PaymentType;
import org.jspecify.annotations.Nullable;

/**
 * Ordinary person-to-person money: street stalls, rent, family, friends and red packets. Many of
 * these look like dealers' business (many payers, round amounts, "loan" memos) and must stay clear.
 */
final class PeerActivities {
  private PeerActivities() {}

  /** Stalls paid on the owner's personal QR code: one vendor, a stream of unrelated customers. */
  static final class StreetVendors extends Activity {
    private final World world;

    StreetVendors(RateTable rates, Rng rng, World world) {
      super(Scenario.STREET_VENDOR, rates, rng);
      this.world = world;
    }

    @Override
    void arrive(long time, Simulation sim) {
      World.Vendor vendor = world.vendors.get(rng.skewed(world.vendors.size(), 1.5));
      // Three in ten are regulars from the neighbourhood; the rest are passers-by.
      long payer =
          rng.chance(0.3)
              ? world.wrap(vendor.neighbourhood() + rng.nextInt(300))
              : world.anyConsumer(rng);
      Account account = world.consumer(payer);
      sim.emit(
          scenario,
          Simulation.toPerson(
              time,
              PaymentType.P2P_TRANSFER,
              account.id(),
              vendor.account().id(),
              vendor.amounts().fen(rng),
              "qr",
              null,
              account.device()));
    }
  }

  /** Tenants paying their landlords, each tenant about once a month. */
  static final class Rent extends Activity {
    private static final String[] MONTHS = {
      "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"
    };
    private final World world;
    private long tenantCounter;

    Rent(RateTable rates, Rng rng, World world) {
      super(Scenario.LANDLORD_RENT, rates, rng);
      this.world = world;
    }

    @Override
    void arrive(long time, Simulation sim) {
      int tenant = (int) (tenantCounter++ % world.landlords.tenants());
      World.Landlord landlord = world.landlords.of(tenant);
      Account payer = world.consumer(world.landlords.tenantConsumer(tenant));
      long rent = landlord.rentOf(tenant);
      boolean quarterly = rng.chance(0.1);
      long amount = quarterly ? rent * 3 : rent;
      String memo;
      double kind = rng.nextDouble();
      if (kind < 0.35) {
        memo = "房租";
      } else if (kind < 0.55) {
        memo = MONTHS[ShanghaiCalendar.date(time).getMonthValue() - 1] + "房租";
      } else if (kind < 0.65) {
        // Rent plus metered water and electricity: no longer a round amount.
        amount += Amounts.rounded(90, 0.5, 0.01, 800).fen(rng);
        memo = "房租+水电";
      } else if (kind < 0.7 && quarterly) {
        memo = "季度房租";
      } else {
        memo = null;
      }
      sim.emit(
          scenario,
          Simulation.toPerson(
              time,
              PaymentType.P2P_TRANSFER,
              payer.id(),
              landlord.account().id(),
              amount,
              "app",
              memo,
              payer.device()));
    }
  }

  /** Allowances, loans, repayments and big family expenses between relatives. */
  static final class Family extends Activity {
    private static final String[] OTHER_MEMOS = {"学费", "医药费", "给爸妈", "房贷", "装修款", "彩礼"};
    private final World world;

    Family(RateTable rates, Rng rng, World world) {
      super(Scenario.FAMILY_TRANSFER, rates, rng);
      this.world = world;
    }

    @Override
    void arrive(long time, Simulation sim) {
      long payerIndex = world.activeConsumer(rng);
      Account payer = world.consumer(payerIndex);
      Account payee = world.consumer(world.relative(payerIndex, rng));
      String memo;
      long amount;
      double kind = rng.nextDouble();
      if (kind < 0.25) {
        memo = "生活费";
        amount = Amounts.yuan(100 * rng.between(5, 50));
      } else if (kind < 0.45) {
        memo = "借款";
        amount = loan(rng);
      } else if (kind < 0.6) {
        memo = rng.chance(0.8) ? "还款" : "还钱";
        amount = rng.chance(0.6) ? loan(rng) : Amounts.rounded(3_000, 0.9, 0.01, 200_000).fen(rng);
      } else if (kind < 0.85) {
        memo = null;
        amount = Amounts.rounded(1_000, 1.0, 100, 200_000).fen(rng);
      } else {
        memo = rng.pick(OTHER_MEMOS);
        amount = other(memo, rng);
      }
      sim.emit(
          scenario,
          Simulation.toPerson(
              time,
              PaymentType.P2P_TRANSFER,
              payer.id(),
              payee.id(),
              amount,
              "app",
              memo,
              payer.device()));
    }

    /** Family loans: mostly a few thousand, some for a car or a flat (up to the 200,000 limit). */
    private static long loan(Rng rng) {
      if (rng.chance(0.1)) {
        return Amounts.yuan(10_000 * rng.between(5, 20));
      }
      return Amounts.rounded(5_000, 1.0, rng.chance(0.7) ? 1_000 : 100, 200_000).fen(rng);
    }

    private static long other(String memo, Rng rng) {
      switch (memo) {
        case "学费":
          return Amounts.yuan(500 * rng.between(6, 40));
        case "给爸妈":
          return Amounts.yuan(500 * rng.between(1, 10));
        case "房贷":
          return Amounts.rounded(5_500, 0.3, 0.01, 30_000).fen(rng);
        case "装修款":
          return Amounts.rounded(30_000, 0.7, 1_000, 200_000).fen(rng);
        case "彩礼":
          // Betrothal gifts favour lucky numbers.
          return Amounts.menu(66_666, 88_888, 100_001, 128_000, 188_888).fen(rng);
        default:
          return Amounts.rounded(800, 1.0, 0.01, 50_000).fen(rng);
      }
    }
  }

  /** Friends splitting bills (odd amounts), paying each other back, small loans. */
  static final class Friends extends Activity {
    private static final String[] MEMOS = {"AA", "饭钱", "车费", "奶茶", "电影票", "代购", "球费", "还你的", "KTV"};
    private final World world;

    Friends(RateTable rates, Rng rng, World world) {
      super(Scenario.FRIENDS_P2P, rates, rng);
      this.world = world;
    }

    @Override
    void arrive(long time, Simulation sim) {
      long payerIndex = world.activeConsumer(rng);
      Account payer = world.consumer(payerIndex);
      Account payee = world.consumer(world.friend(payerIndex, rng));
      long amount;
      String memo;
      if (rng.chance(0.12)) {
        memo = rng.chance(0.5) ? "借你的" : null;
        amount = Amounts.yuan(100 * rng.between(2, 30));
      } else {
        // A bill split n ways: rarely a round number.
        long bill = Amounts.price(180, 0.7).fen(rng);
        amount = Math.max(100, bill / rng.between(2, 6));
        memo = rng.chance(0.45) ? rng.pick(MEMOS) : null;
      }
      sim.emit(
          scenario,
          Simulation.toPerson(
              time,
              PaymentType.P2P_TRANSFER,
              payer.id(),
              payee.id(),
              amount,
              "app",
              memo,
              payer.device()));
    }
  }

  /**
   * Red packets (红包): one-to-one packets of lucky amounts, and group packets that several members
   * grab within seconds, split at random.
   */
  static final class RedPackets extends Activity {
    static final double GROUP_SHARE = 0.25;
    static final int MIN_GRABS = 3;
    static final int MAX_GRABS = 10;

    private static final double[] LUCKY = {
      6.66, 8.88, 6.6, 8.8, 16.66, 18.88, 52.0, 66.6, 66.66, 88.8, 88.88, 100, 168, 200
    };
    private static final double[] LUCKY_WEIGHTS = {14, 14, 6, 6, 5, 6, 6, 8, 4, 8, 4, 4, 2, 3};
    private static final double[] ROMANTIC = {5.2, 13.14, 52.0, 131.4, 520, 1314};
    private static final double[] GROUP_TOTALS = {10, 20, 50, 66.6, 88.8, 100, 200};
    private static final String DEFAULT_GREETING = "恭喜发财，大吉大利";
    private final World world;

    RedPackets(RateTable rates, Rng rng, World world) {
      super(Scenario.RED_PACKET, rates, rng);
      this.world = world;
    }

    /** Expected payments per arrival, for calibrating the arrival rate. */
    static double paymentsPerArrival() {
      return (1 - GROUP_SHARE) + GROUP_SHARE * (MIN_GRABS + MAX_GRABS) / 2.0;
    }

    @Override
    void arrive(long time, Simulation sim) {
      long senderIndex = world.activeConsumer(rng);
      Account sender = world.consumer(senderIndex);
      String festival = ShanghaiCalendar.festivalGreeting(ShanghaiCalendar.date(time));
      String memo =
          rng.chance(0.3)
              ? null
              : festival != null && rng.chance(0.6) ? festival : DEFAULT_GREETING;
      if (rng.chance(GROUP_SHARE)) {
        group(time, sim, senderIndex, sender, memo);
        return;
      }
      long recipient =
          rng.chance(0.5) ? world.relative(senderIndex, rng) : world.friend(senderIndex, rng);
      boolean romantic = ShanghaiCalendar.romantic(ShanghaiCalendar.date(time)) && rng.chance(0.5);
      long amount =
          romantic
              ? Amounts.yuan(ROMANTIC[rng.nextInt(ROMANTIC.length)])
              : Amounts.yuan(LUCKY[rng.weighted(LUCKY_WEIGHTS)]);
      if (romantic && memo != null) {
        memo = rng.chance(0.5) ? "我爱你" : memo;
      }
      emit(time, sim, sender, world.consumer(recipient).id(), amount, memo);
    }

    /** WeChat's 拼手气 split: each grab takes a random share of up to twice the fair remainder. */
    private void group(
        long time, Simulation sim, long senderIndex, Account sender, @Nullable String memo) {
      long remaining = Amounts.yuan(GROUP_TOTALS[rng.nextInt(GROUP_TOTALS.length)]);
      int grabs = rng.between(MIN_GRABS, MAX_GRABS);
      long at = time;
      for (int left = grabs; left > 0; left--) {
        long share;
        if (left == 1) {
          share = remaining;
        } else {
          long max = Math.max(1, 2 * remaining / left - 1);
          share =
              Math.max(1, Math.min(remaining - (left - 1), 1 + (long) (rng.nextDouble() * max)));
        }
        remaining -= share;
        at += 500 + (long) (rng.exponential() * 8_000);
        long member =
            rng.chance(0.5) ? world.relative(senderIndex, rng) : world.friend(senderIndex, rng);
        emit(at, sim, sender, world.consumer(member).id(), share, memo);
      }
    }

    private void emit(
        long time,
        Simulation sim,
        Account sender,
        String recipient,
        long amount,
        @Nullable String memo) {
      sim.emit(
          scenario,
          Simulation.toPerson(
              time,
              PaymentType.RED_PACKET,
              sender.id(),
              recipient,
              amount,
              "app",
              memo,
              sender.device()));
    }
  }
}
