package io.screener.domain.enforcement;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A flagged or blocked payment kept for analysts' verdicts, and the verdict last applied to it.
 *
 * @param struck whether the decision itself struck the accounts: blocked, and not because the payer
 *     is restricted or banned already (that would strike the innocent payee of a banned account).
 * @param verdict the last verdict applied, or null
 */
public record ReviewCase(
    String transactionId,
    String payeeId,
    String payerId,
    boolean struck,
    List<String> reasonCodes,
    long eventTime,
    @Nullable Verdict verdict) {

  public ReviewCase {
    reasonCodes = List.copyOf(reasonCodes);
  }

  /** The strikes a decision takes when it is made: a struck payment's, on its payee (and payer). */
  public List<AccountEvent> decided(EnforcementRules rules) {
    return struck ? events(AccountEvent.Kind.BLOCKED, eventTime, rules) : List.of();
  }

  /**
   * What a verdict does: the events for the payee (and, per the rules, the payer), or nothing when
   * it repeats the verdict already applied.
   */
  public List<AccountEvent> judged(Verdict given, long time, EnforcementRules rules) {
    if (given == verdict) {
      return List.of();
    }
    return events(
        given == Verdict.CONFIRMED_CRYPTO
            ? AccountEvent.Kind.CONFIRMED
            : AccountEvent.Kind.FALSE_POSITIVE,
        time,
        rules);
  }

  public ReviewCase withVerdict(Verdict given) {
    return new ReviewCase(transactionId, payeeId, payerId, struck, reasonCodes, eventTime, given);
  }

  private List<AccountEvent> events(AccountEvent.Kind kind, long time, EnforcementRules rules) {
    List<AccountEvent> events = new ArrayList<>(2);
    events.add(new AccountEvent(payeeId, transactionId, kind, true, struck, reasonCodes, time));
    if (rules.strikePayer() && !payerId.equals(payeeId)) {
      events.add(new AccountEvent(payerId, transactionId, kind, false, struck, reasonCodes, time));
    }
    return events;
  }
}
