package io.screener.domain.merchant;

/**
 * What a word in a merchant descriptor says about the business (config/merchant-words.txt): it
 * deals in crypto, it changes or sends money, it is some other trade, or it says nothing (a company
 * suffix, a country, "pay").
 */
public enum MerchantWord {
  /** Crypto vocabulary: "buy crypto", "bitcoin", "usdt", "p2p", 虚拟币, 交易所. */
  CRYPTO,
  /**
   * An established financial business: foreign exchange, travel money, remittance, banks,
   * securities ("currency exchange", 外币兑换, 汇款, 银行, 证券). It explains a financial merchant code.
   */
  FINANCE,
  /** Another trade: restaurant, car wash, florist, 海鲜, 汽修, 花店. */
  TRADE,
  /** Says nothing about the business: LTD, INC, PAY, SG, GLOBAL, APP, OFFICIAL. */
  FILLER
}
