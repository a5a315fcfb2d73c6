package io.screener.domain.enforcement;

import java.util.List;

/**
 * One move on the ladder, written once to {@code account-actions}.
 *
 * @param at event time at which the change took effect
 * @param deadline while WARNED, the time to rectify by; otherwise -1
 * @param strikePoints live strike points after the change
 * @param reasonCodes reason codes behind the live strikes, in the order the strikes were taken
 * @param transactionIds the payments behind the live strikes, oldest first
 * @param restrictedFunctions what the status bars (RESTRICTED only)
 */
public record StatusChange(
    AccountStatus from,
    AccountStatus to,
    ActionTrigger trigger,
    long at,
    long deadline,
    int strikePoints,
    List<String> reasonCodes,
    List<String> transactionIds,
    List<AccountFunction> restrictedFunctions) {}
