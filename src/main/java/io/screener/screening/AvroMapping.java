package io.screener.screening;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.RulesOutcome;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.domain.BehaviourFeatures;
import io.screener.domain.CounterpartyCategory;
import io.screener.domain.CounterpartyProfile;
import io.screener.domain.MerchantCategory;
import io.screener.domain.MerchantProfile;
import io.screener.domain.PayeeType;
import io.screener.domain.Payment;
import io.screener.domain.PaymentType;
import io.screener.domain.Reason;
import io.screener.domain.Screening;
import io.screener.domain.ScreeningInput;
import io.screener.domain.signal.QuoteMatchSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the wire records and the domain's plain values. Enum constants share names on
 * both sides; a test holds them in step.
 */
public final class AvroMapping {
  private static final String USDT = "USDT";
  private static final String BTC = "BTC";
  // Constants by the other side's ordinal: a look-up per payment where valueOf(name()) would hash.
  private static final PaymentType[] PAYMENT_TYPES =
      byOrdinal(io.screener.avro.PaymentType.values(), PaymentType.class);
  private static final PayeeType[] PAYEE_TYPES =
      byOrdinal(io.screener.avro.PayeeType.values(), PayeeType.class);
  private static final MerchantCategory[] MERCHANT_CATEGORIES =
      byOrdinal(io.screener.avro.MerchantCategory.values(), MerchantCategory.class);
  private static final CounterpartyCategory[] COUNTERPARTY_CATEGORIES =
      byOrdinal(io.screener.avro.CounterpartyCategory.values(), CounterpartyCategory.class);
  private static final io.screener.avro.Decision[] DECISIONS =
      byOrdinal(io.screener.domain.Decision.values(), io.screener.avro.Decision.class);
  private static final io.screener.avro.PolicyCategory[] POLICY_CATEGORIES =
      byOrdinal(io.screener.domain.PolicyCategory.values(), io.screener.avro.PolicyCategory.class);

  private AvroMapping() {}

  /**
   * Everything the scorer needs about a payment: the payment, its behaviour features, the
   * reputation and latest account actions joined to it (null: no entry) and the USDT and BTC quotes
   * in force at its event time ({@link #quotes}).
   */
  public static ScreeningInput input(
      PaymentEvent event,
      BehaviourFeatures features,
      @Nullable MerchantReputation merchant,
      @Nullable CounterpartyReputation payer,
      @Nullable CounterpartyReputation payee,
      @Nullable AccountAction payerAction,
      @Nullable AccountAction payeeAction,
      PaymentQuotes quotes) {
    Payment payment = payment(event);
    return new ScreeningInput(
        payment,
        merchant(merchant),
        counterparty(payer),
        counterparty(payee),
        quotes.usdt(),
        quotes.btc(),
        features,
        EnforcementMapping.standing(payerAction),
        EnforcementMapping.standing(payeeAction));
  }

  /**
   * The USDT and BTC quotes in force at the payment's event time, looked up only for the payments
   * {@link QuoteMatchSignal} prices (a look-up costs more than the rest of that signal).
   */
  public static PaymentQuotes quotes(PaymentEvent event, QuoteSource source) {
    if (!Payment.personToPerson(
        PAYMENT_TYPES[event.getType().ordinal()], PAYEE_TYPES[event.getPayeeType().ordinal()])) {
      return PaymentQuotes.NONE;
    }
    long time = event.getEventTime().toEpochMilli();
    return new PaymentQuotes(
        source.at(USDT, event.getCurrency(), time), source.at(BTC, event.getCurrency(), time));
  }

  public static Payment payment(PaymentEvent p) {
    return new Payment(
        p.getTransactionId(),
        p.getEventTime().toEpochMilli(),
        PAYMENT_TYPES[p.getType().ordinal()],
        p.getPayerId(),
        p.getPayeeId(),
        PAYEE_TYPES[p.getPayeeType().ordinal()],
        p.getAmountMinor(),
        p.getCurrency(),
        p.getMerchantName(),
        p.getMcc(),
        p.getMemo(),
        p.getChannel(),
        p.getDeviceId());
  }

  /**
   * Null in, null out: no entry in the feed. Feed records reach here validated ({@link
   * FeedValidation}): risk 0-100, reports not negative.
   */
  public static @Nullable MerchantProfile merchant(@Nullable MerchantReputation m) {
    if (m == null) {
      return null;
    }
    return new MerchantProfile(
        MERCHANT_CATEGORIES[m.getCategory().ordinal()], m.getRiskScore(), m.getSource());
  }

  /** Null in, null out: no entry in the feed. */
  public static @Nullable CounterpartyProfile counterparty(@Nullable CounterpartyReputation c) {
    if (c == null) {
      return null;
    }
    return new CounterpartyProfile(
        COUNTERPARTY_CATEGORIES[c.getCategory().ordinal()], c.getRiskScore(), c.getReports());
  }

  public static ScreeningDecision decision(
      PaymentEvent payment, Screening screening, String configVersion, long decidedAtMillis) {
    return new ScreeningDecision(
        payment.getTransactionId(),
        DECISIONS[screening.decision().ordinal()],
        screening.score(),
        category(screening),
        reasons(screening),
        payment,
        configVersion,
        Instant.ofEpochMilli(decidedAtMillis));
  }

  /**
   * A payment the shadow rules decide otherwise than the live ones: both outcomes, each with the
   * version that produced it.
   */
  public static ShadowDiff shadowDiff(
      PaymentEvent payment,
      Screening live,
      String liveVersion,
      Screening shadow,
      String shadowVersion,
      long decidedAtMillis) {
    return new ShadowDiff(
        payment.getTransactionId(),
        payment,
        outcome(live, liveVersion),
        outcome(shadow, shadowVersion),
        Instant.ofEpochMilli(decidedAtMillis));
  }

  private static RulesOutcome outcome(Screening screening, String configVersion) {
    return new RulesOutcome(
        DECISIONS[screening.decision().ordinal()],
        screening.score(),
        category(screening),
        reasons(screening),
        configVersion);
  }

  private static io.screener.avro.@Nullable PolicyCategory category(Screening screening) {
    return screening.category() == null ? null : POLICY_CATEGORIES[screening.category().ordinal()];
  }

  private static List<io.screener.avro.Reason> reasons(Screening screening) {
    List<Reason> found = screening.reasons();
    // Most payments have no reason: they share the empty list.
    List<io.screener.avro.Reason> reasons =
        found.isEmpty() ? List.of() : new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      Reason reason = found.get(i);
      reasons.add(
          new io.screener.avro.Reason(reason.code().name(), reason.points(), reason.detail()));
    }
    return reasons;
  }

  /**
   * The constants of {@code to} named as {@code from}'s, indexed by {@code from}'s ordinals; fails
   * at class initialisation when a name has no counterpart.
   */
  private static <T extends Enum<T>> T[] byOrdinal(Enum<?>[] from, Class<T> to) {
    @SuppressWarnings("unchecked")
    T[] mapped = (T[]) java.lang.reflect.Array.newInstance(to, from.length);
    for (Enum<?> constant : from) {
      mapped[constant.ordinal()] = Enum.valueOf(to, constant.name());
    }
    return mapped;
  }
}
