package io.screener.generate;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Names, merchant codes and price ranges of the merchants in a generated history. Listed crypto
 * merchants carry names and web domains as they appear on card statements; their brands come from
 * {@code config/crypto-merchants.tsv}. Unlisted exchanges, on-ramps and wallets are real brands
 * that public exchange lists know but the reputation feed does not; held-out platforms are
 * invented. Travel-money shops deliberately name no exchange brand; look-alike businesses do, by
 * accident.
 */
final class Catalog {
  static final String[] QR = {"qr", "pos", "qr", "pos", "mini-program"};
  static final String[] APP = {"app"};
  static final String[] ONLINE = {"app", "mini-program", "web"};
  static final String[] CARD = {"card", "web", "card"};
  static final String[] LOCAL = {"qr", "pos", "qr", "app", "card"};
  static final String[] REMIT = {"pos", "app", "qr"};

  /** A brand and what a purchase from it costs. */
  record Brand(
      String name, @Nullable String mcc, double weight, Amounts amounts, String[] channels) {}

  /**
   * An ordinary business whose name carries {@code word}, which is also the name (or Chinese name)
   * of a crypto exchange, wallet, protocol or NFT platform.
   */
  record Lookalike(String word, Brand brand) {}

  /** How a foreign-exchange merchant trades: over a counter, sending money abroad, or online. */
  enum FxKind {
    COUNTER,
    REMITTANCE,
    ONLINE
  }

  /** A travel-money, bank FX or remittance merchant; counters get a branch in their name. */
  record FxShop(String name, String mcc, FxKind kind) {}

  private static final String[] ROADS = {
    "中山路", "人民路", "解放路", "建设路", "朝阳路", "南京路", "长江路", "和平路", "新华路", "文化路",
    "青年路", "胜利路", "友谊路", "光明路", "幸福路", "东风路", "学府路", "滨江路", "世纪大道", "五一路",
    "花园路", "金桥路", "望京", "五道口", "徐家汇", "天河城", "春熙路", "西湖", "江汉路", "万达广场"
  };

  static final Brand[] SHOPS = {
    new Brand("永辉超市", "5411", 3, Amounts.price(68, 0.8), QR),
    new Brand("物美超市", "5411", 2, Amounts.price(62, 0.8), QR),
    new Brand("华润万家", "5411", 2, Amounts.price(70, 0.8), QR),
    new Brand("沃尔玛 Walmart", "5411", 2, Amounts.price(85, 0.8), QR),
    new Brand("盒马鲜生", "5411", 2, Amounts.price(75, 0.7), ONLINE),
    new Brand("大润发", "5411", 1.5, Amounts.price(72, 0.8), QR),
    new Brand("钱大妈", "5411", 1, Amounts.price(32, 0.5), QR),
    new Brand("全家 FamilyMart", "5499", 2, Amounts.price(18, 0.6), QR),
    new Brand("罗森 LAWSON", "5499", 1.5, Amounts.price(17, 0.6), QR),
    new Brand("7-Eleven 便利店", "5499", 1.5, Amounts.price(19, 0.6), QR),
    new Brand("美宜佳", "5499", 1.5, Amounts.price(14, 0.6), QR),
    new Brand("便利蜂", "5499", 1, Amounts.price(16, 0.6), QR),
    new Brand("屈臣氏 Watsons", "5912", 1, Amounts.price(55, 0.6), QR),
    new Brand("老百姓大药房", "5912", 1, Amounts.price(45, 0.7), QR),
    new Brand(
        "中国石化加油站", "5541", 1.2, Amounts.menu(100, 150, 200, 200, 250, 300, 300, 350, 400, 500), QR),
    new Brand("中国石油加油站", "5541", 1, Amounts.price(260, 0.4), QR),
    new Brand("名创优品 MINISO", "5331", 1, Amounts.price(39, 0.6), QR),
    new Brand("优衣库 UNIQLO", "5651", 1, Amounts.menu(79, 99, 149, 199, 249, 299, 399, 499, 599), QR),
    new Brand("苏宁易购", "5732", 0.5, Amounts.price(900, 1.0), QR),
    new Brand("小米之家", "5732", 0.5, Amounts.menu(49, 99, 129, 199, 299, 1299, 1999, 2999, 4999), QR),
  };

  static final Brand[] RESTAURANTS = {
    new Brand("海底捞火锅", "5812", 2, Amounts.price(280, 0.6), QR),
    new Brand("西贝莜面村", "5812", 1.5, Amounts.price(180, 0.5), QR),
    new Brand("外婆家", "5812", 1.5, Amounts.price(150, 0.5), QR),
    new Brand("太二酸菜鱼", "5812", 1, Amounts.price(130, 0.5), QR),
    new Brand("绿茶餐厅", "5812", 1, Amounts.price(140, 0.5), QR),
    new Brand("川味小厨", "5812", 2, Amounts.price(110, 0.6), QR),
    new Brand("湘菜馆", "5812", 2, Amounts.price(120, 0.6), QR),
    new Brand("老王烧烤", "5812", 1.5, Amounts.price(160, 0.6), QR),
    new Brand("老乡鸡", "5814", 2, Amounts.price(28, 0.4), QR),
    new Brand("肯德基 KFC", "5814", 3, Amounts.price(38, 0.5), ONLINE),
    new Brand("麦当劳 McDonald's", "5814", 3, Amounts.price(35, 0.5), ONLINE),
    new Brand("沙县小吃", "5814", 2.5, Amounts.price(18, 0.4), QR),
    new Brand("兰州牛肉拉面", "5814", 2.5, Amounts.price(20, 0.35), QR),
    new Brand("杨国福麻辣烫", "5814", 2, Amounts.price(28, 0.4), QR),
    new Brand("瑞幸咖啡 luckin coffee", "5814", 3, Amounts.menu(9.9, 13.9, 16, 19, 25, 32), ONLINE),
    new Brand("星巴克 Starbucks", "5814", 2, Amounts.menu(30, 33, 36, 39, 45, 60, 72), ONLINE),
    new Brand("喜茶 HEYTEA", "5814", 1.5, Amounts.menu(15, 17, 19, 22, 25, 29), ONLINE),
    new Brand("蜜雪冰城", "5814", 2, Amounts.menu(4, 6, 7, 8, 10, 12), QR),
  };

  /**
   * Travel money: the customer buys round amounts of foreign cash at the shop's selling rate, or
   * sends money abroad for a fee: exchange shops, bank and airport counters, travel-money brands,
   * remittance and money-order counters (6051 or 4829, as acquirers code them) and online orders.
   * Shops are dealt these names in turn, so the list's order is also their order of popularity.
   */
  static final FxShop[] FX_SHOPS = {
    new FxShop("Travelex 通济隆外币兑换", "6051", FxKind.COUNTER),
    new FxShop("环球外币兑换", "6051", FxKind.COUNTER),
    new FxShop("ICE 国际外币兑换", "6051", FxKind.COUNTER),
    new FxShop("通汇外币兑换中心", "6051", FxKind.COUNTER),
    new FxShop("Airport Currency Exchange 机场外币兑换", "6051", FxKind.COUNTER),
    new FxShop("恒信外币找换店", "6051", FxKind.COUNTER),
    new FxShop("中旅外币兑换", "6051", FxKind.COUNTER),
    new FxShop("中国银行 外币兑换", "6051", FxKind.COUNTER),
    new FxShop("Western Union 西联汇款", "4829", FxKind.REMITTANCE),
    new FxShop("工商银行 外汇业务", "6051", FxKind.COUNTER),
    new FxShop("TRAVELEX.COM", "6051", FxKind.ONLINE),
    new FxShop("Travel Money Counter 旅游外币", "6051", FxKind.COUNTER),
    new FxShop("建设银行 外币现钞兑换", "6051", FxKind.COUNTER),
    new FxShop("MoneyGram 速汇金汇款", "4829", FxKind.REMITTANCE),
    new FxShop("Currency Exchange 外币兑换", "6051", FxKind.COUNTER),
    new FxShop("机场外币兑换柜台", "6051", FxKind.COUNTER),
    new FxShop("邮政汇款 Postal Money Order", "6051", FxKind.REMITTANCE),
    new FxShop("招商银行 外币兑换", "6051", FxKind.COUNTER),
    new FxShop("MONEYCORP.COM", "6051", FxKind.ONLINE),
    new FxShop("Bureau de Change 兑换处", "6051", FxKind.COUNTER),
    new FxShop("Ria Money Transfer 汇款", "6051", FxKind.REMITTANCE),
    new FxShop("WORLDREMIT.COM", "4829", FxKind.ONLINE),
  };

  private static final String[] FX_BRANCHES = {
    "首都机场T3", "浦东机场T2", "白云机场T2", "宝安机场", "双流机场", "南京西路", "国贸", "罗湖口岸", "天河", "陆家嘴"
  };

  static final Brand[] GAMES = {
    new Brand("腾讯游戏 王者荣耀", "5816", 4, gameTiers(), ONLINE),
    new Brand("腾讯游戏 和平精英", "5816", 3, gameTiers(), ONLINE),
    new Brand("网易游戏 梦幻西游", "5816", 1.5, gameTiers(), ONLINE),
    new Brand("网易游戏 蛋仔派对", "5816", 1.5, gameTiers(), ONLINE),
    new Brand("米哈游 原神", "5816", 2, gameTiers(), ONLINE),
    new Brand("米哈游 崩坏：星穹铁道", "5816", 1.5, gameTiers(), ONLINE),
    new Brand("英雄联盟 点券充值", "5816", 1.5, gameTiers(), ONLINE),
    new Brand("Steam 钱包充值", "5816", 1, Amounts.menu(20, 50, 100, 100, 200, 400), ONLINE),
    new Brand("完美世界游戏", "5816", 0.8, gameTiers(), ONLINE),
    new Brand("QQ充值中心", "5816", 1.5, Amounts.menu(10, 10, 20, 30, 50, 100), ONLINE),
  };

  static final Brand[] BROKERS = {
    new Brand("华泰证券", "6211", 2, brokerAmounts(), APP),
    new Brand("中信证券", "6211", 2, brokerAmounts(), APP),
    new Brand("东方财富证券", "6211", 2.5, brokerAmounts(), APP),
    new Brand("国泰君安证券", "6211", 1.5, brokerAmounts(), APP),
    new Brand("招商证券", "6211", 1.5, brokerAmounts(), APP),
    new Brand("广发证券", "6211", 1, brokerAmounts(), APP),
    new Brand("平安证券", "6211", 1, brokerAmounts(), APP),
    new Brand("富途证券 Futu Securities", "6211", 1, brokerAmounts(), APP),
    new Brand("老虎证券 Tiger Brokers", "6211", 0.7, brokerAmounts(), APP),
  };

  /**
   * Blockchain businesses registered with the Cyberspace Administration (allow-listed). Some names
   * contain terms from the crypto lists, as real ones do; the allow-list is what clears them.
   */
  static final Brand[] LICENSED = {
    new Brand("蚂蚁链 BaaS服务", "7372", 1, servicesAmounts(), ONLINE),
    new Brand("腾讯云至信链", "7372", 1, servicesAmounts(), ONLINE),
    new Brand("趣链科技 Hyperchain", "7372", 0.8, servicesAmounts(), ONLINE),
    new Brand("长安链 ChainMaker 技术服务", "7372", 0.6, servicesAmounts(), ONLINE),
    new Brand("百度超级链 XuperChain", "7372", 0.8, servicesAmounts(), ONLINE),
    new Brand("京东智臻链", "7399", 0.6, servicesAmounts(), ONLINE),
    new Brand("BSN区块链服务网络", "7399", 0.5, servicesAmounts(), ONLINE),
    // Digital-collection platforms of licensed partners sell first editions and allow no resale:
    // buying there is allowed (secondary trading is what section 3.24 bans).
    new Brand("鲸探 数字藏品", "5815", 3, Amounts.menu(9.9, 19.9, 29.9, 49, 99), ONLINE),
    new Brand("幻核数字藏品", "5815", 1, Amounts.menu(9.9, 19.9, 29.9, 49, 99), ONLINE),
    new Brand("灵稀数字藏品", "5815", 1, Amounts.menu(9.9, 19.9, 29.9, 49, 99), ONLINE),
    new Brand("央视频 数字藏品", "5815", 2, Amounts.menu(9.9, 19.9, 29.9, 49, 99), ONLINE),
    new Brand("新华社 新华数藏", "5815", 1.5, Amounts.menu(9.9, 19.9, 29.9, 39.9, 68), ONLINE),
  };

  /** Which licensed partners sell to consumers (the others bill companies). */
  static boolean consumerFacing(Brand brand) {
    return "5815".equals(brand.mcc());
  }

  /** Exchange merchant accounts, as their descriptors read on card statements. */
  static final Brand[] EXCHANGES = {
    new Brand("BINANCE.COM", "6051", 4, exchangeAmounts(), CARD),
    new Brand("BINANCE*CARD PURCHASE", "6051", 2, exchangeAmounts(), CARD),
    new Brand("币安 Binance", "6051", 1, exchangeAmounts(), ONLINE),
    new Brand("OKX.COM", "6051", 3, exchangeAmounts(), CARD),
    new Brand("欧易 OKX", "4829", 1, exchangeAmounts(), ONLINE),
    new Brand("HTX.COM", "6051", 1.5, exchangeAmounts(), CARD),
    new Brand("HUOBI GLOBAL", "6051", 0.7, exchangeAmounts(), CARD),
    new Brand("COINBASE.COM", "6051", 1, exchangeAmounts(), CARD),
    new Brand("PAYWARD* KRAKEN.COM", "6051", 0.7, exchangeAmounts(), CARD),
    new Brand("BYBIT.COM", "6051", 1.5, exchangeAmounts(), CARD),
    new Brand("BITGET.COM", "6051", 1.2, exchangeAmounts(), CARD),
    new Brand("KUCOIN.COM", "6051", 1, exchangeAmounts(), CARD),
    new Brand("GATE.IO", "6211", 1, exchangeAmounts(), CARD),
    new Brand("MEXC.COM", "6051", 0.8, exchangeAmounts(), CARD),
    new Brand("CRYPTO.COM DUBLIN", "6051", 0.8, exchangeAmounts(), CARD),
    new Brand("BITFINEX.COM", "5999", 0.4, exchangeAmounts(), CARD),
    new Brand("UPBIT.COM", "6051", 0.4, exchangeAmounts(), CARD),
    new Brand("HASHKEY EXCHANGE HK", "6211", 0.5, exchangeAmounts(), CARD),
    new Brand("BITSTAMP LTD", null, 0.3, exchangeAmounts(), CARD),
  };

  static final Brand[] ONRAMPS = {
    new Brand("MOONPAY*BUY CRYPTO", "6051", 2, onrampAmounts(), CARD),
    new Brand("MOONPAY.COM", "6051", 1, onrampAmounts(), CARD),
    new Brand("TRANSAK.COM", "6051", 1.5, onrampAmounts(), CARD),
    new Brand("BANXA.COM", "6051", 1, onrampAmounts(), CARD),
    new Brand("MERCURYO.IO", "6051", 1, onrampAmounts(), CARD),
    new Brand("ALCHEMYPAY.ORG", "4829", 1.2, onrampAmounts(), CARD),
    new Brand("SIMPLEX*CRYPTO", "6051", 1, onrampAmounts(), CARD),
    new Brand("PAYBIS LTD", "6051", 0.6, onrampAmounts(), CARD),
    new Brand("GUARDARIAN OU", null, 0.4, onrampAmounts(), CARD),
    new Brand("CHANGELLY", "6051", 0.5, onrampAmounts(), CARD),
    new Brand("RAMP NETWORK", "6051", 0.7, onrampAmounts(), CARD),
  };

  static final Brand[] NFT_PLATFORMS = {
    new Brand("iBox链盒", "5999", 3, nftAmounts(), ONLINE),
    new Brand("红洞数藏", "5815", 2, nftAmounts(), ONLINE),
    new Brand("唯一艺术 theone.art", "5815", 2, nftAmounts(), ONLINE),
    new Brand("数藏中国 寄售", "5815", 1.5, nftAmounts(), ONLINE),
    new Brand("OPENSEA.IO", "5815", 1.5, nftAmounts(), CARD),
    new Brand("OpenSea 藏品转售", "5999", 1, nftAmounts(), ONLINE),
    new Brand("MAGICEDEN.IO", null, 0.8, nftAmounts(), CARD),
    new Brand("RARIBLE.COM", "5815", 0.6, nftAmounts(), CARD),
  };

  /**
   * Ordinary businesses whose names carry a crypto brand's word, under their trade's code. The
   * words: Kraken, Sushi (SushiSwap), Cardano, WOO (WOO X), Compound, Ronin, Lido, Jupiter, Ripple,
   * Rainbow and Keystone (wallets), Harmony, Stellar, Venus, Flow, Cosmos, Camelot, Nexo, Harvest,
   * Timex and One Trading (exchanges on public lists), 欧易 (OKX), 唯一艺术 (an NFT platform) and 鲸探 (a
   * licensed partner's platform).
   */
  static final Lookalike[] LOOKALIKES = {
    lookalike(
        "Compound", "Compound Coffee 咖啡", "5814", 4, Amounts.menu(18, 22, 25, 28, 30, 32, 36)),
    lookalike("Harvest", "Harvest Fresh Market 丰收生鲜超市", "5411", 3.5, Amounts.price(65, 0.8)),
    lookalike("Kraken", "Kraken Seafood Boil 海怪海鲜", "5812", 3, Amounts.price(190, 0.5)),
    lookalike("Sushi", "Sushi Kazoku 寿司家族", "5812", 3, Amounts.price(140, 0.5)),
    lookalike(
        "Jupiter",
        "Jupiter Tobacco 木星烟酒",
        "5993",
        2.5,
        Amounts.menu(16, 20, 26, 35, 50, 65, 100, 230, 460)),
    lookalike("WOO", "WOO Kitchen 私房菜", "5812", 2, Amounts.price(120, 0.6)),
    lookalike("Ronin", "Ronin Izakaya 浪人居酒屋", "5813", 2, Amounts.price(230, 0.5)),
    lookalike("Lido", "Lido Bar 丽都酒吧", "5813", 2, Amounts.price(180, 0.6)),
    lookalike("Cardano", "Cardano Trattoria 意式餐厅", "5812", 1.5, Amounts.price(210, 0.5)),
    lookalike(
        "Ripple", "Ripple Laundry 涟漪洗衣", "7211", 1.5, Amounts.menu(15, 20, 25, 30, 45, 60, 88)),
    lookalike(
        "Rainbow", "Rainbow Car Wash 彩虹洗车", "7542", 1.5, Amounts.menu(25, 30, 35, 40, 50, 80, 128)),
    lookalike("Stellar", "Stellar Hotel 星辰酒店", "7011", 1.5, Amounts.price(420, 0.4)),
    lookalike(
        "Venus", "Venus Nail Studio 维纳斯美甲", "7230", 1.5, Amounts.menu(68, 98, 128, 168, 198, 268)),
    lookalike("Flow", "Flow Barber 理发", "7241", 1.5, Amounts.menu(30, 38, 48, 58, 68, 88)),
    lookalike("Keystone", "Keystone Auto Repair 基石汽修", "7538", 1, Amounts.price(650, 0.9)),
    lookalike("Harmony", "Harmony Dental 和睦口腔", "8021", 1, Amounts.price(480, 1.0)),
    lookalike("Cosmos", "Cosmos Florist 波斯菊花艺", "5992", 1, Amounts.price(160, 0.6)),
    lookalike("Camelot", "Camelot Books 卡美洛书店", "5942", 1, Amounts.price(75, 0.6)),
    lookalike(
        "Nexo", "Nexo Menswear 男装", "5651", 1, Amounts.menu(99, 159, 199, 299, 399, 599, 899)),
    lookalike("One Trading", "One Trading Hardware 一号五金", "5251", 0.8, Amounts.price(90, 0.9)),
    lookalike("欧易", "欧易家居建材", "5712", 0.6, Amounts.price(900, 1.0)),
    lookalike("唯一艺术", "唯一艺术画室 美术培训", "8299", 0.6, Amounts.menu(180, 220, 260, 2600, 3800)),
    lookalike("Timex", "Timex Watch Repair 钟表维修", "7631", 0.5, Amounts.menu(30, 50, 80, 120, 180)),
    lookalike("鲸探", "鲸探潜水 Whale Dive", "7997", 0.5, Amounts.menu(300, 480, 680, 1280, 2980)),
  };

  /** Exchanges from public exchange lists that the merchant reputation feed does not carry. */
  static final Brand[] UNLISTED_EXCHANGES = {
    new Brand("BITSO.COM", "6051", 1.2, lotAmounts(), CARD),
    new Brand("BingX buy BTC", "6051", 1.2, lotAmounts(), APP),
    new Brand("LUNO*BUY CRYPTO", "6051", 1, lotAmounts(), CARD),
    new Brand("LBANK数字资产", "6051", 1, lotAmounts(), ONLINE),
    new Brand("APP.BITMART.COM", "7372", 1, lotAmounts(), CARD),
    new Brand("派网交易所 Pionex", "6051", 1, lotAmounts(), ONLINE),
    new Brand("BITRUE*P2P", "4829", 0.8, lotAmounts(), ONLINE),
    new Brand("WHITEBIT.COM", "6051", 0.8, lotAmounts(), CARD),
    new Brand("PHEMEX SG", "6211", 0.8, lotAmounts(), CARD),
    new Brand("XT.COM", "6051", 0.8, lotAmounts(), CARD),
    new Brand("ZONDA GLOBAL", "6012", 0.6, lotAmounts(), CARD),
    new Brand("EXMO.COM", "6051", 0.6, lotAmounts(), CARD),
    new Brand("BIGONE*CRYPTO", "6051", 0.6, lotAmounts(), CARD),
    new Brand("币赢交易所 CoinW", "6051", 0.6, lotAmounts(), ONLINE),
    new Brand("NOVADAX LTD", "6051", 0.5, lotAmounts(), CARD),
    new Brand("YOBIT.NET", "5999", 0.5, lotAmounts(), CARD),
    new Brand("PROBIT GLOBAL", "6211", 0.5, lotAmounts(), CARD),
    new Brand("ASCENDEX*BUY CRYPTO", "6051", 0.5, lotAmounts(), CARD),
    new Brand("WOO X PAY", null, 0.4, lotAmounts(), CARD),
    new Brand("BLOFIN LTD", "4829", 0.4, lotAmounts(), CARD),
    new Brand("COINMATE.IO", "6051", 0.3, lotAmounts(), CARD),
  };

  /** Card-to-crypto processors that the merchant reputation feed does not carry. */
  static final Brand[] UNLISTED_ONRAMPS = {
    new Brand("WERT*BUY CRYPTO", "6051", 1.2, lotAmounts(), CARD),
    new Brand("XANPOOL*P2P", "4829", 1, lotAmounts(), CARD),
    new Brand("COINIFY.COM", "6051", 0.8, lotAmounts(), CARD),
    new Brand("SWITCHERE.COM", "6051", 0.6, lotAmounts(), CARD),
    new Brand("TOPPER*CRYPTO", "6051", 0.6, lotAmounts(), CARD),
    new Brand("UNLIMIT CRYPTO LTD", "4829", 0.6, lotAmounts(), CARD),
    new Brand("INDACOIN LTD", "6051", 0.5, lotAmounts(), CARD),
    new Brand("TRANSFI PAY", "6051", 0.5, lotAmounts(), CARD),
    new Brand("KADO.MONEY", "6051", 0.4, lotAmounts(), CARD),
    new Brand("ITEZ.COM", "6012", 0.4, lotAmounts(), CARD),
    new Brand("Onmeta buy BTC", "6051", 0.3, lotAmounts(), APP),
    new Brand("MT PELERIN SA", null, 0.3, lotAmounts(), CARD),
  };

  /** Wallet apps' built-in crypto purchases, as their descriptors read. */
  static final Brand[] WALLETS = {
    new Brand("TRUST WALLET*BUY CRYPTO", "6051", 2, lotAmounts(), APP),
    new Brand("imToken 钱包 充值", "6051", 1.5, lotAmounts(), APP),
    new Brand("METAMASK*BUY CRYPTO", "6051", 1.5, lotAmounts(), CARD),
    new Brand("TOKENPOCKET*WALLET", "6051", 1.2, lotAmounts(), APP),
    new Brand("比特派钱包 充值 Bitpie", "6051", 1, lotAmounts(), APP),
    new Brand("EXODUS*WALLET", "6051", 0.8, lotAmounts(), APP),
    new Brand("SAFEPAL*WALLET", "4829", 0.6, lotAmounts(), APP),
    new Brand("ATOMICWALLET.IO", "6051", 0.5, lotAmounts(), CARD),
    new Brand("麦子钱包 充值", "5999", 0.5, lotAmounts(), APP),
    new Brand("COINOMI LTD", null, 0.3, lotAmounts(), CARD),
  };

  /**
   * Invented exchanges and on-ramps, on no public list: some with crypto morphemes (coin, hash,
   * block, 链, 币, 钱包), some plain. They must stay out of {@code config/crypto-merchants.tsv}.
   */
  static final Brand[] HELDOUT_PLATFORMS = {
    new Brand("币澜交易所", "6051", 1.2, lotAmounts(), ONLINE),
    new Brand("VORTANA.IO", "6051", 1, lotAmounts(), CARD),
    new Brand("CRYPTELLA*BUY CRYPTO", "6051", 1, lotAmounts(), CARD),
    new Brand("链盈数字资产", "6051", 1, lotAmounts(), ONLINE),
    new Brand("Quillex Exchange", "6051", 0.8, lotAmounts(), ONLINE),
    new Brand("HASHORA.COM", "6051", 0.8, lotAmounts(), CARD),
    new Brand("Blockvane buy BTC", "6051", 0.8, lotAmounts(), APP),
    new Brand("ORBISTA*P2P", "4829", 0.8, lotAmounts(), ONLINE),
    new Brand("COINVELA.IO", "6051", 0.8, lotAmounts(), CARD),
    new Brand("聚链通交易所", "6051", 0.8, lotAmounts(), ONLINE),
    new Brand("NEBRIX GLOBAL", "6012", 0.6, lotAmounts(), CARD),
    new Brand("APP.TOKVEX.COM", "7372", 0.6, lotAmounts(), CARD),
    new Brand("云钥钱包 充值", "5999", 0.6, lotAmounts(), APP),
    new Brand("KOVALIX PAY", "4829", 0.6, lotAmounts(), CARD),
    new Brand("FENWIX SG", "6211", 0.5, lotAmounts(), CARD),
    new Brand("Dravik Markets*CRYPTO", "6051", 0.5, lotAmounts(), CARD),
    new Brand("KESTRAVA DIGITAL LTD", null, 0.4, lotAmounts(), CARD),
  };

  private Catalog() {}

  /** {@code count} stores of the given brands, each with a branch name, busiest first. */
  static List<Merchant> stores(Brand[] brands, int count, Rng rng, Ids ids, int firstIndex) {
    double[] weights = new double[brands.length];
    for (int i = 0; i < brands.length; i++) {
      weights[i] = brands[i].weight();
    }
    List<Merchant> stores = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Brand brand = brands[rng.weighted(weights)];
      String name = brand.name() + "(" + rng.pick(ROADS) + "店)";
      stores.add(
          new Merchant(
              ids.merchant(firstIndex + i), name, brand.mcc(), brand.amounts(), brand.channels()));
    }
    return stores;
  }

  /** One merchant account per brand, in catalog order. */
  static List<Merchant> accounts(Brand[] brands, Ids ids, int firstIndex) {
    List<Merchant> accounts = new ArrayList<>(brands.length);
    for (int i = 0; i < brands.length; i++) {
      Brand brand = brands[i];
      accounts.add(
          new Merchant(
              ids.merchant(firstIndex + i),
              brand.name(),
              brand.mcc(),
              brand.amounts(),
              brand.channels()));
    }
    return accounts;
  }

  /** The brands of look-alike businesses, in catalog order. */
  static Brand[] lookalikeBrands() {
    Brand[] brands = new Brand[LOOKALIKES.length];
    for (int i = 0; i < brands.length; i++) {
      brands[i] = LOOKALIKES[i].brand();
    }
    return brands;
  }

  private static Lookalike lookalike(
      String word, String name, String mcc, double weight, Amounts amounts) {
    return new Lookalike(word, new Brand(name, mcc, weight, amounts, LOCAL));
  }

  static String fxBranch(Rng rng) {
    return rng.pick(FX_BRANCHES);
  }

  private static Amounts gameTiers() {
    // The standard in-app purchase tiers of Chinese mobile games (6 to 648 CNY).
    return Amounts.weighted(
        new double[] {6, 12, 18, 25, 30, 45, 68, 98, 128, 198, 328, 648, 1296},
        new double[] {14, 5, 4, 8, 12, 3, 10, 7, 6, 5, 4, 5, 0.6});
  }

  private static Amounts brokerAmounts() {
    return rng ->
        rng.chance(0.8)
            ? Amounts.rounded(20_000, 1.1, 1_000, 1_000_000).fen(rng)
            : Amounts.rounded(8_000, 1.0, 100, 500_000).fen(rng);
  }

  private static Amounts servicesAmounts() {
    return Amounts.rounded(3_000, 1.0, 100, 200_000);
  }

  private static Amounts exchangeAmounts() {
    Amounts round =
        Amounts.weighted(
            new double[] {500, 1000, 2000, 3000, 5000, 10_000, 20_000, 50_000},
            new double[] {10, 18, 12, 8, 12, 8, 3, 1});
    double[] dollars = {50, 100, 200, 300, 500, 1000, 2000};
    return rng -> {
      if (rng.chance(0.55)) {
        return round.fen(rng);
      }
      // A dollar-priced buy converted by the card scheme at about 7.2-7.35 plus a 0-3.5% fee.
      double rate = 7.20 + 0.15 * rng.nextDouble();
      double fee = 1 + 0.035 * rng.nextDouble();
      return Amounts.priced(dollars[rng.nextInt(dollars.length)], rate * fee);
    };
  }

  private static Amounts onrampAmounts() {
    double[] dollars = {30, 50, 100, 100, 150, 200, 300, 500, 1000};
    return rng -> {
      if (rng.chance(0.3)) {
        return Amounts.rounded(2_000, 0.9, 100, 100_000).fen(rng);
      }
      double rate = 7.20 + 0.15 * rng.nextDouble();
      double fee = 1.01 + 0.04 * rng.nextDouble();
      return Amounts.priced(dollars[rng.nextInt(dollars.length)], rate * fee);
    };
  }

  /**
   * Card and app top-ups of unlisted platforms: mostly the round lots buyers choose (100 to 10,000
   * CNY), some dollar-priced buys converted by the card scheme, some odd sums.
   */
  private static Amounts lotAmounts() {
    Amounts lots =
        Amounts.weighted(
            new double[] {100, 200, 300, 500, 1000, 2000, 3000, 5000, 10_000, 20_000},
            new double[] {10, 10, 4, 16, 18, 12, 5, 10, 6, 1.5});
    double[] dollars = {50, 100, 200, 300, 500, 1000};
    Amounts odd = Amounts.rounded(1_500, 1.0, 0.01, 60_000);
    return rng -> {
      double kind = rng.nextDouble();
      if (kind < 0.8) {
        return lots.fen(rng);
      }
      if (kind < 0.9) {
        double rate = 7.20 + 0.15 * rng.nextDouble();
        double fee = 1 + 0.035 * rng.nextDouble();
        return Amounts.priced(dollars[rng.nextInt(dollars.length)], rate * fee);
      }
      return odd.fen(rng);
    };
  }

  private static Amounts nftAmounts() {
    Amounts drops = Amounts.menu(9.9, 19.9, 29.9, 39.9, 59.9, 99, 128, 199);
    Amounts secondary = Amounts.rounded(800, 1.2, 1, 200_000);
    return rng -> rng.chance(0.6) ? drops.fen(rng) : secondary.fen(rng);
  }
}
