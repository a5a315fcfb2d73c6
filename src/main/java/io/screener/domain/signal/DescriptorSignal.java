package io.screener.domain.signal;

import io.screener.domain.MerchantProfile;
import io.screener.domain.Payment;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoreCard;
import io.screener.domain.ScoringRules.MccFit;
import io.screener.domain.ScoringRules.MerchantRules;
import io.screener.domain.ScreeningInput;
import io.screener.domain.Signal;
import io.screener.domain.merchant.CryptoUniverse;
import io.screener.domain.merchant.CryptoUniverse.Brand;
import io.screener.domain.merchant.Descriptor;
import io.screener.domain.merchant.MerchantWord;
import io.screener.domain.text.Hit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The merchant descriptor, weighed the way sanctions screening weighs a name: first how strongly it
 * matches a known crypto brand, then what about the merchant agrees or disagrees.
 *
 * <p><b>Match strength.</b> A brand's web host ({@code BITSTAMP.NET}) or the descriptor being the
 * brand and nothing else (company suffixes, "pay", crypto words aside: {@code BITSTAMP LTD}, {@code
 * Binance*BUY CRYPTO}) carries the brand kind's full weight. A brand name that is an ordinary word
 * too (Bullish, Gemini) carries {@code descriptor.common-word-percent} of it, and a brand with
 * other words beside it ("Kraken Nordic Trading") {@code descriptor.other-words-percent}; both
 * shares multiply.
 *
 * <p><b>Context.</b> A merchant category code of another trade (a restaurant, a car wash),
 * other-trade words in the name (海鲜, 汽修, Car Wash, Sushi), money-changing words, or a registration
 * as an ORDINARY merchant in the merchant feed contradict the match: the name is held back as
 * {@code DESCRIPTOR_LOOKALIKE}, a small content reason that never blocks, whose sentence names the
 * matched term and what held it back.
 *
 * <p><b>No brand.</b> A merchant no list names can still read as crypto when its code fits a crypto
 * business (or it has none) and it is not registered as ordinary: crypto words in the descriptor
 * ("*BUY CRYPTO", "buy BTC", "*P2P", 虚拟币), a web host, or a name built on a crypto word part
 * ("BitNexa", "链宝"). These are content evidence: they flag, never block alone.
 */
public final class DescriptorSignal implements Signal {

  @Override
  public void evaluate(ScreeningInput input, ScoreCard card) {
    Payment payment = input.payment();
    String name = payment.merchantName();
    if (name == null || name.isEmpty()) {
      return;
    }
    MerchantRules rules = card.rules().merchants();
    List<Hit<CryptoUniverse.Term>> hits = card.brands(name);
    MccFit fit = rules.fit(payment.mcc());
    if (hits.isEmpty()) {
      if (fit != MccFit.OTHER_TRADE && !MerchantCodeSignal.registeredOrdinary(input)) {
        unlisted(payment, card);
      }
      return;
    }
    Hit<CryptoUniverse.Term> strongest = strongest(hits, card);
    Brand brand = strongest.value().brand();
    Descriptor descriptor = card.descriptor(name);
    if (contradicted(input, fit, descriptor)) {
      card.add(
          ReasonCode.DESCRIPTOR_LOOKALIKE,
          () ->
              "merchant name '"
                  + name
                  + "' contains '"
                  + strongest.term()
                  + "' ("
                  + brand.kind().label()
                  + " "
                  + brand.name()
                  + ") but is held back: "
                  + String.join("; ", contradictions(input, fit, descriptor)));
      return;
    }
    String host = hostOf(descriptor, strongest, brand, rules.universe());
    List<String> other = host != null ? List.of() : descriptor.otherWords(spansOf(hits, brand));
    boolean common = host == null && strongest.value().commonWord();
    int percent = 100;
    if (common) {
      percent = percent * rules.commonWordPercent() / 100;
    }
    if (!other.isEmpty()) {
      percent = percent * rules.otherWordsPercent() / 100;
    }
    ReasonCode reason = brand.kind().reason();
    int share = percent;
    card.add(
        reason,
        card.rules().weight(reason) * percent / 100,
        () ->
            "merchant name '"
                + name
                + "' is "
                + brand.kind().label()
                + " "
                + brand.name()
                + ": "
                + strength(host, common, other, share)
                + " ("
                + provenance(brand)
                + ")"
                + agreement(payment, fit, descriptor));
    crypto(descriptor, card);
  }

  /** The hit of the kind weighing most; ties to the longer term, then the earlier. */
  private static Hit<CryptoUniverse.Term> strongest(
      List<Hit<CryptoUniverse.Term>> hits, ScoreCard card) {
    Hit<CryptoUniverse.Term> best = null;
    int bestRank = 0;
    for (Hit<CryptoUniverse.Term> hit : hits) {
      int rank =
          card.rules().weight(hit.value().brand().kind().reason()) * 2
              + (hit.value().commonWord() ? 0 : 1);
      if (best == null
          || rank > bestRank
          || (rank == bestRank && hit.term().length() > best.term().length())) {
        best = hit;
        bestRank = rank;
      }
    }
    return Objects.requireNonNull(best, "no hits");
  }

  /** Whether anything about the merchant says it is not the brand it names. */
  private static boolean contradicted(ScreeningInput input, MccFit fit, Descriptor descriptor) {
    return fit == MccFit.OTHER_TRADE
        || descriptor.first(MerchantWord.TRADE) != null
        || descriptor.first(MerchantWord.FINANCE) != null
        || MerchantCodeSignal.registeredOrdinary(input);
  }

  /** What about the merchant says it is not the brand it names, in words. */
  private static List<String> contradictions(
      ScreeningInput input, MccFit fit, Descriptor descriptor) {
    List<String> against = new ArrayList<>(3);
    if (fit == MccFit.OTHER_TRADE) {
      against.add(
          "merchant category "
              + input.payment().mcc()
              + " is another trade, not a financial or online-platform code");
    }
    List<String> trade = descriptor.all(MerchantWord.TRADE);
    if (!trade.isEmpty()) {
      against.add(quoted(trade) + " name another trade");
    }
    List<String> fx = descriptor.all(MerchantWord.FINANCE);
    if (!fx.isEmpty()) {
      against.add(quoted(fx) + " read as foreign exchange or remittance");
    }
    if (MerchantCodeSignal.registeredOrdinary(input)) {
      MerchantProfile merchant = Objects.requireNonNull(input.merchant(), "registered");
      against.add(
          "the merchant feed registers it as ORDINARY"
              + (merchant.source() == null ? "" : " (source " + merchant.source() + ")"));
    }
    return against;
  }

  /** The web host that ties the descriptor to the brand, or null. */
  // The universe holds one Brand object per brand: identity is the comparison meant, and cheap.
  @SuppressWarnings("ReferenceEquality")
  private static @Nullable String hostOf(
      Descriptor descriptor, Hit<CryptoUniverse.Term> hit, Brand brand, CryptoUniverse universe) {
    String around = descriptor.hostAround(hit.start(), hit.end());
    if (around != null) {
      return around;
    }
    for (String host : descriptor.hosts()) {
      if (universe.byHost(host) == brand) {
        return host;
      }
    }
    return null;
  }

  /** Where every name of this brand sits in the descriptor, as start, end pairs. */
  @SuppressWarnings("ReferenceEquality") // one Brand object per brand, as in hostOf
  private static int[] spansOf(List<Hit<CryptoUniverse.Term>> hits, Brand brand) {
    int[] spans = new int[hits.size() * 2];
    int n = 0;
    for (Hit<CryptoUniverse.Term> hit : hits) {
      if (hit.value().brand() == brand) {
        spans[n++] = hit.start();
        spans[n++] = hit.end();
      }
    }
    return java.util.Arrays.copyOf(spans, n);
  }

  private static String strength(
      @Nullable String host, boolean common, List<String> other, int percent) {
    if (host != null) {
      return "its web host '" + host + "'";
    }
    StringBuilder s =
        new StringBuilder(
            other.isEmpty() ? "the whole name" : "the brand within other words " + quoted(other));
    if (common) {
      s.append(", a name that is an ordinary word too");
    }
    if (percent < 100) {
      s.append(" (").append(percent).append("% of the brand's weight)");
    }
    return s.toString();
  }

  /** What agrees with the match, as a clause starting "; ", or "". */
  private static String agreement(Payment payment, MccFit fit, Descriptor descriptor) {
    List<String> agrees = new ArrayList<>(2);
    if (fit == MccFit.CRYPTO || fit == MccFit.RELATED) {
      agrees.add("merchant category " + payment.mcc() + " fits");
    }
    List<String> crypto = descriptor.all(MerchantWord.CRYPTO);
    if (!crypto.isEmpty()) {
      agrees.add("the descriptor says " + quoted(crypto));
    }
    return agrees.isEmpty() ? "" : "; " + String.join(", ", agrees);
  }

  private static String provenance(Brand brand) {
    int end = brand.source().indexOf(';');
    return "listed by " + (end < 0 ? brand.source() : brand.source().substring(0, end));
  }

  /** A merchant no list names, whose code fits a crypto business or is missing. */
  private static void unlisted(Payment payment, ScoreCard card) {
    Descriptor descriptor = card.descriptor(payment.merchantName());
    if (descriptor.first(MerchantWord.TRADE) != null) {
      return;
    }
    boolean crypto = crypto(descriptor, card);
    List<String> hosts = descriptor.hosts();
    if (!hosts.isEmpty()) {
      String mcc = payment.mcc();
      card.add(
          ReasonCode.DESCRIPTOR_WEB_HOST,
          () ->
              "the descriptor is the web host '"
                  + hosts.get(0)
                  + "', as online platforms' are, under merchant category "
                  + mcc);
    }
    if (!crypto) {
      String word = descriptor.morphemeWord(card.rules().merchants().morphemes());
      if (word != null) {
        int slash = word.lastIndexOf('/');
        card.add(
            ReasonCode.DESCRIPTOR_CRYPTO_MORPHEME,
            () ->
                "the unlisted name '"
                    + word.substring(0, slash)
                    + "' is built on '"
                    + word.substring(slash + 1)
                    + "', a crypto word");
      }
    }
  }

  /** Adds the descriptor's crypto words as a reason; whether it had any. */
  private static boolean crypto(Descriptor descriptor, ScoreCard card) {
    List<String> words = descriptor.all(MerchantWord.CRYPTO);
    if (words.isEmpty()) {
      return false;
    }
    card.add(ReasonCode.DESCRIPTOR_CRYPTO_TERM, () -> "the descriptor says " + quoted(words));
    return true;
  }

  private static String quoted(List<String> words) {
    StringBuilder s = new StringBuilder();
    for (String word : words) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append('\'').append(word).append('\'');
    }
    return s.toString();
  }
}
