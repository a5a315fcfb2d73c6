package io.screener.topology;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.internal.EnforcementEvent;
import io.screener.domain.enforcement.AccountEvent;
import io.screener.domain.enforcement.EnforcementLadder;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.Reputation;
import io.screener.domain.enforcement.StatusChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Moves accounts along the enforcement ladder ({@link EnforcementLadder}), keyed by account, in
 * event time. Emits each status change as an {@code AccountAction} and each verdict's reputation
 * feedback as a {@code CounterpartyReputation}; a sweep every {@code state.sweep-interval} of stream
 * time applies deadlines and expiries to accounts that see no events, reading only the accounts
 * whose next deadline, expiry or forgetting is due (an in-memory index of due times, built by one
 * full sweep after each start and each rules change). An account forgotten (ACTIVE,
 * nothing left on record) gets a tombstone on account-actions. Licensed partners (by the reputation
 * feeds) take no strikes.
 */
final class EnforcementProcessor implements Processor<String, EnforcementEvent, String, SpecificRecord> {
  private final ActiveRules rules;
  private final Duration sweepInterval;
  private final ScreeningEvents events;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, EnforcementState> accounts;
  private TimestampedKeyValueStore<String, CounterpartyReputation> counterparties;
  private TimestampedKeyValueStore<String, MerchantReputation> merchants;
  // Accounts by the stream time from which a sweep has something to do for them (a deadline, a
  // strike's expiry, forgetting an idle account), so that a sweep reads only those. Built by one full
  // sweep after the task starts and after each rules change (due times depend on the rules).
  private final NavigableMap<Long, Set<String>> dueAt = new TreeMap<>();
  private final Map<String, Long> dueOf = new HashMap<>();
  private ActiveRules.Version indexedFor;

  EnforcementProcessor(ActiveRules rules, Duration sweepInterval, ScreeningEvents events) {
    this.rules = rules;
    this.sweepInterval = sweepInterval;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.accounts = context.getStateStore(ScreenerTopology.ENFORCEMENT_STORE);
    this.counterparties = context.getStateStore(ScreenerTopology.COUNTERPARTY_STORE);
    this.merchants = context.getStateStore(ScreenerTopology.MERCHANT_STORE);
    context.schedule(sweepInterval, PunctuationType.STREAM_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, EnforcementEvent> record) {
    ActiveRules.Version version = rules.current();
    AccountEvent event = EnforcementMapping.event(record.value());
    String account = event.accountId();
    EnforcementState state = accounts.get(account);
    CounterpartyReputation feed = value(counterparties.get(account));
    EnforcementLadder.Outcome outcome =
        version
            .ladder()
            .apply(
                state == null ? EnforcementState.NEW : state,
                event,
                EnforcementMapping.registration(feed, value(merchants.get(account))),
                EnforcementMapping.reputation(feed));
    emit(account, outcome.changes(), version);
    save(account, state != null, outcome.state(), record.timestamp(), version.ladder());
    Reputation reputation = outcome.reputation();
    if (reputation != null) {
      context.forward(
          new Record<String, SpecificRecord>(
              account, EnforcementMapping.reputation(account, reputation), reputation.updatedAt()));
    }
  }

  private void sweep(long streamTime) {
    ActiveRules.Version version = rules.current();
    EnforcementLadder ladder = version.ladder();
    if (version != indexedFor) {
      dueAt.clear();
      dueOf.clear();
      StoreSweep.visit(accounts, (account, state) -> sweep(account, state, ladder, version, streamTime));
      indexedFor = version;
      return;
    }
    List<String> due = new ArrayList<>();
    while (!dueAt.isEmpty() && dueAt.firstKey() <= streamTime) {
      due.addAll(dueAt.pollFirstEntry().getValue());
    }
    for (String account : due) {
      dueOf.remove(account);
      EnforcementState state = accounts.get(account);
      if (state == null) {
        continue;
      }
      StoreSweep.Change<EnforcementState> change = sweep(account, state, ladder, version, streamTime);
      if (change == StoreSweep.<EnforcementState>deletion()) {
        StoreSweep.delete(accounts, account);
      } else if (change != null) {
        accounts.put(account, change.value());
      }
    }
  }

  /** One account's sweep: its changes emitted, its next due time indexed; the change to store, or null. */
  private StoreSweep.Change<EnforcementState> sweep(
      String account, EnforcementState state, EnforcementLadder ladder, ActiveRules.Version version, long streamTime) {
    EnforcementLadder.Step step = ladder.sweep(state, streamTime, sweepInterval.toMillis());
    emit(account, step.changes(), version);
    if (step.state() == null) {
      forget(account, streamTime);
      return StoreSweep.deletion();
    }
    index(account, step.state(), ladder);
    return step.state() == state ? null : new StoreSweep.Change<>(step.state());
  }

  /**
   * Notes when a sweep next has something to do for the account: its next deadline or strike
   * expiry, or, once it is idle, the first stream time at which the reputation it published is
   * older than the sweep interval (then it is forgotten).
   */
  private void index(String account, EnforcementState state, EnforcementLadder ladder) {
    unindex(account);
    long due = ladder.nextDue(state);
    if (state.idle() && state.published() != null) {
      long forgetAt = state.published().updatedAt() + sweepInterval.toMillis() + 1;
      due = Math.min(due, forgetAt < state.published().updatedAt() ? Long.MAX_VALUE : forgetAt);
    }
    if (due == Long.MAX_VALUE) {
      return;
    }
    dueOf.put(account, due);
    dueAt.computeIfAbsent(due, t -> new HashSet<>()).add(account);
  }

  private void unindex(String account) {
    Long due = dueOf.remove(account);
    if (due != null) {
      Set<String> at = dueAt.get(due);
      at.remove(account);
      if (at.isEmpty()) {
        dueAt.remove(due);
      }
    }
  }

  private void save(String account, boolean kept, EnforcementState state, long time, EnforcementLadder ladder) {
    if (!state.forgettable()) {
      accounts.put(account, state);
      index(account, state, ladder);
    } else if (kept) {
      StoreSweep.delete(accounts, account);
      unindex(account);
      forget(account, time);
    }
  }

  /**
   * The account is ACTIVE with nothing on record, and its entry is deleted: a tombstone on
   * account-actions lets compaction drop the account there too, and with it the entry in every
   * instance's account-status store, which would otherwise keep every account ever moved.
   */
  private void forget(String account, long time) {
    context.forward(new Record<String, SpecificRecord>(account, null, time));
  }

  private void emit(String account, List<StatusChange> changes, ActiveRules.Version version) {
    for (StatusChange change : changes) {
      events.statusChanged(change.to().name());
      context.forward(
          new Record<String, SpecificRecord>(
              account, EnforcementMapping.action(account, change, version.name()), change.at()));
    }
  }

  private static <V> V value(ValueAndTimestamp<V> entry) {
    return entry == null ? null : entry.value();
  }
}
