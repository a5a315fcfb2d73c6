package io.screener.generate;

/**
 * What a generated payment really is: the ground truth written to {@code labels.jsonl}. The label
 * names are stable; analyses and benchmarks key on them. New scenarios are appended: activities
 * take their random streams from the ordinal, so appending leaves the older streams where they
 * were.
 */
public enum Scenario {
  /** Supermarkets, convenience stores, pharmacies, petrol stations and other shops. */
  RETAIL("retail", false),
  /** Restaurants, fast food, coffee and tea shops. */
  RESTAURANT("restaurant", false),
  /** Stalls paid on the owner's personal QR code: many payers, round amounts (hard negative). */
  STREET_VENDOR("street-vendor", false),
  /** Monthly rent to private landlords, round amounts, some landlords with many tenants. */
  LANDLORD_RENT("landlord-rent", false),
  /** Allowances, loans and repayments within families, some large, with "loan" memos. */
  FAMILY_TRANSFER("family-transfer", false),
  /** Friends splitting bills and settling small debts. */
  FRIENDS_P2P("friends-p2p", false),
  /** Red packets: culturally round amounts, many senders on festivals. */
  RED_PACKET("red-packet", false),
  /**
   * Travel money and foreign-exchange counters (airports, banks, travel-money brands, online
   * orders) under MCC 6051, and remittance and money-order counters under 6051 or 4829 (hard
   * negative).
   */
  FX_SHOP("fx-shop", false),
  /** Game top-ups under MCC 5816. */
  GAME_TOP_UP("game-top-up", false),
  /** Transfers to securities brokers under MCC 6211. */
  STOCK_BROKER("stock-broker", false),
  /** Purchases from licensed (CAC-registered) blockchain partners: allowed. */
  LICENSED_PARTNER("licensed-partner", false),
  /** Card payments to crypto exchanges. */
  EXCHANGE_CARD("exchange-card", true),
  /** Card payments to fiat-to-crypto on-ramps. */
  CRYPTO_ONRAMP("crypto-onramp", true),
  /** Purchases on NFT and digital-collection platforms. */
  NFT_PLATFORM("nft-platform", true),
  /** Buyers paying an OTC dealer listed as confirmed in the counterparty reputation. */
  OTC_CONFIRMED_DEALER("otc-confirmed-dealer", true),
  /** Buyers paying an OTC dealer listed as suspected. */
  OTC_SUSPECTED_DEALER("otc-suspected-dealer", true),
  /** Buyers paying an OTC dealer on no reputation list: detectable by behaviour only. */
  OTC_UNLISTED_DEALER("otc-unlisted-dealer", true),
  /** A dealer moving the buyers' money on (to an upstream account or the bank) within minutes. */
  OTC_DEALER_OUTFLOW("otc-dealer-outflow", true),
  /**
   * Busy ordinary businesses whose names contain a word that is also a crypto brand's (a Kraken
   * seafood bar, a Cosmos florist), under their trade's merchant code; about half of them are on
   * the merchant reputation feed as ordinary (hard negative).
   */
  LOOKALIKE_MERCHANT("lookalike-merchant", false),
  /** Card and app payments to exchanges that are on no merchant reputation feed. */
  EXCHANGE_UNLISTED("exchange-unlisted", true),
  /** Card payments to fiat-to-crypto on-ramps that are on no merchant reputation feed. */
  ONRAMP_UNLISTED("onramp-unlisted", true),
  /** Crypto bought inside a self-custody wallet app (its built-in purchase or top-up). */
  WALLET_PURCHASE("wallet-purchase", true),
  /**
   * Exchanges and on-ramps under invented names found on no public list or feed: detection must not
   * hinge on knowing the name.
   */
  HELDOUT_PLATFORM("heldout-platform", true),
  /**
   * Buyers paying an unlisted OTC dealer who sells at a premium over the reference quote, either a
   * fixed premium over the live quote or a posted price held for hours.
   */
  OTC_PREMIUM_DEALER("otc-premium-dealer", true);

  private final String label;
  private final boolean crypto;

  Scenario(String label, boolean crypto) {
    this.label = label;
    this.crypto = crypto;
  }

  /** The stable name used in {@code labels.jsonl}, e.g. {@code otc-unlisted-dealer}. */
  public String label() {
    return label;
  }

  /** Whether payments of this scenario buy crypto or NFTs (or move a dealer's proceeds). */
  public boolean crypto() {
    return crypto;
  }

  /** The scenario with this label. */
  public static Scenario ofLabel(String label) {
    for (Scenario scenario : values()) {
      if (scenario.label.equals(label)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + label + "'");
  }
}
