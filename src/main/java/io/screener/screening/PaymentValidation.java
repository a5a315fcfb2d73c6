package io.screener.screening;

import io.screener.avro.PaymentEvent;
import io.screener.avro.ReviewVerdict;
import io.screener.config.ScreenerSettings.Validation;
import io.screener.domain.enforcement.ReviewCase;
import java.time.Instant;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a decoded payment (or an analyst's verdict) is usable. Returns the first problem as a
 * sentence, or null. Used by the service's processors and the offline replay alike.
 */
public final class PaymentValidation {
  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private final Validation limits;

  public PaymentValidation(Validation limits) {
    this.limits = limits;
  }

  /**
   * Why an analyst's verdict cannot be applied, or null. {@code reviewed} is the flagged or blocked
   * payment it names, null when none is kept. A verdict dated more than {@code max-future-skew}
   * ahead of now is refused too: it would move the account's ladder clock (strike expiry,
   * deadlines) ahead.
   */
  public @Nullable String problem(
      ReviewVerdict v, @Nullable ReviewCase reviewed, long wallClockMillis) {
    String problem = time("decidedAt", v.getDecidedAt(), wallClockMillis);
    if (problem == null && reviewed == null) {
      problem =
          "transactionId "
              + v.getTransactionId()
              + " names no flagged or blocked payment within review.retention";
    }
    return problem;
  }

  /**
   * Why a record's time is unusable, or null: before {@code validation.earliest-event-time}, or
   * more than {@code validation.max-future-skew} ahead of now. The same bounds hold for payments,
   * verdicts, quotes and account actions: the screener stamps records with these times, and neither
   * a negative timestamp nor one the broker refuses as too far ahead may reach a producer.
   */
  public @Nullable String time(String field, Instant time, long wallClockMillis) {
    if (time.isBefore(limits.earliestEventTime())) {
      return field + " " + time + " is before " + limits.earliestEventTime();
    }
    return ahead(field, time, wallClockMillis);
  }

  /**
   * Why a time is unusable for being more than {@code validation.max-future-skew} ahead of now, or
   * null.
   */
  public @Nullable String ahead(String field, Instant time, long wallClockMillis) {
    if (time.toEpochMilli() > wallClockMillis + limits.maxFutureSkew().toMillis()) {
      return field + " " + time + " is more than " + limits.maxFutureSkew() + " ahead of now";
    }
    return null;
  }

  /** Why a text field is unusable (longer than {@code validation.max-id-chars}), or null. */
  public @Nullable String shortText(String field, String value) {
    return value != null && value.length() > limits.maxIdChars()
        ? field + " is longer than " + limits.maxIdChars() + " characters"
        : null;
  }

  /** Why free text is unusable (longer than {@code validation.max-memo-chars}), or null. */
  public @Nullable String longText(String field, String value) {
    return text(field, value);
  }

  /**
   * What is wrong with the payment, or null when it can be screened.
   *
   * @param wallClockMillis now, from the processing context (mockable, so tests are exact)
   */
  public @Nullable String problem(PaymentEvent p, long wallClockMillis) {
    String problem = id("transactionId", p.getTransactionId());
    if (problem == null) {
      problem = id("payerId", p.getPayerId());
    }
    if (problem == null) {
      problem = id("payeeId", p.getPayeeId());
    }
    if (problem != null) {
      return problem;
    }
    if (p.getAmountMinor() <= 0) {
      return "amountMinor must be positive, was " + p.getAmountMinor();
    }
    if (p.getAmountMinor() > limits.maxAmountMinor()) {
      return "amountMinor "
          + p.getAmountMinor()
          + " is above validation.max-amount-minor ("
          + limits.maxAmountMinor()
          + ")";
    }
    if (!CURRENCIES.contains(p.getCurrency())) {
      return "currency is not an ISO 4217 code: '" + abbreviate(p.getCurrency()) + "'";
    }
    problem = time("eventTime", p.getEventTime(), wallClockMillis);
    if (problem != null) {
      return problem;
    }
    if (p.getMcc() != null && !isMcc(p.getMcc())) {
      return "mcc is not four digits: '" + abbreviate(p.getMcc()) + "'";
    }
    problem = text("memo", p.getMemo());
    if (problem == null) {
      problem = text("merchantName", p.getMerchantName());
    }
    if (problem == null) {
      problem = text("channel", p.getChannel());
    }
    if (problem == null) {
      problem = id("deviceId", p.getDeviceId(), true);
    }
    return problem;
  }

  private @Nullable String id(String field, String value) {
    return id(field, value, false);
  }

  private @Nullable String id(String field, String value, boolean optional) {
    if (value == null || value.isBlank()) {
      return optional && value == null ? null : field + " is missing";
    }
    if (value.length() > limits.maxIdChars()) {
      return field + " is longer than " + limits.maxIdChars() + " characters";
    }
    return null;
  }

  private @Nullable String text(String field, String value) {
    if (value != null && value.length() > limits.maxMemoChars()) {
      return field
          + " is longer than "
          + limits.maxMemoChars()
          + " characters ("
          + value.length()
          + ")";
    }
    return null;
  }

  /**
   * Four ASCII digits (a merchant category code); without a regex, since every merchant payment is
   * checked.
   */
  private static boolean isMcc(String value) {
    if (value.length() != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String value) {
    return value.length() <= 16 ? value : value.substring(0, 16) + "...";
  }
}
