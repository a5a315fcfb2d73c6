package io.screener.domain.signal;

import io.screener.domain.MemoTermKind;
import io.screener.domain.Payment;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.domain.text.Hit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Memo text. Explicit crypto, derivatives and NFT terms count once per kind. Dealers forbid such
 * words, so buyers write cover words ("借款" loan, "货款" goods payment) instead: a cover word on a
 * large person-to-person transfer is weak evidence and counts only when no explicit term did.
 */
public final class MemoSignal implements Signal {
  private static final List<MemoTermKind> EXPLICIT =
      List.of(MemoTermKind.CRYPTO_TERM, MemoTermKind.DERIVATIVES_TERM, MemoTermKind.NFT_TERM);

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    Payment payment = input.payment();
    String memo = payment.memo();
    if (memo == null || memo.isEmpty()) {
      return;
    }
    List<Hit<MemoTermKind>> hits = card.rules().memoTerms().find(memo);
    if (hits.isEmpty()) {
      return;
    }
    boolean explicit = false;
    for (MemoTermKind kind : EXPLICIT) {
      String term = firstTerm(hits, kind);
      if (term != null) {
        explicit = true;
        card.add(kind.reason(), () -> "memo mentions '" + term + "'");
      }
    }
    String cover = firstTerm(hits, MemoTermKind.COVER_WORD);
    if (!explicit
        && cover != null
        && payment.isPersonToPerson()
        && payment.amountMinor() >= card.rules().coverWordMinAmountMinor()) {
      card.add(
          ReasonCode.MEMO_COVER_WORD,
          () -> "vague memo '" + cover + "' on a large person-to-person transfer (weak evidence)");
    }
  }

  /** The first hit's term of this kind (hits are few: a scan beats a map). */
  private static @Nullable String firstTerm(List<Hit<MemoTermKind>> hits, MemoTermKind kind) {
    for (int i = 0, n = hits.size(); i < n; i++) {
      if (hits.get(i).value() == kind) {
        return hits.get(i).term();
      }
    }
    return null;
  }
}
