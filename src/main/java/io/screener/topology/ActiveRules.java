package io.screener.topology;

import io.screener.domain.Scorer;
import io.screener.domain.enforcement.EnforcementLadder;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The rules in force in one instance: those of the rules file until a {@code screener-config}
 * document replaces them, and beside them, when one is published, a shadow version that scores
 * every payment too but decides nothing. The global thread installs a new version whole; each
 * payment takes one {@link Version} at its behaviour step and carries it to scoring, so no payment
 * is decided by a mix of two versions, and its live and shadow scores come from one moment.
 */
public final class ActiveRules {
  /**
   * One version of the rules: the scorer and the enforcement ladder they define, and the shadow
   * scorer beside them (null when no shadow is set). The shadow has no ladder: it strikes no one.
   */
  public record Version(Scorer scorer, EnforcementLadder ladder, @Nullable Scorer shadow) {
    public static Version of(Scorer scorer) {
      return new Version(scorer, new EnforcementLadder(scorer.rules().enforcement()), null);
    }

    public String name() {
      return scorer.rules().version();
    }

    /** The same live rules with {@code shadow} beside them. */
    Version withShadow(@Nullable Scorer shadow) {
      return new Version(scorer, ladder, shadow);
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

  /** Puts {@code scorer}'s rules in force; null goes back to the rules file's. The shadow stays. */
  public Version install(@Nullable Scorer scorer) {
    Version live = scorer == null ? initial : Version.of(scorer);
    return current.updateAndGet(running -> live.withShadow(running.shadow()));
  }

  /** Sets {@code shadow} beside the live rules; null removes the shadow. */
  public Version shadow(@Nullable Scorer shadow) {
    return current.updateAndGet(running -> running.withShadow(shadow));
  }
}
