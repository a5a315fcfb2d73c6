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

  /** Event time the payment leg was first seen, or null. */
  Long seen(String legKey);

  void putSeen(String legKey, long time);

  /**
   * Deletes accounts and pairs last seen before {@code idleCutoff} and legs seen before {@code
   * dedupCutoff}.
   */
  void deleteOlderThan(long idleCutoff, long dedupCutoff);
}
