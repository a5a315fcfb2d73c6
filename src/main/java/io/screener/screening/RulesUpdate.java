package io.screener.screening;

import io.screener.avro.ScreenerConfig;
import io.screener.config.RulesDocument;
import io.screener.config.RulesLoader;
import io.screener.domain.Scorer;

/** A rules document from {@code screener-config}, parsed and checked, with the scorer it makes. */
public record RulesUpdate(ScreenerConfig document, Scorer scorer) {
  /** The key of the live rules document; the compacted topic keeps the latest one. */
  public static final String LIVE_KEY = "rules";

  /**
   * The key of the shadow rules document, scored beside the live rules and deciding nothing. The
   * screener reads every other key as live rules.
   */
  public static final String SHADOW_KEY = "shadow";

  /**
   * Parses a document; fails with a message naming the bad key, or the version mismatch.
   *
   * @throws RuntimeException if the document is not usable rules
   */
  public static RulesUpdate of(ScreenerConfig doc) {
    RulesDocument rules =
        new RulesDocument("screener-config " + doc.getVersion(), doc.getRules(), doc.getLists());
    Scorer scorer = Scorer.standard(RulesLoader.parse(rules));
    String version = scorer.rules().version();
    if (!version.equals(doc.getVersion())) {
      throw new IllegalArgumentException(
          "version "
              + doc.getVersion()
              + " does not match its content, which is version "
              + version);
    }
    return new RulesUpdate(doc, scorer);
  }

  /** The document for a rules file and its lists, as {@code screener config publish} writes it. */
  public static ScreenerConfig document(
      RulesDocument rules, String publishedBy, long publishedAtMillis) {
    return ScreenerConfig.newBuilder()
        .setVersion(rules.version())
        .setRules(rules.rules())
        .setLists(rules.lists())
        .setPublishedBy(publishedBy)
        .setPublishedAt(java.time.Instant.ofEpochMilli(publishedAtMillis))
        .build();
  }
}
