package io.screener.topology;

import io.screener.domain.Scorer;
import io.screener.domain.enforcement.EnforcementLadder;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The rules in force in one instance: those of the rules file until a {@code screener-config}
 * document replaces them. The global thread installs a new version whole; each payment takes one
 * {@link Version} at its behaviour step and carries it to scoring, so no payment is decided by a
 * mix of two versions.
 */
public final class ActiveRules {
  /** One version of the rules: the scorer and the enforcement ladder they define. */
  public record Version(Scorer scorer, EnforcementLadder ladder) {
    public static Version of(Scorer scorer) {
      return new Version(scorer, new EnforcementLadder(scorer.rules().enforcement()));
    }

    public String name() {
      return scorer.rules().version();
    }
  }

  private final Version initial;
  private final AtomicReference<Version> current;

  public ActiveRules(Scorer initial) {
    this.initial = Version.of(initial);
    this.current = new AtomicReference<>(this.initial);
  }

  public Version current() {
    return current.get();
  }

  /** Puts {@code scorer}'s rules in force; null goes back to the rules file's. */
  public Version install(@Nullable Scorer scorer) {
    Version version = scorer == null ? initial : Version.of(scorer);
    current.set(version);
    return version;
  }
}
