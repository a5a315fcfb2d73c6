package io.screener.topology;

import io.screener.domain.behaviour.AccountActivity;
import io.screener.domain.behaviour.Keys;

/**
 * The three pieces of behaviour state, wherever they live: Kafka Streams stores in the service, hash
 * tables in the offline replay. Keys are ids, which each side lays out as it likes; the service's
 * stores keep them as in {@link Keys#pair} and {@link Leg#key} ({@code account-activity}, {@code
 * payer-payee-pairs}, {@code seen-transactions}).
 */
public interface BehaviourState {
  /** A time that is not on record. */
  long ABSENT = Long.MIN_VALUE;

  /** Which side of a payment a dedup entry stands for. */
  enum Leg {
    /** Money the payee received. */
    RECEIVED("in:"),
    /** Money the payer sent on. */
    SENT("out:");

    private final String prefix;

    Leg(String prefix) {
      this.prefix = prefix;
    }

    /** The leg's key in the {@code seen-transactions} store. */
    public String key(String transactionId) {
      return prefix + transactionId;
    }
  }

  /** The account's activity, or null when none is on record. */
  AccountActivity account(String accountId);

  void putAccount(String accountId, AccountActivity activity);

  /** Latest event time the payer paid the payee, or {@link #ABSENT}. */
  long pair(String payerId, String payeeId);

  void putPair(String payerId, String payeeId, long time);

  /** Stream time the payment's leg was first delivered at, or {@link #ABSENT}. */
  long seen(Leg leg, String transactionId);

  void putSeen(Leg leg, String transactionId, long time);

  /**
   * Accounts and pairs last seen before {@code idleCutoff} and legs seen before {@code dedupCutoff}
   * are forgotten: {@link Behaviour} reads them as absent from now on, and the state deletes them,
   * at once or over later calls (the cutoffs only move forward).
   */
  void deleteOlderThan(long idleCutoff, long dedupCutoff);
}
