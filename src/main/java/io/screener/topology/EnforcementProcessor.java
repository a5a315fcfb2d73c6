package io.screener.topology;

import io.screener.avro.CounterpartyReputation;
import io.screener.avro.MerchantReputation;
import io.screener.avro.internal.EnforcementEvent;
import io.screener.domain.enforcement.AccountEvent;
import io.screener.domain.enforcement.EnforcementLadder;
import io.screener.domain.enforcement.EnforcementState;
import io.screener.domain.enforcement.Reputation;
import io.screener.domain.enforcement.StatusChange;
import io.screener.screening.EnforcementMapping;
import io.screener.screening.ScreeningEvents;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Moves accounts along the enforcement ladder ({@link EnforcementLadder}), keyed by account, in
 * event time. Emits each status change as an {@code AccountAction} and each verdict's reputation
 * feedback as a {@code CounterpartyReputation}; a sweep every {@code state.sweep-interval} of
 * stream time applies deadlines and expiries to accounts that see no events. An account forgotten
 * (ACTIVE, nothing left on record) gets a tombstone on account-actions. Licensed partners (by the
 * reputation feeds) take no strikes.
 */
final class EnforcementProcessor
    implements Processor<String, EnforcementEvent, String, SpecificRecord> {
  private final ActiveRules rules;
  private final long sweepMillis;
  private final int maxIndexedKeys;
  private final ScreeningEvents events;
  private ProcessorContext<String, SpecificRecord> context;
  // Indexed by when a sweep next has something to do to each account, as this ladder reckons it.
  private IndexedStore<String, EnforcementState> accounts;
  private EnforcementLadder indexedBy;
  private final ScreenerTopology.Feeds feeds;
  private ReferenceFeed<CounterpartyReputation>.Reader counterparties;
  private ReferenceFeed<MerchantReputation>.Reader merchants;

  EnforcementProcessor(
      ActiveRules rules,
      ScreenerTopology.Feeds feeds,
      Duration sweepInterval,
      int maxIndexedKeys,
      ScreeningEvents events) {
    this.rules = rules;
    this.feeds = feeds;
    this.sweepMillis = sweepInterval.toMillis();
    this.maxIndexedKeys = maxIndexedKeys;
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.indexedBy = rules.current().ladder();
    this.accounts =
        new IndexedStore<>(
            context.getStateStore(ScreenerTopology.ENFORCEMENT_STORE),
            (account, state) -> indexedBy.sweepDue(state, sweepMillis),
            sweepMillis,
            maxIndexedKeys);
    accounts.buildIndex();
    this.counterparties = feeds.counterparties().reader(context);
    this.merchants = feeds.merchants().reader(context);
    context.schedule(Duration.ofMillis(sweepMillis), PunctuationType.STREAM_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, EnforcementEvent> record) {
    ActiveRules.Version version = rules.current();
    AccountEvent event = EnforcementMapping.event(record.value());
    String account = event.accountId();
    EnforcementState state = accounts.get(account);
    CounterpartyReputation feed = counterparties.get(account);
    EnforcementLadder.Outcome outcome =
        version
            .ladder()
            .apply(
                state == null ? EnforcementState.NEW : state,
                event,
                EnforcementMapping.registration(feed, merchants.get(account)),
                EnforcementMapping.reputation(feed));
    emit(account, outcome.changes(), version);
    save(account, state != null, outcome.state(), record.timestamp());
    Reputation reputation = outcome.reputation();
    if (reputation != null) {
      context.forward(
          new Record<String, SpecificRecord>(
              account, EnforcementMapping.reputation(account, reputation), reputation.updatedAt()));
    }
  }

  /**
   * Applies the ladder's timed moves due by {@code streamTime}. Only the accounts the index lists
   * as due are read: a sweep at any earlier time does nothing to the others ({@link
   * EnforcementLadder#sweepDue}). When the rules version in force has another ladder than the one
   * the index was reckoned by, every account is visited, as its times may have moved, and the index
   * is built again.
   */
  // A step that changes nothing hands back the same state object, and the ladder is one object per
  // rules version: identity says so.
  @SuppressWarnings("ReferenceEquality")
  private void sweep(long streamTime) {
    ActiveRules.Version version = rules.current();
    EnforcementLadder ladder = version.ladder();
    StoreSweep.Visitor<String, EnforcementState> visitor =
        (account, state) -> {
          EnforcementLadder.Step step = ladder.sweep(state, streamTime, sweepMillis);
          emit(account, step.changes(), version);
          if (step.forget()) {
            forget(account, streamTime);
            return StoreSweep.deletion();
          }
          return step.state() == state ? null : new StoreSweep.Change<>(step.state());
        };
    if (ladder != indexedBy) {
      indexedBy = ladder;
      accounts.visitAll(visitor);
    } else {
      accounts.visitBefore(streamTime + 1, visitor);
    }
  }

  private void save(String account, boolean kept, EnforcementState state, long time) {
    if (!state.forgettable()) {
      accounts.put(account, state);
    } else if (kept) {
      accounts.delete(account);
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
}
