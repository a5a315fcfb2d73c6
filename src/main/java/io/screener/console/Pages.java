package io.screener.console;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the console's pages show: plain values the templates (src/main/jte) print. */
public final class Pages {
  private Pages() {}

  /** One reason of a decision: its code, its meaning in words, the scorer's detail, its points. */
  public record ReasonLine(String code, String words, String detail, int points) {}

  /** The payment behind a decision, formatted for reading. */
  public record PaymentLine(
      String time,
      String type,
      String amount,
      String payerId,
      String payeeId,
      String payeeType,
      @Nullable String merchantName,
      @Nullable String mcc,
      @Nullable String memo,
      @Nullable String channel,
      @Nullable String deviceId) {}

  /**
   * An account's place on the ladder and in the reputation feed, as far as the console has read.
   *
   * @param status ACTIVE, WARNED, RESTRICTED or BANNED
   * @param deadline while WARNED, when it must have rectified by; else null
   * @param reputation the counterparty reputation entry in words, or null when there is none
   */
  public record Standing(
      String accountId,
      String status,
      int strikePoints,
      int strikes,
      @Nullable String deadline,
      @Nullable String reputation) {}

  /** Where an analyst's verdict on a payment stands. */
  public enum VerdictState {
    /** No verdict yet. */
    NONE,
    /** Written to review-verdicts; the screener's review ledger has not shown it yet. */
    SENT,
    /** The screener's review ledger holds it: the accounts have been moved by it. */
    APPLIED,
    /** The screener refused it (dead-letter topic), with its reason. */
    REJECTED
  }

  /** The latest verdict on a payment and how far it got. */
  public record VerdictView(
      VerdictState state,
      @Nullable String kind,
      @Nullable String analyst,
      @Nullable String note,
      @Nullable String decidedAt,
      @Nullable String problem) {
    static final VerdictView NONE =
        new VerdictView(VerdictState.NONE, null, null, null, null, null);

    public boolean pending() {
      return state == VerdictState.SENT;
    }

    public String label() {
      return switch (state) {
        case NONE -> "open";
        case SENT -> "sent, waiting for the screener";
        case APPLIED -> "applied";
        case REJECTED -> "rejected by the screener";
      };
    }

    public String kindWords() {
      if (kind == null) {
        return "";
      }
      return kind.equals("CONFIRMED_CRYPTO") ? "confirmed crypto" : "false positive";
    }
  }

  /** One flagged or blocked payment in the queue, with everything the analyst decides on. */
  public record QueueEntry(
      String transactionId,
      String decision,
      int score,
      @Nullable String category,
      List<ReasonLine> reasons,
      PaymentLine payment,
      String decidedAt,
      String configVersion,
      Standing payer,
      Standing payee,
      VerdictView verdict) {}

  /** The queue page: the entries shown, the filters in force and the choices for them. */
  public record QueuePage(
      List<QueueEntry> entries,
      int matching,
      int kept,
      QueueQuery query,
      List<String> categories,
      List<String> reasonCodes,
      Frame frame) {}

  /** One payment's page. */
  public record PaymentPage(QueueEntry entry, Frame frame) {}

  /** One live strike on an account's ladder. */
  public record StrikeLine(
      String transactionId,
      String time,
      int points,
      List<String> reasonCodes,
      boolean banWorthy,
      boolean known) {}

  /** One status change from account-actions. */
  public record ActionLine(
      String at,
      String from,
      String to,
      String trigger,
      int strikePoints,
      List<String> transactionIds,
      List<String> restrictedFunctions,
      @Nullable String deadline) {}

  /**
   * An account's page.
   *
   * @param since when the current status began (the ladder's record), or null
   * @param ledger whether the screener's ladder holds a record of the account (live strikes)
   */
  public record AccountPage(
      Standing standing,
      @Nullable String since,
      int banWorthyPoints,
      boolean ledger,
      List<StrikeLine> strikes,
      List<ActionLine> history,
      List<QueueEntry> payments,
      Frame frame) {}

  /**
   * What every page's frame shows: who is signed in (null: sign-in is off, the form asks), the form
   * token, and how far the console has read.
   */
  public record Frame(@Nullable String analyst, String token, String status) {}

  /**
   * What the shadow rules changed, as far as the console has read {@code payments-shadow-diff}
   * (from {@code review.retention} ago): the moved payments counted by shadow version and decision
   * pair, and the latest of them.
   */
  public record ShadowPage(List<ShadowCount> counts, List<ShadowMove> latest, Frame frame) {
    public long moved() {
      return counts.stream().mapToLong(ShadowCount::payments).sum();
    }
  }

  /**
   * Payments the shadow version would have decided {@code shadow} where the live rules {@code
   * live}.
   */
  public record ShadowCount(
      String shadowVersion, String liveVersion, String live, String shadow, long payments) {}

  /** One moved payment: both outcomes, the shadow's reasons in words. */
  public record ShadowMove(
      String transactionId,
      PaymentLine payment,
      String shadowVersion,
      String live,
      int liveScore,
      String shadow,
      int shadowScore,
      List<ReasonLine> liveReasons,
      List<ReasonLine> shadowReasons,
      String decidedAt) {}
}
