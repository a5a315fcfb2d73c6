package io.screener.domain.signal;

import io.screener.domain.DescriptorKind;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.domain.text.Hit;
import io.screener.domain.text.KeywordIndex;
import java.util.List;

/**
 * The merchant descriptor names a known exchange, on-ramp, NFT platform or crypto service (by name or
 * web domain, Latin or Chinese script). Only the strongest kind counts, so a descriptor naming a
 * brand twice is not counted twice. Punctuation inside a brand ("OK-X", "B.inance") still matches.
 */
public final class DescriptorSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    String name = input.payment().merchantName();
    if (name == null || name.isEmpty()) {
      return;
    }
    List<Hit<DescriptorKind>> hits = card.rules().merchantTerms().findCompact(name);
    Hit<DescriptorKind> strongest =
        KeywordIndex.strongest(hits, kind -> card.rules().weight(kind.reason())).orElse(null);
    if (strongest != null) {
      card.add(
          strongest.value().reason(),
          () -> "merchant name matches " + label(strongest.value()) + " '" + strongest.term() + "'");
    }
  }

  private static String label(DescriptorKind kind) {
    return switch (kind) {
      case EXCHANGE -> "crypto exchange";
      case CRYPTO_ONRAMP -> "crypto on-ramp";
      case NFT_PLATFORM -> "NFT / digital-collection platform";
      case CRYPTO_SERVICES -> "crypto service";
    };
  }
}
