package io.screener.domain.signal;

import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.domain.enforcement.AccountFunction;
import io.screener.domain.enforcement.AccountStanding;
import io.screener.domain.enforcement.AccountStatus;
import org.jspecify.annotations.Nullable;

/**
 * The accounts' enforcement status: a BANNED payer or payee, or a RESTRICTED one using a function
 * its restriction bars. Such a reason blocks the payment whatever the score (a licensed partner is
 * still cleared).
 */
public final class EnforcementSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    check(input, input.payeeStanding(), false, card);
    check(input, input.payerStanding(), true, card);
  }

  private static void check(
      ScreeningInput input, @Nullable AccountStanding standing, boolean payer, ScoreCard card) {
    if (standing == null) {
      return;
    }
    AccountFunction function = AccountFunction.of(input.payment().type(), payer);
    if (!standing.bars(function)) {
      return;
    }
    String side = payer ? "payer" : "payee";
    if (standing.status() == AccountStatus.BANNED) {
      card.add(
          payer ? ReasonCode.PAYER_BANNED : ReasonCode.PAYEE_BANNED,
          () -> side + " account is banned");
    } else {
      card.add(
          payer ? ReasonCode.PAYER_RESTRICTED : ReasonCode.PAYEE_RESTRICTED,
          () -> side + " account is restricted from " + function);
    }
  }
}
