package io.screener.console;

import io.screener.avro.AccountAction;
import io.screener.avro.AccountStatus;
import io.screener.avro.ActionTrigger;
import io.screener.avro.Decision;
import io.screener.avro.PayeeType;
import io.screener.avro.PaymentEvent;
import io.screener.avro.PaymentType;
import io.screener.avro.PolicyCategory;
import io.screener.avro.Reason;
import io.screener.avro.RulesOutcome;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decisions and account actions for the console's tests. */
final class Cases {
  static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

  private Cases() {}

  /** A decision on a transfer from {@code payer} to {@code payee}, decided {@code second}s in. */
  static ScreeningDecision decision(
      String id,
      Decision decision,
      int score,
      PolicyCategory category,
      String payer,
      String payee,
      int second,
      String... codes) {
    List<Reason> reasons = new ArrayList<>();
    for (String code : codes) {
      reasons.add(new Reason(code, score / Math.max(1, codes.length), "detail of " + code));
    }
    PaymentEvent payment =
        PaymentEvent.newBuilder()
            .setTransactionId(id)
            .setEventTime(T0.plusSeconds(second))
            .setType(PaymentType.P2P_TRANSFER)
            .setPayerId(payer)
            .setPayeeId(payee)
            .setPayeeType(PayeeType.PERSONAL)
            .setAmountMinor(723_450)
            .setCurrency("CNY")
            .setMemo("usdt")
            .build();
    return ScreeningDecision.newBuilder()
        .setTransactionId(id)
        .setDecision(decision)
        .setScore(score)
        .setCategory(category)
        .setReasons(reasons)
        .setPayment(payment)
        .setConfigVersion("v1")
        .setDecidedAt(T0.plusSeconds(second))
        .build();
  }

  static ScreeningDecision flag(String id, int score, String payer, String payee, int second) {
    return decision(
        id,
        Decision.FLAG,
        score,
        PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE,
        payer,
        payee,
        second,
        "PAYEE_SUSPECTED_OTC_DEALER");
  }

  static AccountAction action(
      String account, AccountStatus from, AccountStatus to, int points, String... transactions) {
    return AccountAction.newBuilder()
        .setAccountId(account)
        .setStatus(to)
        .setPreviousStatus(from)
        .setTrigger(ActionTrigger.CONFIRMED_VERDICT)
        .setStrikePoints(points)
        .setReasonCodes(List.of("PAYEE_SUSPECTED_OTC_DEALER"))
        .setTransactionIds(List.of(transactions))
        .setRestrictedFunctions(List.of())
        .setDeadline(to == AccountStatus.WARNED ? T0.plusSeconds(14 * 86_400) : null)
        .setDecidedAt(T0.plusSeconds(3_600))
        .setConfigVersion("v1")
        .build();
  }

  /**
   * A payment the shadow version {@code shadowVersion} would decide {@code shadow} where the live
   * rules (v1) decided {@code live}.
   */
  static ShadowDiff shadowDiff(
      String id, Decision live, int liveScore, Decision shadow, String shadowVersion, int second) {
    ScreeningDecision decided =
        decision(
            id,
            live,
            liveScore,
            PolicyCategory.VIRTUAL_CURRENCY_EXCHANGE,
            "payer-" + id,
            "payee-" + id,
            second,
            "PAYEE_SUSPECTED_OTC_DEALER");
    return ShadowDiff.newBuilder()
        .setTransactionId(id)
        .setPayment(decided.getPayment())
        .setLive(
            RulesOutcome.newBuilder()
                .setDecision(live)
                .setScore(liveScore)
                .setCategory(decided.getCategory())
                .setReasons(decided.getReasons())
                .setConfigVersion("v1")
                .build())
        .setShadow(
            RulesOutcome.newBuilder()
                .setDecision(shadow)
                .setScore(liveScore)
                .setCategory(decided.getCategory())
                .setReasons(decided.getReasons())
                .setConfigVersion(shadowVersion)
                .build())
        .setDecidedAt(decided.getDecidedAt())
        .build();
  }
}
