package io.screener.generate;

/**
 * What a generated payment really is: the ground truth written to {@code labels.jsonl}. The label
 * names are stable; analyses and benchmarks key on them.
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
  /** Travel money and foreign-exchange counters under MCC 6051 (hard negative). */
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
  OTC_DEALER_OUTFLOW("otc-dealer-outflow", true);

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
