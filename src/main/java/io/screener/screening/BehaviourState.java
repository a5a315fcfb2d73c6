package io.screener.screening;

import io.screener.domain.behaviour.AccountActivity;
import org.jspecify.annotations.Nullable;

/**
 * Behaviour state, wherever it lives: Kafka Streams stores in the service, hash tables in the
 * offline replay. One record per account ({@code account-activity}), read once and written once per
 * payment leg, holds everything screening needs, including the legs the account took delivery of
 * lately; the few legs a busy account pushes out of its record while they are still within the
 * dedup retention are kept apart ({@code spilled-legs}, a store whose old segments are dropped
 * whole).
 */
public interface BehaviourState {
  /** The account's record, or null when none is on record. */
  @Nullable AccountActivity account(String accountId);

  void putAccount(String accountId, AccountActivity activity);

  /**
   * Whether the account spilled the leg {@code legKey} at a delivery time at or after {@code
   * cutoff}.
   */
  boolean spilled(String accountId, long legKey, long cutoff);

  /** Keeps a leg the account's record pushed out, delivered at stream time {@code time}. */
  void spill(String accountId, long legKey, long time);

  /**
   * Accounts last active before {@code idleCutoff} and spilled legs delivered before {@code
   * dedupCutoff} are forgotten: {@link Behaviour} reads them as absent from now on, and the state
   * deletes them, at once or over later calls (the cutoffs only move forward).
   */
  void deleteOlderThan(long idleCutoff, long dedupCutoff);
}
