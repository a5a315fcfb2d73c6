package io.screener.domain;

import io.screener.domain.merchant.CryptoUniverse;
import io.screener.domain.merchant.Descriptor;
import io.screener.domain.text.Hit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects the reasons signals find for one payment. A reason whose weight is 0 in the rules is
 * switched off and not recorded. Not thread-safe: the scorer keeps one per thread and clears it.
 */
public final class ScoreCard {
  private final ScoringRules rules;
  private final List<Reason> reasons = new ArrayList<>(8);

  /**
   * Merchant names repeat (a few thousand merchants take most payments): what the rules read in a
   * name is kept per name, up to this many names, then forgotten all at once.
   */
  static final int NAMES_KEPT = 4096;

  private @Nullable String allowListDetail;
  private final Map<String, List<Hit<CryptoUniverse.Term>>> brands = new HashMap<>();
  private final Map<String, Descriptor> descriptors = new HashMap<>();

  public ScoreCard(ScoringRules rules) {
    this.rules = rules;
  }

  public ScoringRules rules() {
    return rules;
  }

  /** Records a reason worth its configured weight; its sentence is written when first read. */
  public void add(ReasonCode code, Reason.Detail detail) {
    add(code, rules.weight(code), detail);
  }

  /** Records a reason worth the given points (a signal that scales its weight). */
  public void add(ReasonCode code, int points, Reason.Detail detail) {
    if (points != 0) {
      reasons.add(new Reason(code, points, detail));
    }
  }

  /** Marks the payment as involving an allow-listed licensed partner: it will be cleared. */
  public void allowList(String detail) {
    if (allowListDetail == null) {
      allowListDetail = detail;
    }
  }

  /** The brands of the rules' universe a merchant name names ({@link CryptoUniverse#find}). */
  public List<Hit<CryptoUniverse.Term>> brands(String merchantName) {
    List<Hit<CryptoUniverse.Term>> hits = brands.get(merchantName);
    if (hits == null) {
      hits = List.copyOf(rules.merchants().universe().find(merchantName));
      keep(brands, merchantName, hits);
    }
    return hits;
  }

  /** A merchant descriptor read with the rules' vocabulary. */
  public Descriptor descriptor(String merchantName) {
    Descriptor d = descriptors.get(merchantName);
    if (d == null) {
      d = Descriptor.read(merchantName, rules.merchants().vocabulary());
      keep(descriptors, merchantName, d);
    }
    return d;
  }

  private static <V> void keep(Map<String, V> names, String name, V value) {
    if (names.size() >= NAMES_KEPT) {
      names.clear();
    }
    names.put(name, value);
  }

  /** Whether a reason with this code has been recorded. */
  public boolean has(ReasonCode code) {
    for (Reason reason : reasons) {
      if (reason.code() == code) {
        return true;
      }
    }
    return false;
  }

  /**
   * Points so far of the reasons about the merchant itself ({@link ReasonCode#describesMerchant}).
   */
  public int merchantEvidencePoints() {
    return Screening.merchantEvidencePoints(reasons);
  }

  /** The reasons so far; the scorer copies them into its result. */
  List<Reason> reasons() {
    return reasons;
  }

  /** Empties the card for the next payment (the scorer keeps one card per thread). */
  void clear() {
    reasons.clear();
    allowListDetail = null;
  }

  @Nullable String allowListDetail() {
    return allowListDetail;
  }
}
