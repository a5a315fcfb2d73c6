package io.screener.domain;

import io.screener.domain.enforcement.EnforcementRules;
import io.screener.domain.merchant.CryptoUniverse;
import io.screener.domain.merchant.MerchantWord;
import io.screener.domain.text.KeywordIndex;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model's tunable part: thresholds, weights, code lists, behaviour windows and term lists.
 * Loaded from the rules file under {@code config/}; nothing here has a default in code.
 *
 * @param version names the rules that decided a payment; carried on every decision
 * @param flagThreshold score from which a payment is flagged
 * @param blockThreshold score from which a payment is blocked, if it has block-worthy evidence
 * @param blockEvidence kinds of evidence that may carry a payment to BLOCK on their own
 * @param blockCombinations sets of reasons that together may carry a payment to BLOCK even though
 *     none of them is block-worthy evidence alone
 * @param weights points per reason code
 * @param highRiskScore reputation risk score from which an otherwise ordinary account counts
 * @param merchants merchant category codes, the crypto-merchant universe and the vocabulary that
 *     weighs a merchant's name
 * @param coverWordMinAmountMinor smallest person-to-person amount for which an evasive memo counts
 * @param behaviour windows and bounds of the behaviour state, and when its patterns count
 * @param amounts amount patterns
 * @param quotes matching amounts against crypto quotes
 * @param night the local night when large transfers count
 * @param memoTerms crypto, derivatives, NFT and cover words for memos
 * @param enforcement the account strike ladder
 */
public record ScoringRules(
    String version,
    int flagThreshold,
    int blockThreshold,
    Set<Evidence> blockEvidence,
    List<Set<ReasonCode>> blockCombinations,
    Map<ReasonCode, Integer> weights,
    int highRiskScore,
    MerchantRules merchants,
    long coverWordMinAmountMinor,
    BehaviourRules behaviour,
    AmountRules amounts,
    QuoteRules quotes,
    NightRules night,
    KeywordIndex<MemoTermKind> memoTerms,
    EnforcementRules enforcement) {

  public ScoringRules {
    Objects.requireNonNull(version, "version");
    blockEvidence = blockEvidence.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(blockEvidence));
    blockCombinations = blockCombinations.stream().map(Set::copyOf).toList();
    EnumMap<ReasonCode, Integer> copy = new EnumMap<>(ReasonCode.class);
    copy.putAll(weights);
    for (ReasonCode code : ReasonCode.values()) {
      if (!copy.containsKey(code)) {
        throw new IllegalArgumentException("no weight for reason " + code);
      }
    }
    weights = copy;
    Objects.requireNonNull(merchants, "merchants");
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(amounts, "amounts");
    Objects.requireNonNull(quotes, "quotes");
    Objects.requireNonNull(night, "night");
    Objects.requireNonNull(memoTerms, "memoTerms");
    Objects.requireNonNull(enforcement, "enforcement");
  }

  /** Points the rules give a reason code. */
  public int weight(ReasonCode code) {
    return Objects.requireNonNull(weights.get(code), "the rules weigh every reason code");
  }

  /**
   * How a merchant's code, name and registration are weighed.
   *
   * @param cryptoMccs codes required for crypto purchases (6051), which also cover travel money
   * @param relatedMccs financial codes that fit a crypto business too (6012, 6211, 4829): weak
   *     alone
   * @param neutralMccs codes that neither fit nor contradict one (digital goods, software,
   *     miscellaneous retail); every other code is another trade, which contradicts a crypto name
   * @param universe the crypto merchants known by name and web host
   * @param vocabulary crypto, money-changing, other-trade and filler words of descriptors
   * @param commonWordPercent share of a brand's weight a match on a name that is an ordinary word
   *     too carries (Bullish, Gemini)
   * @param otherWordsPercent share of a brand's weight a match carries when the descriptor has
   *     other words besides the brand ("Kraken Nordic Trading"); both shares multiply
   * @param morphemes word parts that make an unknown name read as crypto (bit, coin, chain, 币)
   */
  public record MerchantRules(
      Set<String> cryptoMccs,
      Set<String> relatedMccs,
      Set<String> neutralMccs,
      CryptoUniverse universe,
      KeywordIndex<MerchantWord> vocabulary,
      int commonWordPercent,
      int otherWordsPercent,
      List<String> morphemes) {
    public MerchantRules {
      cryptoMccs = Set.copyOf(cryptoMccs);
      relatedMccs = Set.copyOf(relatedMccs);
      neutralMccs = Set.copyOf(neutralMccs);
      Objects.requireNonNull(universe, "universe");
      Objects.requireNonNull(vocabulary, "vocabulary");
      morphemes = List.copyOf(morphemes);
    }

    /** What a merchant category code says about a crypto name; no code is neutral. */
    public MccFit fit(String mcc) {
      if (mcc == null || neutralMccs.contains(mcc)) {
        return MccFit.NEUTRAL;
      }
      if (cryptoMccs.contains(mcc)) {
        return MccFit.CRYPTO;
      }
      return relatedMccs.contains(mcc) ? MccFit.RELATED : MccFit.OTHER_TRADE;
    }
  }

  /** How a merchant category code fits a crypto business. */
  public enum MccFit {
    /** The code card networks require for crypto purchases (6051). */
    CRYPTO,
    /** A financial code a crypto business may use (6012, 6211, 4829). */
    RELATED,
    /** Fits any online business (software, digital goods, miscellaneous retail), or no code. */
    NEUTRAL,
    /** Another trade: a restaurant, a car wash, a florist. */
    OTHER_TRADE
  }

  /**
   * Windows and bounds of the per-account behaviour state, and the levels at which its patterns
   * count.
   *
   * @param windowMillis sliding period for fan-in, inflow and repeated amounts
   * @param maxTrackedInflows most recent inflows kept per payee; bounds state per account
   * @param quickTurnoverMillis an outflow this soon after an inflow counts as quick in, quick out
   * @param fanInMinPayers distinct payers from which fan-in to a personal account starts to count
   * @param fanInFullPayers distinct payers at which fan-in counts its full weight
   * @param fanInMinInflowMinor fan-in counts only when the period's inflow is at least this
   * @param repeatedAmountMinPayers other payers of the same amount from which the pattern counts
   * @param sharedDeviceMinPayers payers on one device from which the pattern counts
   * @param samePricePpm how close, in parts per million, two USDT lots' premiums or effective
   *     prices must be to count as one dealer's price
   * @param merchantMemoryMillis how long a merchant's record remembers a payment that carried
   *     flag-worthy evidence about the merchant itself ({@code MERCHANT_CRYPTO_HISTORY})
   */
  public record BehaviourRules(
      long windowMillis,
      int maxTrackedInflows,
      long quickTurnoverMillis,
      int fanInMinPayers,
      int fanInFullPayers,
      long fanInMinInflowMinor,
      int repeatedAmountMinPayers,
      int sharedDeviceMinPayers,
      int samePricePpm,
      long merchantMemoryMillis) {
    public BehaviourRules {
      if (windowMillis <= 0 || quickTurnoverMillis <= 0 || merchantMemoryMillis <= 0) {
        throw new IllegalArgumentException("behaviour windows must be positive");
      }
      if (maxTrackedInflows < 1 || maxTrackedInflows > 1024) {
        throw new IllegalArgumentException("maxTrackedInflows must be 1-1024");
      }
      if (fanInFullPayers < fanInMinPayers) {
        throw new IllegalArgumentException("fanInFullPayers must not be below fanInMinPayers");
      }
    }

    /** Bounds of the state alone, for tests of the state. */
    public static BehaviourRules window(
        long windowMillis, int maxTrackedInflows, long quickTurnoverMillis) {
      return new BehaviourRules(
          windowMillis,
          maxTrackedInflows,
          quickTurnoverMillis,
          2,
          2,
          1,
          1,
          2,
          100,
          30L * 24 * 60 * 60 * 1000);
    }
  }

  /**
   * Amount patterns.
   *
   * @param largeTransferMinor a person-to-person transfer of at least this is "large"
   * @param roundStepMinor a large amount that is a multiple of this is round
   * @param limitsMinor reporting or channel limits; amounts just under one are suspicious
   * @param justUnderPercent how close under a limit counts as "just under", in percent of the limit
   * @param festiveAmountsMinor culturally round red-packet amounts (6.66, 8.88, 520, 1314 CNY)
   */
  public record AmountRules(
      long largeTransferMinor,
      long roundStepMinor,
      List<Long> limitsMinor,
      int justUnderPercent,
      List<Long> festiveAmountsMinor) {
    public AmountRules {
      limitsMinor = List.copyOf(limitsMinor);
      festiveAmountsMinor = festiveAmountsMinor.stream().distinct().sorted().toList();
    }

    /**
     * Whether {@code amountMinor} is a festive amount (an indexed loop: no boxing, no iterator).
     */
    public boolean isFestive(long amountMinor) {
      for (int i = 0, n = festiveAmountsMinor.size(); i < n; i++) {
        if (festiveAmountsMinor.get(i) == amountMinor) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Matching amounts against the crypto quote in force. A buyer pays the dealer's price exactly, to
   * the fen, so a whole number of units matches within {@code toleranceMinor}; for a round lot a
   * buyer may round to the yuan, so it matches within {@code roundLotToleranceMinor}.
   *
   * @param usdtStep a match is a multiple of this many USDT
   * @param usdtMin smallest USDT amount that counts
   * @param usdtRoundLot a multiple of this many USDT is a round lot
   * @param btcStep a match is a multiple of this many BTC
   * @param btcMin smallest BTC amount that counts
   * @param toleranceMinor how far, in minor units, the amount may be from the exact price
   * @param roundLotToleranceMinor likewise for a round lot
   * @param maxQuoteAgeMillis a quote older than this at the payment's time is not used
   * @param premiumMinPpm smallest markup over the quote, in parts per million, at which a round lot
   *     reads as a dealer's price
   * @param premiumMaxPpm largest such markup
   * @param roundAmountMinor an amount that is a multiple of this is an ordinary round sum: it
   *     matches a lot at the quote only to the fen, and never one at a premium
   */
  public record QuoteRules(
      double usdtStep,
      double usdtMin,
      double usdtRoundLot,
      double btcStep,
      double btcMin,
      long toleranceMinor,
      long roundLotToleranceMinor,
      long maxQuoteAgeMillis,
      int premiumMinPpm,
      int premiumMaxPpm,
      long roundAmountMinor) {
    public QuoteRules {
      if (premiumMinPpm <= 0 || premiumMaxPpm < premiumMinPpm) {
        throw new IllegalArgumentException("the premium band must be positive and not empty");
      }
      if (roundAmountMinor <= 0) {
        throw new IllegalArgumentException("roundAmountMinor must be positive");
      }
    }
  }

  /**
   * The local night, when large transfers between people are suspicious (dealers' own rules treat
   * 17:00-09:00 specially).
   *
   * @param zone time zone of the payments' users (Asia/Shanghai)
   */
  public record NightRules(ZoneId zone, LocalTime start, LocalTime end) {

    /** Whether a local time of day falls in the night, which may wrap past midnight. */
    public boolean contains(LocalTime time) {
      return start.isBefore(end)
          ? !time.isBefore(start) && time.isBefore(end)
          : !time.isBefore(start) || time.isBefore(end);
    }
  }
}
