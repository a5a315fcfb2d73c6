package io.screener.console;

import io.screener.avro.AccountAction;
import io.screener.avro.CounterpartyReputation;
import io.screener.avro.PaymentEvent;
import io.screener.avro.Reason;
import io.screener.avro.ReviewVerdict;
import io.screener.avro.ScreeningDecision;
import io.screener.avro.ShadowDiff;
import io.screener.console.Pages.AccountPage;
import io.screener.console.Pages.ActionLine;
import io.screener.console.Pages.Frame;
import io.screener.console.Pages.PaymentLine;
import io.screener.console.Pages.QueueEntry;
import io.screener.console.Pages.QueuePage;
import io.screener.console.Pages.ReasonLine;
import io.screener.console.Pages.ShadowCount;
import io.screener.console.Pages.ShadowMove;
import io.screener.console.Pages.ShadowPage;
import io.screener.console.Pages.Standing;
import io.screener.console.Pages.StrikeLine;
import io.screener.console.Pages.VerdictState;
import io.screener.console.Pages.VerdictView;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.ReviewCase;
import io.screener.domain.enforcement.Strike;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the console knows, read from the topics: the newest flagged and blocked payments, each
 * account's status changes, ladder and reputation, the verdicts written and what the screener's
 * review ledger made of them. Every map is bounded ({@code console.queue-size}, {@code
 * console.max-accounts}). The feed thread writes, the web server's threads read: every method holds
 * this object's lock, and the pages it hands out are copies.
 */
public final class ConsoleState {
  /** Status changes kept per account (account-actions is compacted: older ones may be gone). */
  static final int HISTORY_PER_ACCOUNT = 50;

  /** Moved payments the shadow page shows, newest first. */
  static final int SHADOW_LATEST = 50;

  /** Shadow version and decision pairs counted; a long history of versions keeps the newest. */
  static final int SHADOW_PAIRS = 200;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final BoundedMap<String, ScreeningDecision> decisions;
  private final BoundedMap<String, Deque<AccountAction>> actions;
  private final BoundedMap<String, AccountAction> latestAction;
  private final BoundedMap<String, CounterpartyReputation> reputations;
  private final BoundedMap<String, EnforcementState> ladders;
  private final BoundedMap<String, ReviewCase> ledger;
  private final BoundedMap<String, ReviewVerdict> verdicts;
  private final BoundedMap<String, Rejection> rejections;
  private final BoundedMap<ShadowPair, Long> shadowCounts = new BoundedMap<>(SHADOW_PAIRS);
  private final Deque<ShadowDiff> shadowLatest = new ArrayDeque<>();
  private String readStatus = "starting";

  /** A shadow version's decision pair: live rules {@code live}, shadow {@code shadow}. */
  private record ShadowPair(String shadowVersion, String liveVersion, String live, String shadow) {}

  /** A verdict the screener sent to the dead-letter topic, and why. */
  record Rejection(String kind, Instant decidedAt, String reason) {}

  public ConsoleState(int queueSize, int maxAccounts) {
    decisions = new BoundedMap<>(queueSize);
    actions = new BoundedMap<>(maxAccounts);
    latestAction = new BoundedMap<>(maxAccounts);
    reputations = new BoundedMap<>(maxAccounts);
    ladders = new BoundedMap<>(maxAccounts);
    ledger = new BoundedMap<>(Math.max(queueSize, maxAccounts));
    verdicts = new BoundedMap<>(Math.max(queueSize, maxAccounts));
    rejections = new BoundedMap<>(queueSize);
  }

  // ---- what the feed reads -------------------------------------------------------------------

  /** A payment the shadow rules would have decided otherwise. */
  public synchronized void shadowDiff(ShadowDiff diff) {
    ShadowPair pair =
        new ShadowPair(
            diff.getShadow().getConfigVersion(),
            diff.getLive().getConfigVersion(),
            diff.getLive().getDecision().name(),
            diff.getShadow().getDecision().name());
    Long counted = shadowCounts.get(pair);
    shadowCounts.put(pair, counted == null ? 1 : counted + 1);
    shadowLatest.addFirst(diff);
    if (shadowLatest.size() > SHADOW_LATEST) {
      shadowLatest.removeLast();
    }
  }

  /** A flagged or blocked decision (a cleared one is ignored). */
  public synchronized void decision(ScreeningDecision decision) {
    if (decision.getDecision() == io.screener.avro.Decision.CLEAR) {
      return;
    }
    decisions.write(decision.getTransactionId(), decision);
  }

  /** A status change of an account, or its tombstone (null: forgotten, so ACTIVE). */
  public synchronized void action(String accountId, @Nullable AccountAction action) {
    if (action == null) {
      latestAction.remove(accountId);
      return;
    }
    latestAction.write(accountId, action);
    Deque<AccountAction> history = actions.get(accountId);
    if (history == null) {
      history = new ArrayDeque<>();
    }
    history.addLast(action);
    while (history.size() > HISTORY_PER_ACCOUNT) {
      history.removeFirst();
    }
    actions.write(accountId, history);
  }

  /** An account's counterparty reputation entry, or its tombstone. */
  public synchronized void reputation(String accountId, @Nullable CounterpartyReputation entry) {
    if (entry == null) {
      reputations.remove(accountId);
    } else {
      reputations.write(accountId, entry);
    }
  }

  /** The screener's ladder record of an account (its store's changelog), or its deletion. */
  public synchronized void ladder(String accountId, @Nullable EnforcementState state) {
    if (state == null) {
      ladders.remove(accountId);
    } else {
      ladders.write(accountId, state);
    }
  }

  /** The screener's review ledger's record of a payment (its store's changelog), or deletion. */
  public synchronized void ledger(String transactionId, @Nullable ReviewCase reviewCase) {
    if (reviewCase == null) {
      ledger.remove(transactionId);
    } else {
      ledger.write(transactionId, reviewCase);
    }
  }

  /** A verdict on review-verdicts (or just written by this console): the later one stands. */
  public synchronized void verdict(ReviewVerdict verdict) {
    ReviewVerdict known = verdicts.get(verdict.getTransactionId());
    if (known == null || !verdict.getDecidedAt().isBefore(known.getDecidedAt())) {
      verdicts.write(verdict.getTransactionId(), verdict);
    }
  }

  /** A verdict the screener refused, with the reason on its dead letter. */
  public synchronized void rejected(ReviewVerdict verdict, String reason) {
    rejections.write(
        verdict.getTransactionId(),
        new Rejection(verdict.getVerdict().name(), verdict.getDecidedAt(), reason));
  }

  /** How far the feed has read, for the pages' footer. */
  public synchronized void readStatus(String status) {
    readStatus = status;
  }

  // ---- what the pages and the verdict writer ask --------------------------------------------

  public synchronized boolean knows(String transactionId) {
    return decisions.containsKey(transactionId);
  }

  /** The verdict standing for a payment: on the topic or just written here; null if none. */
  public synchronized @Nullable ReviewVerdict latestVerdict(String transactionId) {
    return verdicts.get(transactionId);
  }

  public synchronized String readStatus() {
    return readStatus;
  }

  /** The queue as {@code query} filters and orders it. */
  public synchronized QueuePage queue(QueueQuery query, Frame frame) {
    List<ScreeningDecision> matching = new ArrayList<>();
    TreeSet<String> categories = new TreeSet<>();
    TreeSet<String> codes = new TreeSet<>();
    for (ScreeningDecision d : decisions.values()) {
      if (d.getCategory() != null) {
        categories.add(d.getCategory().name());
      }
      d.getReasons().forEach(r -> codes.add(r.getCode()));
      if (matches(d, query)
          && (!query.open() || verdictView(d.getTransactionId()).state() == VerdictState.NONE)) {
        matching.add(d);
      }
    }
    Comparator<ScreeningDecision> newest =
        Comparator.comparing(ScreeningDecision::getDecidedAt)
            .thenComparing(d -> d.getPayment().getEventTime());
    matching.sort(
        query.byScore()
            ? Comparator.comparingInt(ScreeningDecision::getScore).thenComparing(newest).reversed()
            : newest.reversed());
    List<QueueEntry> entries = new ArrayList<>();
    for (ScreeningDecision d : matching.subList(0, Math.min(query.limit(), matching.size()))) {
      entries.add(entry(d));
    }
    return new QueuePage(
        entries,
        matching.size(),
        decisions.size(),
        query,
        List.copyOf(categories),
        List.copyOf(codes),
        frame);
  }

  /** One payment's entry, or null when the console does not keep it. */
  public synchronized @Nullable QueueEntry payment(String transactionId) {
    ScreeningDecision d = decisions.get(transactionId);
    return d == null ? null : entry(d);
  }

  /** An account's page. Any id has one: an account nothing is known of is ACTIVE. */
  public synchronized AccountPage account(String accountId, Frame frame) {
    EnforcementState ladder = ladders.get(accountId);
    List<StrikeLine> strikes = new ArrayList<>();
    if (ladder != null) {
      for (Strike s : ladder.strikes()) {
        strikes.add(
            new StrikeLine(
                s.transactionId(),
                time(s.time()),
                s.points(),
                s.reasonCodes(),
                s.banWorthy(),
                decisions.containsKey(s.transactionId())));
      }
    }
    List<ActionLine> history = new ArrayList<>();
    Deque<AccountAction> known = actions.get(accountId);
    if (known != null) {
      known.descendingIterator().forEachRemaining(a -> history.add(line(a)));
    }
    List<QueueEntry> payments = new ArrayList<>();
    decisions.values().stream()
        .filter(
            d ->
                d.getPayment().getPayeeId().equals(accountId)
                    || d.getPayment().getPayerId().equals(accountId))
        .sorted(Comparator.comparing(ScreeningDecision::getDecidedAt).reversed())
        .limit(QueueQuery.DEFAULT_LIMIT)
        .forEach(d -> payments.add(entry(d)));
    return new AccountPage(
        standing(accountId),
        ladder == null || ladder.since() == Long.MIN_VALUE ? null : time(ladder.since()),
        ladder == null ? 0 : ladder.banWorthyPoints(),
        ladder != null,
        strikes,
        history,
        payments,
        frame);
  }

  /** The shadow page: counts by version and pair (most moved first), then the latest moves. */
  public synchronized ShadowPage shadow(Frame frame) {
    List<ShadowCount> counts = new ArrayList<>();
    shadowCounts.forEach(
        (pair, n) ->
            counts.add(
                new ShadowCount(
                    pair.shadowVersion(), pair.liveVersion(), pair.live(), pair.shadow(), n)));
    counts.sort(
        Comparator.comparing(ShadowCount::shadowVersion)
            .thenComparing(Comparator.comparingLong(ShadowCount::payments).reversed()));
    List<ShadowMove> latest = new ArrayList<>(shadowLatest.size());
    for (ShadowDiff d : shadowLatest) {
      latest.add(
          new ShadowMove(
              d.getTransactionId(),
              paymentLine(d.getPayment()),
              d.getShadow().getConfigVersion(),
              d.getLive().getDecision().name(),
              d.getLive().getScore(),
              d.getShadow().getDecision().name(),
              d.getShadow().getScore(),
              reasonLines(d.getLive().getReasons()),
              reasonLines(d.getShadow().getReasons()),
              time(d.getDecidedAt())));
    }
    return new ShadowPage(List.copyOf(counts), List.copyOf(latest), frame);
  }

  /**
   * An account's standing: the screener's ladder record when the console has it (live strikes,
   * written with every move), else its latest status change, else ACTIVE.
   */
  synchronized Standing standing(String accountId) {
    CounterpartyReputation r = reputations.get(accountId);
    String reputation =
        r == null
            ? null
            : r.getCategory().name()
                + ", risk "
                + r.getRiskScore()
                + ", "
                + r.getReports()
                + (r.getReports() == 1 ? " report" : " reports");
    EnforcementState ladder = ladders.get(accountId);
    if (ladder != null) {
      return new Standing(
          accountId,
          ladder.status().name(),
          ladder.points(),
          ladder.strikes().size(),
          ladder.deadline() < 0 ? null : time(ladder.deadline()),
          reputation);
    }
    AccountAction action = latestAction.get(accountId);
    if (action != null) {
      return new Standing(
          accountId,
          action.getStatus().name(),
          action.getStrikePoints(),
          action.getTransactionIds().size(),
          action.getDeadline() == null ? null : time(action.getDeadline()),
          reputation);
    }
    return new Standing(accountId, "ACTIVE", 0, 0, null, reputation);
  }

  /**
   * Where the verdict on a payment stands: applied once the screener's review ledger records it,
   * rejected if the screener dead-lettered it, sent in between.
   */
  synchronized VerdictView verdictView(String transactionId) {
    ReviewVerdict latest = verdicts.get(transactionId);
    ReviewCase onLedger = ledger.get(transactionId);
    String ledgerVerdict =
        onLedger == null || onLedger.verdict() == null
            ? null
            : Objects.requireNonNull(onLedger.verdict()).name();
    if (latest == null) {
      // A verdict older than the console's look-back, still on the ledger.
      return ledgerVerdict == null
          ? VerdictView.NONE
          : new VerdictView(VerdictState.APPLIED, ledgerVerdict, null, null, null, null);
    }
    String kind = latest.getVerdict().name();
    VerdictState state;
    String problem = null;
    Rejection rejection = rejections.get(transactionId);
    if (kind.equals(ledgerVerdict)) {
      state = VerdictState.APPLIED;
    } else if (rejection != null
        && rejection.kind().equals(kind)
        && rejection.decidedAt().equals(latest.getDecidedAt())) {
      state = VerdictState.REJECTED;
      problem = rejection.reason();
    } else {
      state = VerdictState.SENT;
    }
    return new VerdictView(
        state, kind, latest.getAnalyst(), latest.getNote(), time(latest.getDecidedAt()), problem);
  }

  private QueueEntry entry(ScreeningDecision d) {
    PaymentEvent p = d.getPayment();
    return new QueueEntry(
        d.getTransactionId(),
        d.getDecision().name(),
        d.getScore(),
        d.getCategory() == null ? null : d.getCategory().name(),
        reasonLines(d.getReasons()),
        paymentLine(p),
        time(d.getDecidedAt()),
        d.getConfigVersion(),
        standing(p.getPayerId()),
        standing(p.getPayeeId()),
        verdictView(d.getTransactionId()));
  }

  private static List<ReasonLine> reasonLines(List<Reason> given) {
    List<ReasonLine> reasons = new ArrayList<>(given.size());
    for (Reason r : given) {
      reasons.add(
          new ReasonLine(r.getCode(), ReasonWords.of(r.getCode()), r.getDetail(), r.getPoints()));
    }
    return reasons;
  }

  private static PaymentLine paymentLine(PaymentEvent p) {
    return new PaymentLine(
        time(p.getEventTime()),
        p.getType().name(),
        amount(p.getAmountMinor(), p.getCurrency()),
        p.getPayerId(),
        p.getPayeeId(),
        p.getPayeeType().name(),
        p.getMerchantName(),
        p.getMcc(),
        p.getMemo(),
        p.getChannel(),
        p.getDeviceId());
  }

  private static boolean matches(ScreeningDecision d, QueueQuery query) {
    if (!query.decision().isEmpty() && !d.getDecision().name().equals(query.decision())) {
      return false;
    }
    if (!query.category().isEmpty()
        && (d.getCategory() == null || !d.getCategory().name().equals(query.category()))) {
      return false;
    }
    if (!query.reason().isEmpty()
        && d.getReasons().stream().noneMatch(r -> r.getCode().equals(query.reason()))) {
      return false;
    }
    return true;
  }

  private static ActionLine line(AccountAction a) {
    return new ActionLine(
        time(a.getDecidedAt()),
        a.getPreviousStatus().name(),
        a.getStatus().name(),
        a.getTrigger().name(),
        a.getStrikePoints(),
        List.copyOf(a.getTransactionIds()),
        List.copyOf(a.getRestrictedFunctions()),
        a.getDeadline() == null ? null : time(a.getDeadline()));
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  static String time(long epochMillis) {
    if (epochMillis == Long.MAX_VALUE) {
      return "never";
    }
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 1,234.50 CNY}: minor units in hundredths, as CNY and most currencies have. */
  static String amount(long minor, String currency) {
    String sign = minor < 0 ? "-" : "";
    long abs = Math.abs(minor);
    return String.format(Locale.ROOT, "%s%,d.%02d %s", sign, abs / 100, abs % 100, currency);
  }
}
