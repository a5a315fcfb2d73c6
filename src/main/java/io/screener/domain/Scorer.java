package io.screener.domain;

import io.screener.domain.signal.AmountPatternSignal;
import io.screener.domain.signal.DealerPriceSignal;
import io.screener.domain.signal.DescriptorSignal;
import io.screener.domain.signal.EnforcementSignal;
import io.screener.domain.signal.FanInSignal;
import io.screener.domain.signal.MemoSignal;
import io.screener.domain.signal.MerchantCodeSignal;
import io.screener.domain.signal.MerchantHistorySignal;
import io.screener.domain.signal.NewPairSignal;
import io.screener.domain.signal.NightTransferSignal;
import io.screener.domain.signal.QuoteMatchSignal;
import io.screener.domain.signal.RepeatedAmountSignal;
import io.screener.domain.signal.ReputationSignal;
import io.screener.domain.signal.SharedDeviceSignal;
import io.screener.domain.signal.TurnoverSignal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Scores a payment as a likely crypto or OTC purchase. Signals add points with reasons; the score
 * is their sum clamped to 0-100, and the reasons are trimmed so they always add up to the score.
 * The decision follows from the thresholds, and a BLOCK also needs block-worthy evidence: a reason
 * of a block-worthy kind, or all the reasons of one of the rules' block combinations. A payment
 * that an account's enforcement status bars is blocked whatever its score; a licensed partner's is
 * cleared.
 */
public final class Scorer {
  private static final Comparator<Reason> STRONGEST_FIRST =
      Comparator.comparingInt(Reason::points).reversed().thenComparing(Reason::code);

  /** The verdict on most payments, shared: nothing found costs no allocation. */
  private static final Screening NOTHING_FOUND = new Screening(Decision.CLEAR, 0, null, List.of());

  private final ScoringRules rules;
  private final Signal[] signals;
  // One score card per thread, cleared for each payment: scoring allocates only its result.
  private final ThreadLocal<ScoreCard> cards;
  // The rules' block combinations as bit sets of reason-code ordinals.
  private final long[] combinations;

  public Scorer(ScoringRules rules, List<Signal> signals) {
    this.rules = rules;
    this.signals = signals.toArray(new Signal[0]);
    this.cards = ThreadLocal.withInitial(() -> new ScoreCard(rules));
    this.combinations = new long[rules.blockCombinations().size()];
    for (int i = 0; i < combinations.length; i++) {
      for (ReasonCode code : rules.blockCombinations().get(i)) {
        combinations[i] |= bit(code);
      }
    }
  }

  static {
    if (ReasonCode.values().length > Long.SIZE) {
      throw new IllegalStateException("reason codes no longer fit the scorer's bit sets");
    }
  }

  private static long bit(ReasonCode code) {
    return 1L << code.ordinal();
  }

  /** The scorer with every signal of the model. */
  public static Scorer standard(ScoringRules rules) {
    return new Scorer(
        rules,
        List.of(
            new ReputationSignal(),
            new EnforcementSignal(),
            new MerchantCodeSignal(),
            new DescriptorSignal(),
            new MemoSignal(),
            new MerchantHistorySignal(),
            new FanInSignal(),
            new TurnoverSignal(),
            new RepeatedAmountSignal(),
            new SharedDeviceSignal(),
            new NewPairSignal(),
            new NightTransferSignal(),
            new QuoteMatchSignal(),
            new DealerPriceSignal(),
            new AmountPatternSignal()));
  }

  public ScoringRules rules() {
    return rules;
  }

  public Screening score(ScreeningInput input) {
    ScoreCard card = cards.get();
    card.clear();
    for (Signal signal : signals) {
      signal.evaluate(input, card);
    }
    return conclude(card);
  }

  private Screening conclude(ScoreCard card) {
    if (card.reasons().isEmpty() && card.allowListDetail() == null) {
      return NOTHING_FOUND;
    }
    List<Reason> reasons = new ArrayList<>(card.reasons());
    reasons.sort(STRONGEST_FIRST);
    PolicyCategory category = strongestCategory(reasons);
    if (card.allowListDetail() != null) {
      int sum = sum(reasons);
      reasons.add(new Reason(ReasonCode.LICENSED_PARTNER, -sum, card.allowListDetail()));
      return new Screening(Decision.CLEAR, 0, null, reasons);
    }
    int raw = sum(reasons);
    int score = Math.max(0, Math.min(100, raw));
    trim(reasons, raw - score);
    Decision decision = decide(score, reasons);
    return new Screening(decision, score, decision == Decision.CLEAR ? null : category, reasons);
  }

  private Decision decide(int score, List<Reason> reasons) {
    if (barredByEnforcement(reasons)
        || (score >= rules.blockThreshold() && hasBlockWorthyEvidence(reasons))) {
      return Decision.BLOCK;
    }
    return score >= rules.flagThreshold() ? Decision.FLAG : Decision.CLEAR;
  }

  private static boolean barredByEnforcement(List<Reason> reasons) {
    for (Reason reason : reasons) {
      if (reason.code().evidence() == Evidence.ENFORCEMENT && reason.points() > 0) {
        return true;
      }
    }
    return false;
  }

  private boolean hasBlockWorthyEvidence(List<Reason> reasons) {
    long present = 0;
    for (Reason reason : reasons) {
      if (reason.points() > 0) {
        if (rules.blockEvidence().contains(reason.code().evidence())) {
          return true;
        }
        present |= bit(reason.code());
      }
    }
    for (long combination : combinations) {
      if ((present & combination) == combination) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable PolicyCategory strongestCategory(List<Reason> strongestFirst) {
    for (Reason reason : strongestFirst) {
      if (reason.points() > 0 && reason.code().category() != null) {
        return reason.code().category();
      }
    }
    return null;
  }

  /**
   * Removes {@code excess} points so the reasons sum to the clamped score: above 100 the weakest
   * positive reasons give way first, below 0 the smallest negative ones, so the strongest evidence
   * always shows at full weight.
   */
  private static void trim(List<Reason> strongestFirst, int excess) {
    for (int i = strongestFirst.size() - 1; i >= 0 && excess > 0; i--) {
      int points = strongestFirst.get(i).points();
      if (points > 0) {
        int moved = Math.min(points, excess);
        capped(strongestFirst, i, points - moved);
        excess -= moved;
      }
    }
    for (int i = 0; i < strongestFirst.size() && excess < 0; i++) {
      int points = strongestFirst.get(i).points();
      if (points < 0) {
        int moved = Math.min(-points, -excess);
        capped(strongestFirst, i, points + moved);
        excess += moved;
      }
    }
  }

  private static void capped(List<Reason> reasons, int i, int points) {
    Reason reason = reasons.get(i);
    reasons.set(i, reason.withPoints(points, " (capped: score range is 0-100)"));
  }

  private static int sum(List<Reason> reasons) {
    int sum = 0;
    for (Reason reason : reasons) {
      sum += reason.points();
    }
    return sum;
  }
}
