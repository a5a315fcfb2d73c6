package io.screener.generate;

import io.screener.avro.CounterpartyCategory;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantCategory;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everyone in a generated history and what the reputation lists say about them: consumers,
 * merchants, street vendors, landlords, OTC dealers and their upstream accounts. Built once from a
 * {@link HistorySpec}; immutable, so any number of simulations can replay it.
 *
 * <p>Populations scale with the volume per day, so a dealer sees a realistic number of buyers a day
 * whatever the size of the history.
 */
final class World {

  /** Planned share of all payments per scenario; retail takes what the others leave. */
  private static final Map<Scenario, Double> SHARES = new EnumMap<>(Scenario.class);

  private static final String[] GAME_MEMOS = {"Q币充值", "点券", "月卡", "648档", "创世结晶", "游戏币", "皮肤"};

  /** The scenarios of dealers' inflows, one per way the reputation lists know the dealer. */
  private static final Scenario[] DEALER_CLASSES = {
    Scenario.OTC_CONFIRMED_DEALER,
    Scenario.OTC_SUSPECTED_DEALER,
    Scenario.OTC_UNLISTED_DEALER,
    Scenario.OTC_PREMIUM_DEALER
  };

  /** Dealers move money on after most inflows (measured, for calibration only). */
  static final double OUTFLOWS_PER_INFLOW = 0.85;

  static {
    SHARES.put(Scenario.RESTAURANT, 0.19);
    SHARES.put(Scenario.STREET_VENDOR, 0.10);
    SHARES.put(Scenario.LANDLORD_RENT, 0.012);
    SHARES.put(Scenario.FAMILY_TRANSFER, 0.05);
    SHARES.put(Scenario.FRIENDS_P2P, 0.06);
    SHARES.put(Scenario.RED_PACKET, 0.08);
    SHARES.put(Scenario.FX_SHOP, 0.012);
    SHARES.put(Scenario.GAME_TOP_UP, 0.05);
    SHARES.put(Scenario.STOCK_BROKER, 0.015);
    SHARES.put(Scenario.LICENSED_PARTNER, 0.006);
    SHARES.put(Scenario.LOOKALIKE_MERCHANT, 0.025);
    // The older crypto scenarios give up some volume to the unlisted and held-out ones, so the
    // crypto share stays about 7%.
    SHARES.put(Scenario.EXCHANGE_CARD, 0.009);
    SHARES.put(Scenario.CRYPTO_ONRAMP, 0.005);
    SHARES.put(Scenario.NFT_PLATFORM, 0.007);
    SHARES.put(Scenario.EXCHANGE_UNLISTED, 0.0035);
    SHARES.put(Scenario.ONRAMP_UNLISTED, 0.002);
    SHARES.put(Scenario.WALLET_PURCHASE, 0.002);
    SHARES.put(Scenario.HELDOUT_PLATFORM, 0.003);
    SHARES.put(Scenario.OTC_CONFIRMED_DEALER, 0.0065);
    SHARES.put(Scenario.OTC_SUSPECTED_DEALER, 0.005);
    SHARES.put(Scenario.OTC_UNLISTED_DEALER, 0.0055);
    SHARES.put(Scenario.OTC_PREMIUM_DEALER, 0.004);
    double dealerInflows = 0;
    for (Scenario dealer : DEALER_CLASSES) {
      dealerInflows += share(dealer);
    }
    SHARES.put(Scenario.OTC_DEALER_OUTFLOW, dealerInflows * OUTFLOWS_PER_INFLOW);
    double others = 0;
    for (double share : SHARES.values()) {
      others += share;
    }
    SHARES.put(Scenario.RETAIL, 1 - others);
  }

  /** A street stall taking payments on its owner's personal QR code. */
  record Vendor(Account account, Amounts amounts, long neighbourhood) {}

  /** A private landlord; operators (二房东) sublet many rooms at similar rents. */
  record Landlord(Account account, long baseRent, boolean operator) {
    long rentOf(int tenant) {
      return operator ? baseRent + 10_000L * Math.floorMod(Ids.mix(tenant), 4) : baseRent;
    }
  }

  /** Landlords and their tenants; tenant numbers are dense, each landlord owns a range of them. */
  static final class Landlords {
    private final Landlord[] landlords;
    private final int[] firstTenant;
    private final int tenants;
    private final long salt;
    private final long consumers;

    Landlords(Landlord[] landlords, int[] firstTenant, int tenants, long salt, long consumers) {
      this.landlords = landlords;
      this.firstTenant = firstTenant;
      this.tenants = tenants;
      this.salt = salt;
      this.consumers = consumers;
    }

    int tenants() {
      return tenants;
    }

    int size() {
      return landlords.length;
    }

    Landlord get(int index) {
      return landlords[index];
    }

    Landlord of(int tenant) {
      int lo = 0;
      int hi = firstTenant.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (firstTenant[mid] <= tenant) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return landlords[lo];
    }

    /** The consumer renting as tenant number {@code tenant}. */
    long tenantConsumer(int tenant) {
      return Math.floorMod(Ids.mix(tenant ^ salt), consumers);
    }
  }

  /**
   * How a dealer prices USDT: at the reference quote in force, at a fixed premium over it, or at a
   * price the dealer posts (rounded to the fen) and holds for a few hours.
   */
  enum Pricing {
    QUOTE,
    FIXED_PREMIUM,
    POSTED_PRICE
  }

  /**
   * An OTC dealer's receiving account.
   *
   * @param scenario how the reputation lists know it (confirmed, suspected, unlisted, premium)
   * @param upstreams where the dealer moves money on to
   * @param bankCard where the dealer withdraws to
   * @param farm buyer accounts that pay from one shared phone, {@code farmDevice}
   * @param expected expected inflows in the planned period
   * @param activeDays which local days (from the start's) the account trades on
   * @param pricing how the dealer prices USDT
   * @param premium the markup over the quote (0.012 = 1.2%), 0 for {@link Pricing#QUOTE}
   */
  record Dealer(
      Scenario scenario,
      Account account,
      String[] upstreams,
      String bankCard,
      Account[] farm,
      String farmDevice,
      double explicitMemoRate,
      double coverMemoRate,
      double expected,
      boolean[] activeDays,
      Pricing pricing,
      double premium) {}

  final HistorySpec spec;
  final long seed;
  final Ids ids;
  final long start;
  final long plannedEnd;

  /** Quotes cover up to here and no activity arrives later: a day or more past the planned end. */
  final long coverEnd;

  /** The first quote, an hour before the first payment. */
  final long quotesFrom;

  final double days;
  final long consumers;
  final int companies;

  final List<Merchant> shops;
  final List<Merchant> restaurants;
  final List<Merchant> fxShops;
  final List<Merchant> games;
  final List<Merchant> brokers;
  final List<Merchant> licensed;
  final List<Merchant> exchanges;
  final List<Merchant> onramps;
  final List<Merchant> nftPlatforms;
  final List<Merchant> lookalikes;
  final List<Merchant> unlistedExchanges;
  final List<Merchant> unlistedOnramps;
  final List<Merchant> wallets;
  final List<Merchant> heldoutPlatforms;
  final List<Vendor> vendors;
  final Landlords landlords;
  final List<Dealer> dealers;
  final List<String> upstreams;

  final List<MerchantReputation> merchantReputations;
  final List<CounterpartyReputation> counterpartyReputations;

  private final Map<Scenario, RateTable> rates = new EnumMap<>(Scenario.class);
  private final List<RateTable> dealerRates = new ArrayList<>();
  private final LocalDate firstDay;

  World(HistorySpec spec) {
    this.spec = spec;
    this.seed = spec.seed();
    this.ids = new Ids(seed);
    this.start = spec.start().toEpochMilli();
    this.plannedEnd = spec.end().toEpochMilli();
    this.days = (plannedEnd - start) / (double) ShanghaiCalendar.DAY;
    // Arrivals are random, so the N-th payment may come after the planned end: leave room for
    // eight standard deviations of the count (at least a day) before the activities stop.
    long n0 = spec.payments();
    double marginDays = Math.max(1, Math.ceil(8 * Math.sqrt((double) n0) * days / n0));
    this.coverEnd = plannedEnd + (long) (marginDays * ShanghaiCalendar.DAY);
    this.quotesFrom = Math.floorDiv(start, QuoteTape.STEP) * QuoteTape.STEP - ShanghaiCalendar.HOUR;
    this.firstDay = ShanghaiCalendar.date(start);
    long n = spec.payments();
    double perDay = n / days;
    // About six payments per consumer over the history; a multiple of 100 for the subsets below.
    this.consumers = Math.max(3_000, (n / 6 + 99) / 100 * 100);
    this.companies = (int) clamp(perDay / 200, 20, 5_000);

    Rng rng = Rng.stream(seed, 0x3D);
    int merchantIndex = 0;
    shops =
        Catalog.stores(
            Catalog.SHOPS, size(perDay, Scenario.RETAIL, 35, 40), rng, ids, merchantIndex);
    merchantIndex += shops.size();
    restaurants =
        Catalog.stores(
            Catalog.RESTAURANTS,
            size(perDay, Scenario.RESTAURANT, 30, 30),
            rng,
            ids,
            merchantIndex);
    merchantIndex += restaurants.size();
    // Small counters: enough of them that every kind of FX merchant appears.
    fxShops = fxShops(size(perDay, Scenario.FX_SHOP, 8, 24), rng, merchantIndex);
    merchantIndex += fxShops.size();
    games = Catalog.accounts(Catalog.GAMES, ids, merchantIndex);
    merchantIndex += games.size();
    brokers = Catalog.accounts(Catalog.BROKERS, ids, merchantIndex);
    merchantIndex += brokers.size();
    licensed = Catalog.accounts(Catalog.LICENSED, ids, merchantIndex);
    merchantIndex += licensed.size();
    exchanges = Catalog.accounts(Catalog.EXCHANGES, ids, merchantIndex);
    merchantIndex += exchanges.size();
    onramps = Catalog.accounts(Catalog.ONRAMPS, ids, merchantIndex);
    merchantIndex += onramps.size();
    nftPlatforms = Catalog.accounts(Catalog.NFT_PLATFORMS, ids, merchantIndex);
    merchantIndex += nftPlatforms.size();
    lookalikes = Catalog.accounts(Catalog.lookalikeBrands(), ids, merchantIndex);
    merchantIndex += lookalikes.size();
    unlistedExchanges = Catalog.accounts(Catalog.UNLISTED_EXCHANGES, ids, merchantIndex);
    merchantIndex += unlistedExchanges.size();
    unlistedOnramps = Catalog.accounts(Catalog.UNLISTED_ONRAMPS, ids, merchantIndex);
    merchantIndex += unlistedOnramps.size();
    wallets = Catalog.accounts(Catalog.WALLETS, ids, merchantIndex);
    merchantIndex += wallets.size();
    heldoutPlatforms = Catalog.accounts(Catalog.HELDOUT_PLATFORMS, ids, merchantIndex);

    vendors = vendors(size(perDay, Scenario.STREET_VENDOR, 60, 8), rng);
    landlords = landlords(n, rng);
    upstreams = new ArrayList<>();
    dealers = dealers(n, perDay, rng);

    for (Scenario scenario : Scenario.values()) {
      if (!isDealer(scenario)) {
        rates.put(scenario, rateTable(scenario));
      }
    }
    for (Dealer dealer : dealers) {
      dealerRates.add(
          RateTable.of(
              start,
              plannedEnd,
              coverEnd,
              dealer.expected(),
              hour -> dealer.activeDays()[dayIndex(hour)] ? Rhythm.DEALER.at(hour) : 0.0));
    }

    Rng reputation = Rng.stream(seed, 0x4E9);
    merchantReputations = merchantReputations(reputation, Rng.stream(seed, 0x4EA));
    counterpartyReputations = counterpartyReputations(reputation);
  }

  private static boolean isDealer(Scenario scenario) {
    return scenario == Scenario.OTC_DEALER_OUTFLOW
        || Arrays.asList(DEALER_CLASSES).contains(scenario);
  }

  /** Unlisted and premium dealers are fresh accounts that the lists do not know yet. */
  private static boolean freshDealer(Scenario scenario) {
    return scenario == Scenario.OTC_UNLISTED_DEALER || scenario == Scenario.OTC_PREMIUM_DEALER;
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  /** The share of the payments planned for a scenario, which SHARES gives each one used. */
  private static double share(Scenario scenario) {
    return Objects.requireNonNull(
        SHARES.get(scenario), () -> "no share of payments for " + scenario);
  }

  /** The rate table of a scenario other than a dealer class (every one is made up front). */
  private RateTable rate(Scenario scenario) {
    return Objects.requireNonNull(rates.get(scenario), () -> "no rate table for " + scenario);
  }

  /** How many merchants or stalls: enough that each sees about {@code perEach} payments a day. */
  private static int size(double perDay, Scenario scenario, double perEach, int min) {
    return (int) clamp(perDay * share(scenario) / perEach, min, 20_000);
  }

  private int dayIndex(long time) {
    return (int) (ShanghaiCalendar.date(time).toEpochDay() - firstDay.toEpochDay());
  }

  private int dayCount() {
    return dayIndex(coverEnd) + 1;
  }

  // ---------------------------------------------------------------- people

  Account consumer(long index) {
    return new Account(ids.person(index), ids.device(index));
  }

  /** A consumer, busier ones more often. */
  long activeConsumer(Rng rng) {
    return rng.skewed((int) Math.min(Integer.MAX_VALUE, consumers), 1.6);
  }

  /** Any consumer, all equally likely: strangers to each other. */
  long anyConsumer(Rng rng) {
    return rng.nextLong(consumers);
  }

  /**
   * A consumer from a fixed subset (gamers, investors, crypto users): those whose index modulo 100
   * is in [from, to).
   */
  long consumerIn(Rng rng, int from, int to) {
    long block = rng.skewed((int) (consumers / 100), 1.3);
    return block * 100 + from + rng.nextInt(to - from);
  }

  /** Another member of the same family (families are five consecutive consumers). */
  long relative(long index, Rng rng) {
    long base = index - index % 5;
    return base + (index % 5 + 1 + rng.nextInt(4)) % 5;
  }

  /** A friend: someone within 60 places, so the same pairs keep paying each other. */
  long friend(long index, Rng rng) {
    int offset = 1 + rng.nextInt(60);
    return wrap(rng.chance(0.5) ? index + offset : index - offset);
  }

  long wrap(long index) {
    return Math.floorMod(index, consumers);
  }

  Account company(Rng rng) {
    long index = rng.nextInt(companies);
    return new Account(ids.company(index), ids.device(Ids.COMPANIES + index));
  }

  // ---------------------------------------------------------------- populations

  private List<Merchant> fxShops(int count, Rng rng, int firstIndex) {
    double[] weights = {45, 15, 15, 10, 8, 7};
    // Mid rates in CNY per unit, early 2026; shops sell at 1.5-4.5% above.
    double[] mid = {7.22, 0.925, 0.0478, 7.85, 0.208, 0.00505};
    double[][] cash = {
      {200, 300, 500, 1000, 1000, 2000, 3000, 5000},
      {1000, 2000, 3000, 5000, 10_000},
      {20_000, 30_000, 50_000, 100_000, 200_000},
      {200, 300, 500, 1000, 2000},
      {3000, 5000, 10_000, 20_000},
      {200_000, 300_000, 500_000, 1_000_000}
    };
    // A remittance counter's flat fee per transfer, in fen.
    long[] fees = {5_000, 8_000, 12_000, 16_000};
    List<Merchant> shops = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Catalog.FxShop shop = Catalog.FX_SHOPS[i % Catalog.FX_SHOPS.length];
      String branch = Catalog.fxBranch(rng);
      boolean online = shop.kind() == Catalog.FxKind.ONLINE;
      boolean remittance = shop.kind() == Catalog.FxKind.REMITTANCE;
      String name = online ? shop.name() : shop.name() + "(" + branch + ")";
      double spread = 1.015 + 0.03 * rng.nextDouble();
      Amounts amounts =
          r -> {
            int currency = r.weighted(weights);
            double rate = mid[currency] * spread * (1 + 0.003 * r.gaussian());
            double quoted = Math.round(rate * 1_000_000) / 1_000_000.0;
            double[] menu = cash[currency];
            long fen = Amounts.priced(menu[r.nextInt(menu.length)], quoted);
            return remittance ? fen + r.pick(fees) : fen;
          };
      String[] channels = online ? Catalog.CARD : remittance ? Catalog.REMIT : Catalog.QR;
      shops.add(new Merchant(ids.merchant(firstIndex + i), name, shop.mcc(), amounts, channels));
    }
    return Collections.unmodifiableList(shops);
  }

  private List<Vendor> vendors(int count, Rng rng) {
    Amounts[] kinds = {
      Amounts.menu(3, 4, 5, 6, 7, 8, 10, 12, 15),
      Amounts.rounded(25, 0.5, 0.1, 300),
      Amounts.rounded(15, 0.6, 0.1, 200),
      Amounts.menu(20, 30, 35, 50, 60, 80, 100),
      Amounts.menu(6, 8, 10, 12, 15, 18, 20),
      Amounts.menu(5, 10, 15, 20, 30, 50),
    };
    List<Vendor> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long index = Ids.VENDORS + i;
      list.add(
          new Vendor(
              new Account(ids.person(index), ids.device(index)),
              kinds[rng.nextInt(kinds.length)],
              anyConsumer(rng)));
    }
    return Collections.unmodifiableList(list);
  }

  private Landlords landlords(long n, Rng rng) {
    // Every tenant pays about once a month, so there are as many tenants as rent payments a month.
    double perMonth = n * share(Scenario.LANDLORD_RENT) * 30 / days;
    int target = (int) Math.max(30, perMonth);
    List<Landlord> list = new ArrayList<>();
    List<Integer> first = new ArrayList<>();
    int tenants = 0;
    while (tenants < target) {
      double kind = rng.nextDouble();
      int size =
          kind < 0.65 ? rng.between(1, 2) : kind < 0.93 ? rng.between(3, 6) : rng.between(10, 40);
      boolean operator = size >= 10;
      long rent =
          operator
              ? Amounts.yuan(100 * rng.between(12, 25))
              : Amounts.rounded(3_000, 0.4, 100, 30_000).fen(rng);
      long index = Ids.LANDLORDS + list.size();
      list.add(new Landlord(new Account(ids.person(index), ids.device(index)), rent, operator));
      first.add(tenants);
      tenants += size;
    }
    int[] firstTenant = new int[first.size()];
    for (int i = 0; i < firstTenant.length; i++) {
      firstTenant[i] = first.get(i);
    }
    return new Landlords(
        list.toArray(new Landlord[0]), firstTenant, tenants, rng.nextLong(), consumers);
  }

  private List<Dealer> dealers(long n, double perDay, Rng rng) {
    Scenario[] classes = DEALER_CLASSES;
    int[] counts = new int[classes.length];
    int total = 0;
    for (int c = 0; c < classes.length; c++) {
      // A dealer account takes some 10-30 payments a day; premium dealers come in both styles.
      int min = classes[c] == Scenario.OTC_PREMIUM_DEALER ? 4 : 3;
      counts[c] = (int) Math.max(min, Math.round(perDay * share(classes[c]) / 15));
      total += counts[c];
    }
    int upstreamCount = Math.max(2, total / 3);
    for (int u = 0; u < upstreamCount; u++) {
      upstreams.add(ids.person(Ids.UPSTREAMS + u));
    }
    List<Dealer> list = new ArrayList<>(total);
    int dealerIndex = 0;
    int days = dayCount();
    for (int c = 0; c < classes.length; c++) {
      Scenario scenario = classes[c];
      double[] weights = new double[counts[c]];
      boolean[][] active = new boolean[counts[c]][];
      double weightedDays = 0;
      for (int d = 0; d < counts[c]; d++) {
        weights[d] = rng.logNormal(1, 0.5);
        active[d] = activeDays(scenario, days, rng);
        weightedDays += weights[d] * plannedActiveDays(active[d]);
      }
      double inflows = n * share(scenario);
      for (int d = 0; d < counts[c]; d++, dealerIndex++) {
        long index = Ids.DEALERS + dealerIndex;
        Account account = new Account(ids.person(index), ids.device(index));
        String[] ups =
            rng.chance(0.6)
                ? new String[] {upstreams.get(rng.nextInt(upstreamCount))}
                : new String[] {
                  upstreams.get(rng.nextInt(upstreamCount)),
                  upstreams.get(rng.nextInt(upstreamCount))
                };
        Account[] farm = new Account[rng.between(3, 8)];
        String farmDevice = ids.device(Ids.FARM_DEVICES + dealerIndex);
        for (int f = 0; f < farm.length; f++) {
          farm[f] = new Account(ids.person(Ids.FARM_ACCOUNTS + dealerIndex * 16L + f), farmDevice);
        }
        // Unlisted dealers are the careful ones: explicit memos are rare.
        double explicit =
            scenario == Scenario.OTC_CONFIRMED_DEALER
                ? 0.06
                : scenario == Scenario.OTC_SUSPECTED_DEALER ? 0.04 : 0.015;
        double expected = inflows * weights[d] * plannedActiveDays(active[d]) / weightedDays;
        Pricing pricing = Pricing.QUOTE;
        double premium = 0;
        if (scenario == Scenario.OTC_PREMIUM_DEALER) {
          // Dealers mark up by whole tenths of a percent ("加1个点"); posted prices carry a margin
          // so that rounding to the fen and the quote's drift keep them within 0.5-3%.
          pricing = d % 2 == 0 ? Pricing.FIXED_PREMIUM : Pricing.POSTED_PRICE;
          premium =
              pricing == Pricing.FIXED_PREMIUM
                  ? rng.between(6, 29) / 1000.0
                  : rng.between(9, 24) / 1000.0;
        }
        list.add(
            new Dealer(
                scenario,
                account,
                ups,
                ids.bankCard(dealerIndex),
                farm,
                farmDevice,
                explicit,
                0.35,
                expected,
                active[d],
                pricing,
                premium));
      }
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * Listed dealers have traded for a while and rest now and then; unlisted ones are fresh accounts
   * that start trading during the history (accounts get reported and replaced).
   */
  private boolean[] activeDays(Scenario scenario, int days, Rng rng) {
    boolean[] active = new boolean[days];
    int plannedDays = Math.max(1, dayIndex(plannedEnd - 1) + 1);
    int first = freshDealer(scenario) ? rng.nextInt(Math.max(1, plannedDays / 2)) : 0;
    double p =
        scenario == Scenario.OTC_CONFIRMED_DEALER
            ? 0.85
            : scenario == Scenario.OTC_SUSPECTED_DEALER ? 0.8 : 0.9;
    for (int d = first; d < days; d++) {
      active[d] = d == first || rng.chance(p);
    }
    return active;
  }

  private double plannedActiveDays(boolean[] active) {
    int plannedDays = dayIndex(plannedEnd - 1) + 1;
    double count = 0;
    for (int d = 0; d < plannedDays && d < active.length; d++) {
      if (active[d]) {
        count++;
      }
    }
    return Math.max(count, 0.5);
  }

  // ---------------------------------------------------------------- activities

  private RateTable rateTable(Scenario scenario) {
    long n = spec.payments();
    double expected = n * share(scenario);
    if (scenario == Scenario.RED_PACKET) {
      expected /= PeerActivities.RedPackets.paymentsPerArrival();
    }
    Rhythm rhythm = rhythm(scenario);
    return RateTable.of(start, plannedEnd, coverEnd, expected, rhythm::at);
  }

  private static Rhythm rhythm(Scenario scenario) {
    switch (scenario) {
      case RETAIL:
        return Rhythm.SHOPPING;
      case RESTAURANT:
        return Rhythm.DINING;
      case STREET_VENDOR:
        return Rhythm.STREET;
      case LANDLORD_RENT:
        return Rhythm.RENT;
      case FAMILY_TRANSFER:
        return Rhythm.FAMILY;
      case FRIENDS_P2P:
        return Rhythm.PERSONAL;
      case RED_PACKET:
        return Rhythm.RED_PACKET;
      case FX_SHOP:
        return Rhythm.BUSINESS;
      case GAME_TOP_UP:
        return Rhythm.GAMING;
      case STOCK_BROKER:
        return Rhythm.MARKET;
      case LICENSED_PARTNER:
        return Rhythm.OFFICE;
      case NFT_PLATFORM:
        return Rhythm.NFT_DROPS;
      case LOOKALIKE_MERCHANT:
        return Rhythm.SHOPPING;
      default:
        return Rhythm.CRYPTO;
    }
  }

  /** A fresh set of activities with fresh random streams: one simulation's worth. */
  List<Activity> newActivities() {
    List<Activity> list = new ArrayList<>();
    MerchantActivity.Payers anyone = (m, rng) -> consumer(activeConsumer(rng));
    MerchantActivity.Payers travellers = (m, rng) -> consumer(anyConsumer(rng));
    MerchantActivity.Payers gamers = (m, rng) -> consumer(consumerIn(rng, 10, 40));
    MerchantActivity.Payers investors = (m, rng) -> consumer(consumerIn(rng, 50, 62));
    MerchantActivity.Payers cryptoUsers = (m, rng) -> consumer(consumerIn(rng, 0, 3));
    MerchantActivity.Payers collectors = (m, rng) -> consumer(consumerIn(rng, 2, 6));
    MerchantActivity.Payers partnersCustomers =
        (m, rng) -> "5815".equals(m.mcc()) ? consumer(activeConsumer(rng)) : company(rng);

    PaymentType pay = PaymentType.MERCHANT_PAYMENT;
    MerchantActivity.Memos none = MerchantActivity.NO_MEMO;
    list.add(merchants(Scenario.RETAIL, shops, 1.3, pay, anyone, none));
    list.add(merchants(Scenario.RESTAURANT, restaurants, 1.3, pay, anyone, none));
    list.add(
        new PeerActivities.StreetVendors(
            rate(Scenario.STREET_VENDOR), rng(Scenario.STREET_VENDOR), this));
    list.add(
        new PeerActivities.Rent(rate(Scenario.LANDLORD_RENT), rng(Scenario.LANDLORD_RENT), this));
    list.add(
        new PeerActivities.Family(
            rate(Scenario.FAMILY_TRANSFER), rng(Scenario.FAMILY_TRANSFER), this));
    list.add(
        new PeerActivities.Friends(rate(Scenario.FRIENDS_P2P), rng(Scenario.FRIENDS_P2P), this));
    list.add(
        new PeerActivities.RedPackets(rate(Scenario.RED_PACKET), rng(Scenario.RED_PACKET), this));
    list.add(merchants(Scenario.FX_SHOP, fxShops, 1.5, pay, travellers, none));
    list.add(
        merchants(Scenario.GAME_TOP_UP, games, 1.8, PaymentType.TOP_UP, gamers, World::gameMemo));
    list.add(merchants(Scenario.STOCK_BROKER, brokers, 1.5, pay, investors, World::brokerMemo));
    list.add(merchants(Scenario.LICENSED_PARTNER, licensed, 1.3, pay, partnersCustomers, none));
    list.add(merchants(Scenario.EXCHANGE_CARD, exchanges, 1.6, pay, cryptoUsers, none));
    list.add(merchants(Scenario.CRYPTO_ONRAMP, onramps, 1.5, pay, cryptoUsers, none));
    list.add(merchants(Scenario.NFT_PLATFORM, nftPlatforms, 1.6, pay, collectors, World::nftMemo));
    list.add(merchants(Scenario.LOOKALIKE_MERCHANT, lookalikes, 1.3, pay, anyone, none));
    list.add(merchants(Scenario.EXCHANGE_UNLISTED, unlistedExchanges, 1.5, pay, cryptoUsers, none));
    list.add(merchants(Scenario.ONRAMP_UNLISTED, unlistedOnramps, 1.5, pay, cryptoUsers, none));
    list.add(merchants(Scenario.WALLET_PURCHASE, wallets, 1.5, pay, cryptoUsers, none));
    list.add(merchants(Scenario.HELDOUT_PLATFORM, heldoutPlatforms, 1.4, pay, cryptoUsers, none));
    for (int d = 0; d < dealers.size(); d++) {
      Rng rng = Rng.stream(seed, 1_000_000L + d);
      list.add(new DealerActivity(dealerRates.get(d), rng, this, dealers.get(d)));
    }
    return list;
  }

  private MerchantActivity merchants(
      Scenario scenario,
      List<Merchant> pool,
      double skew,
      PaymentType type,
      MerchantActivity.Payers payers,
      MerchantActivity.Memos memos) {
    return new MerchantActivity(
        scenario, rate(scenario), rng(scenario), pool, skew, type, payers, memos);
  }

  private Rng rng(Scenario scenario) {
    return Rng.stream(seed, 100L + scenario.ordinal());
  }

  private static @Nullable String gameMemo(Merchant merchant, Rng rng) {
    return rng.chance(0.15) ? rng.pick(GAME_MEMOS) : null;
  }

  private static @Nullable String brokerMemo(Merchant merchant, Rng rng) {
    return rng.chance(0.1) ? "银证转账" : null;
  }

  private static @Nullable String nftMemo(Merchant merchant, Rng rng) {
    return rng.chance(0.04) ? (rng.chance(0.5) ? "藏品" : "首发") : null;
  }

  // ---------------------------------------------------------------- reputation

  private Instant updatedAt(Rng rng) {
    long seconds = 3_600 + rng.nextLong(365L * 24 * 3_600);
    return Instant.ofEpochMilli((start / 1000 - seconds) * 1000);
  }

  /**
   * The merchant reputation feed: some ordinary merchants, half the look-alike businesses, part of
   * the listed crypto pools and every licensed partner.
   *
   * @param rng draws for the original pools
   * @param lookalikeRng draws for the look-alike businesses, a stream of their own so adding them
   *     left the other records' draws alone
   */
  private List<MerchantReputation> merchantReputations(Rng rng, Rng lookalikeRng) {
    TreeMap<String, MerchantReputation> byId = new TreeMap<>();
    List<List<Merchant>> ordinary = List.of(shops, restaurants, fxShops, games, brokers);
    for (List<Merchant> pool : ordinary) {
      for (Merchant m : pool) {
        double r = rng.nextDouble();
        if (r < 0.01) {
          // A chargeback monitor's false alarm on an ordinary merchant.
          byId.put(
              m.id(),
              merchant(
                  m, MerchantCategory.ORDINARY, rng.between(70, 88), "chargeback-monitor", rng));
        } else if (r < 0.19) {
          byId.put(
              m.id(),
              merchant(
                  m, MerchantCategory.ORDINARY, rng.between(2, 30), "merchant-onboarding", rng));
        }
      }
    }
    listLookalikes(byId, lookalikeRng);
    // Unlisted exchanges, on-ramps, wallets and held-out platforms are on no feed at all.
    listSome(byId, exchanges, 0.6, MerchantCategory.EXCHANGE, 92, 99, "exchange-list", rng);
    listSome(byId, onramps, 0.5, MerchantCategory.CRYPTO_ONRAMP, 88, 97, "onramp-list", rng);
    listSome(
        byId,
        nftPlatforms,
        0.5,
        MerchantCategory.NFT_PLATFORM,
        75,
        92,
        "regulator-warning-list",
        rng);
    for (Merchant m : licensed) {
      byId.put(
          m.id(),
          merchant(
              m,
              MerchantCategory.LICENSED_PARTNER,
              rng.between(0, 8),
              "cac-blockchain-registry",
              rng));
    }
    return Collections.unmodifiableList(new ArrayList<>(byId.values()));
  }

  /** Half of the look-alike businesses (rounded down), picked at random, are onboarded ordinary. */
  private void listLookalikes(Map<String, MerchantReputation> byId, Rng rng) {
    List<Merchant> order = new ArrayList<>(lookalikes);
    for (int i = order.size() - 1; i > 0; i--) {
      Collections.swap(order, i, rng.nextInt(i + 1));
    }
    for (Merchant m : order.subList(0, order.size() / 2)) {
      byId.put(
          m.id(),
          merchant(m, MerchantCategory.ORDINARY, rng.between(2, 30), "merchant-onboarding", rng));
    }
  }

  /** Lists part of a crypto pool: always the biggest brand, never all of them. */
  private void listSome(
      Map<String, MerchantReputation> byId,
      List<Merchant> pool,
      double share,
      MerchantCategory category,
      int minRisk,
      int maxRisk,
      String source,
      Rng rng) {
    boolean[] listed = new boolean[pool.size()];
    int count = 0;
    for (int i = 0; i < listed.length; i++) {
      listed[i] = i == 0 || rng.chance(share);
      count += listed[i] ? 1 : 0;
    }
    if (count == listed.length) {
      listed[listed.length - 1] = false;
    }
    for (int i = 0; i < listed.length; i++) {
      if (listed[i]) {
        Merchant m = pool.get(i);
        byId.put(m.id(), merchant(m, category, rng.between(minRisk, maxRisk), source, rng));
      }
    }
  }

  private MerchantReputation merchant(
      Merchant m, MerchantCategory category, int risk, String source, Rng rng) {
    return new MerchantReputation(m.id(), category, risk, source, updatedAt(rng));
  }

  private List<CounterpartyReputation> counterpartyReputations(Rng rng) {
    TreeMap<String, CounterpartyReputation> byId = new TreeMap<>();
    for (Dealer dealer : dealers) {
      if (dealer.scenario() == Scenario.OTC_CONFIRMED_DEALER) {
        put(
            byId,
            dealer.account().id(),
            CounterpartyCategory.CONFIRMED_OTC_DEALER,
            rng.between(85, 99),
            rng.between(3, 25),
            rng);
      } else if (dealer.scenario() == Scenario.OTC_SUSPECTED_DEALER) {
        put(
            byId,
            dealer.account().id(),
            CounterpartyCategory.SUSPECTED_OTC_DEALER,
            rng.between(45, 75),
            rng.between(1, 4),
            rng);
      }
    }
    for (String upstream : upstreams) {
      double r = rng.nextDouble();
      if (r < 0.4) {
        put(byId, upstream, CounterpartyCategory.MULE, rng.between(70, 95), rng.between(1, 6), rng);
      } else if (r < 0.6) {
        put(
            byId,
            upstream,
            CounterpartyCategory.CONFIRMED_OTC_DEALER,
            rng.between(88, 99),
            rng.between(5, 30),
            rng);
      }
    }
    // Noise: ordinary people with a record, a few of them scored high or marked as mules, and
    // small landlords reported as dealers (a tenant's dispute, a misread round transfer).
    long noise = Math.max(20, consumers / 200);
    for (long i = 0; i < noise; i++) {
      put(
          byId,
          ids.person(anyConsumer(rng)),
          CounterpartyCategory.ORDINARY,
          rng.between(0, 35),
          rng.between(0, 1),
          rng);
    }
    long highRisk = Math.max(3, consumers / 3_000);
    for (long i = 0; i < highRisk; i++) {
      put(
          byId,
          ids.person(anyConsumer(rng)),
          CounterpartyCategory.ORDINARY,
          rng.between(70, 90),
          rng.between(1, 3),
          rng);
    }
    long mules = Math.max(2, consumers / 25_000);
    for (long i = 0; i < mules; i++) {
      put(
          byId,
          ids.person(anyConsumer(rng)),
          CounterpartyCategory.MULE,
          rng.between(60, 85),
          rng.between(1, 3),
          rng);
    }
    int misreported = Math.max(1, landlords.size() / 200);
    for (int i = 0; i < misreported; i++) {
      Landlord landlord = landlords.get(rng.nextInt(landlords.size()));
      if (!landlord.operator()) {
        put(
            byId,
            landlord.account().id(),
            CounterpartyCategory.SUSPECTED_OTC_DEALER,
            rng.between(40, 55),
            1,
            rng);
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(byId.values()));
  }

  private void put(
      Map<String, CounterpartyReputation> byId,
      String id,
      CounterpartyCategory category,
      int risk,
      int reports,
      Rng rng) {
    byId.putIfAbsent(id, new CounterpartyReputation(id, category, risk, reports, updatedAt(rng)));
  }
}
