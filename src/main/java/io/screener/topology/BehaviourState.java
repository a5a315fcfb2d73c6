package io.screener.topology;

import io.screener.domain.behaviour.AccountActivity;

/**
 * The three pieces of behaviour state, wherever they live: Kafka Streams stores in the service, plain
 * maps in the offline replay. Keys are as in the stores ({@code account-activity}, {@code
 * payer-payee-pairs}, {@code seen-transactions}).
 */
public interface BehaviourState {

  /** The account's activity, or null when none is on record. */
  AccountActivity account(String accountId);

  void putAccount(String accountId, AccountActivity activity);

  /** Latest event time the pair was seen, or null. */
  Long pair(String pairKey);

  void putPair(String pairKey, long time);

  /** Stream time the payment leg was first delivered at, or null. */
  Long seen(String legKey);

  void putSeen(String legKey, long time);

  /**
   * Accounts and pairs last seen before {@code idleCutoff} and legs seen before {@code dedupCutoff}
   * are forgotten: {@link Behaviour} reads them as absent from now on, and the state deletes them,
   * at once or over later calls (the cutoffs only move forward).
   */
  void deleteOlderThan(long idleCutoff, long dedupCutoff);
}
