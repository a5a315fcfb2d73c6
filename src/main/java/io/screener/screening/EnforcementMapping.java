package io.screener.screening;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.Decision;
import io.screener.avro.MerchantCategory;
import io.screener.avro.MerchantReputation;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.internal.EnforcementEvent;
import io.screener.avro.internal.EnforcementKind;
import io.screener.avro.internal.ReviewItem;
import io.screener.domain.CounterpartyCategory;
import io.screener.domain.ReasonCode;
import io.screener.domain.enforcement.AccountEvent;
import io.screener.domain.enforcement.AccountFunction;
import io.screener.domain.enforcement.AccountStanding;
import io.screener.domain.enforcement.AccountStatus;
import io.screener.domain.enforcement.Registration;
import io.screener.domain.enforcement.Reputation;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.StatusChange;
import io.screener.domain.enforcement.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Converts enforcement records between the wire and the domain; enum names match on both sides. */
public final class EnforcementMapping {
  private static final Map<String, AccountFunction> FUNCTIONS =
      Arrays.stream(AccountFunction.values())
          .collect(Collectors.toUnmodifiableMap(Enum::name, f -> f));
  private static final Set<String> PAYER_STATUS =
      Set.of(ReasonCode.PAYER_BANNED.name(), ReasonCode.PAYER_RESTRICTED.name());

  private EnforcementMapping() {}

  /**
   * The account's standing from its latest action, or null (no action: ACTIVE). Restricted
   * functions this build does not know are left out.
   */
  public static @Nullable AccountStanding standing(@Nullable AccountAction action) {
    if (action == null || action.getStatus() == io.screener.avro.AccountStatus.ACTIVE) {
      return null;
    }
    Set<AccountFunction> restricted = EnumSet.noneOf(AccountFunction.class);
    for (String function : action.getRestrictedFunctions()) {
      AccountFunction known = FUNCTIONS.get(function);
      // A function this build does not know (a newer build's, in a rolling upgrade) bars nothing
      // here.
      if (known != null) {
        restricted.add(known);
      }
    }
    return new AccountStanding(AccountStatus.valueOf(action.getStatus().name()), restricted);
  }

  public static AccountAction action(String accountId, StatusChange change, String configVersion) {
    List<String> functions = new ArrayList<>(change.restrictedFunctions().size());
    change.restrictedFunctions().forEach(f -> functions.add(f.name()));
    return AccountAction.newBuilder()
        .setAccountId(accountId)
        .setStatus(io.screener.avro.AccountStatus.valueOf(change.to().name()))
        .setPreviousStatus(io.screener.avro.AccountStatus.valueOf(change.from().name()))
        .setTrigger(io.screener.avro.ActionTrigger.valueOf(change.trigger().name()))
        .setStrikePoints(change.strikePoints())
        .setReasonCodes(change.reasonCodes())
        .setTransactionIds(change.transactionIds())
        .setRestrictedFunctions(functions)
        .setDeadline(change.deadline() < 0 ? null : Instant.ofEpochMilli(change.deadline()))
        .setDecidedAt(Instant.ofEpochMilli(change.at()))
        .setConfigVersion(configVersion)
        .build();
  }

  /**
   * A flagged or blocked decision as the review ledger keeps it, with the codes of its evidence
   * for. A block strikes unless the payer's enforcement status is among its reasons: the payer is
   * on the ladder already, and the payee of a banned account's payment did nothing.
   */
  public static ReviewCase reviewCase(ScreeningDecision decision) {
    List<String> codes = new ArrayList<>(decision.getReasons().size());
    boolean payerBarred = false;
    for (io.screener.avro.Reason reason : decision.getReasons()) {
      // Evidence for, including reasons the 0-100 cap trimmed to no points (a banned dealer's
      // reputation behind its status): they decide whether the strike counts towards a ban.
      if (reason.getPoints() >= 0) {
        codes.add(reason.getCode());
        payerBarred |= PAYER_STATUS.contains(reason.getCode());
      }
    }
    return new ReviewCase(
        decision.getTransactionId(),
        decision.getPayment().getPayeeId(),
        decision.getPayment().getPayerId(),
        decision.getDecision() == Decision.BLOCK && !payerBarred,
        codes,
        decision.getPayment().getEventTime().toEpochMilli(),
        null);
  }

  public static ReviewItem item(ScreeningDecision decision) {
    ReviewCase c = reviewCase(decision);
    return ReviewItem.newBuilder()
        .setTransactionId(c.transactionId())
        .setDecision(
            io.screener.avro.internal.ReviewCase.newBuilder()
                .setPayeeId(c.payeeId())
                .setPayerId(c.payerId())
                .setStruck(c.struck())
                .setReasonCodes(c.reasonCodes())
                .setEventTime(c.eventTime())
                .build())
        .build();
  }

  public static ReviewItem item(ReviewVerdict verdict) {
    return ReviewItem.newBuilder()
        .setTransactionId(verdict.getTransactionId())
        .setVerdict(verdict)
        .build();
  }

  public static ReviewCase reviewCase(ReviewItem item) {
    io.screener.avro.internal.ReviewCase c = item.getDecision();
    return new ReviewCase(
        item.getTransactionId(),
        c.getPayeeId(),
        c.getPayerId(),
        c.getStruck(),
        c.getReasonCodes(),
        c.getEventTime(),
        null);
  }

  public static Verdict verdict(ReviewVerdict verdict) {
    return Verdict.valueOf(verdict.getVerdict().name());
  }

  public static EnforcementEvent event(AccountEvent e) {
    return EnforcementEvent.newBuilder()
        .setAccountId(e.accountId())
        .setTransactionId(e.transactionId())
        .setKind(EnforcementKind.valueOf(e.kind().name()))
        .setPayee(e.payee())
        .setStruck(e.struck())
        .setReasonCodes(e.reasonCodes())
        .setTime(e.time())
        .build();
  }

  public static AccountEvent event(EnforcementEvent e) {
    return new AccountEvent(
        e.getAccountId(),
        e.getTransactionId(),
        AccountEvent.Kind.valueOf(e.getKind().name()),
        e.getPayee(),
        e.getStruck(),
        e.getReasonCodes(),
        e.getTime());
  }

  /**
   * What the reputation feeds register the account as: a licensed partner (either feed), an
   * ordinary merchant (the merchant feed), or neither (null: no entry).
   */
  public static Registration registration(
      @Nullable CounterpartyReputation counterparty, @Nullable MerchantReputation merchant) {
    if ((counterparty != null
            && counterparty.getCategory() == io.screener.avro.CounterpartyCategory.LICENSED_PARTNER)
        || (merchant != null && merchant.getCategory() == MerchantCategory.LICENSED_PARTNER)) {
      return Registration.LICENSED_PARTNER;
    }
    return merchant != null && merchant.getCategory() == MerchantCategory.ORDINARY
        ? Registration.ORDINARY_MERCHANT
        : Registration.NONE;
  }

  /** Null in, null out. */
  public static @Nullable Reputation reputation(@Nullable CounterpartyReputation r) {
    return r == null
        ? null
        : new Reputation(
            CounterpartyCategory.valueOf(r.getCategory().name()),
            r.getRiskScore(),
            r.getReports(),
            r.getUpdatedAt().toEpochMilli());
  }

  public static CounterpartyReputation reputation(String accountId, Reputation r) {
    return CounterpartyReputation.newBuilder()
        .setAccountId(accountId)
        .setCategory(io.screener.avro.CounterpartyCategory.valueOf(r.category().name()))
        .setRiskScore(r.riskScore())
        .setReports(r.reports())
        .setUpdatedAt(Instant.ofEpochMilli(r.updatedAt()))
        .build();
  }
}
