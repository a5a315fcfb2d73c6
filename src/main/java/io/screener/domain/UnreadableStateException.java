package io.screener.domain;

/**
 * A state store holds a value this build cannot read: written by a newer build (a roll-back) or
 * damaged. Screening cannot go on correctly without it, so the service stops with this message
 * rather than dead-letter every payment that touches the record; docs/state.md says what to do.
 */
public final class UnreadableStateException extends RuntimeException {
  public UnreadableStateException(String what, String found) {
    super(
        "state holds "
            + what
            + " in "
            + found
            + " that this build cannot read: run the build that wrote it, or reset the application's state"
            + " (docs/state.md, \"Upgrades\")");
  }
}
