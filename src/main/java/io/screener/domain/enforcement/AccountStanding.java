package io.screener.domain.enforcement;

import java.util.Objects;
import java.util.Set;

/**
 * An account's enforcement status as the scorer sees it (from the latest {@code account-actions}
 * record): the status and, while RESTRICTED, the functions it may not use.
 */
public record AccountStanding(AccountStatus status, Set<AccountFunction> restricted) {
  public AccountStanding {
    Objects.requireNonNull(status, "status");
    restricted = Set.copyOf(restricted);
  }

  /** Whether a payment using {@code function} is barred for this account. */
  public boolean bars(AccountFunction function) {
    return status == AccountStatus.BANNED
        || (status == AccountStatus.RESTRICTED && restricted.contains(function));
  }
}
