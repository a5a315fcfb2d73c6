package io.screener.domain;

import io.screener.domain.text.KeywordIndex;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model's tunable part: thresholds, weights, code lists, behaviour windows and term lists. Loaded
 * from the rules file under {@code config/}; nothing here has a default in code.
 *
 * @param version names the rules that decided a payment; carried on every decision
 * @param flagThreshold score from which a payment is flagged
 * @param blockThreshold score from which a payment is blocked, if it has block-worthy evidence
 * @param blockEvidence kinds of evidence that may carry a payment to BLOCK
 * @param weights points per reason code
 * @param highRiskScore reputation risk score from which an otherwise ordinary account counts
 * @param cryptoMccs merchant category codes required for crypto purchases (6051)
 * @param relatedMccs related codes that are weak evidence (brokers, wire transfer)
 * @param coverWordMinAmountMinor smallest person-to-person amount for which an evasive memo counts
 * @param behaviour windows and bounds of the behaviour state
 * @param merchantTerms known exchanges, on-ramps, NFT platforms and crypto services
 * @param memoTerms crypto, derivatives, NFT and cover words for memos
 */
public record ScoringRules(
    String version,
    int flagThreshold,
    int blockThreshold,
    Set<Evidence> blockEvidence,
    Map<ReasonCode, Integer> weights,
    int highRiskScore,
    Set<String> cryptoMccs,
    Set<String> relatedMccs,
    long coverWordMinAmountMinor,
    BehaviourRules behaviour,
    KeywordIndex<DescriptorKind> merchantTerms,
    KeywordIndex<MemoTermKind> memoTerms) {

  public ScoringRules {
    Objects.requireNonNull(version, "version");
    blockEvidence = Set.copyOf(EnumSet.copyOf(blockEvidence));
    EnumMap<ReasonCode, Integer> copy = new EnumMap<>(ReasonCode.class);
    copy.putAll(weights);
    for (ReasonCode code : ReasonCode.values()) {
      if (!copy.containsKey(code)) {
        throw new IllegalArgumentException("no weight for reason " + code);
      }
    }
    weights = copy;
    cryptoMccs = Set.copyOf(cryptoMccs);
    relatedMccs = Set.copyOf(relatedMccs);
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(merchantTerms, "merchantTerms");
    Objects.requireNonNull(memoTerms, "memoTerms");
  }

  /** Points the rules give a reason code. */
  public int weight(ReasonCode code) {
    return weights.get(code);
  }

  /**
   * Windows and bounds of the per-account behaviour state.
   *
   * @param windowMillis sliding period for fan-in, inflow and repeated amounts
   * @param maxTrackedInflows most recent inflows kept per payee; bounds state per account
   * @param quickTurnoverMillis an outflow this soon after an inflow counts as quick in, quick out
   */
  public record BehaviourRules(long windowMillis, int maxTrackedInflows, long quickTurnoverMillis) {
    public BehaviourRules {
      if (windowMillis <= 0 || quickTurnoverMillis <= 0) {
        throw new IllegalArgumentException("behaviour windows must be positive");
      }
      if (maxTrackedInflows < 1 || maxTrackedInflows > 1024) {
        throw new IllegalArgumentException("maxTrackedInflows must be 1-1024");
      }
    }
  }
}
