package io.screener.config;

import io.screener.domain.Evidence;
import io.screener.domain.MemoTermKind;
import io.screener.domain.ReasonCode;
import io.screener.domain.ScoringRules;
import io.screener.domain.enforcement.AccountFunction;
import io.screener.domain.enforcement.EnforcementRules;
import io.screener.domain.merchant.CryptoUniverse;
import io.screener.domain.merchant.MerchantWord;
import io.screener.domain.text.KeywordIndex;
import io.screener.domain.text.KeywordList;
import io.screener.domain.text.TextNormalizer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the model's rules file ({@code config/rules.properties}) and the term lists it names. Every
 * key is required: the weights and thresholds that decide payments are data, never defaults hidden
 * in code. The version on each decision is the file's {@code rules.version} plus a digest of the
 * file and its lists, so an edited file can never pass for the version it was copied from.
 */
public final class RulesLoader {
  private static final Pattern MCC = Pattern.compile("\\d{4}");
  private static final String WEIGHT_PREFIX = "weight.";

  private RulesLoader() {}

  /** Loads a rules file and the term lists it names. */
  public static ScoringRules load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file.toString(), "no such rules file");
    }
    return parse(RulesDocument.read(file));
  }

  /** Parses and checks a rules document: every key required, every value in range. */
  public static ScoringRules parse(RulesDocument doc) {
    Settings s =
        Settings.of(Settings.parseProperties(doc.rules(), doc.source()))
            .requireKnown(knownKeys(), Set.of());
    String merchants = doc.list(s.string("lists.merchants"), "lists.merchants");
    String merchantWords = doc.list(s.string("lists.merchant-words"), "lists.merchant-words");
    String memo = doc.list(s.string("lists.memo"), "lists.memo");

    int flag = s.intInRange("threshold.flag", 1, 100);
    int block = s.intInRange("threshold.block", 1, 100);
    if (block < flag) {
      throw new ConfigException(
          "threshold.block", "must not be below threshold.flag (" + flag + ")");
    }
    Map<ReasonCode, Integer> weights = new EnumMap<>(ReasonCode.class);
    for (ReasonCode code : ReasonCode.values()) {
      if (code != ReasonCode.LICENSED_PARTNER) {
        weights.put(code, s.intInRange(WEIGHT_PREFIX + code.name(), -100, 100));
      }
    }
    // The allow-list reason carries whatever it takes to bring the score to 0; it has no weight.
    weights.put(ReasonCode.LICENSED_PARTNER, 0);

    return new ScoringRules(
        doc.version(),
        flag,
        block,
        evidenceSet(s, "block.evidence"),
        combinations(s, "block.combinations"),
        weights,
        s.intInRange("reputation.high-risk-score", 0, 100),
        new ScoringRules.MerchantRules(
            mccSet(s, "mcc.crypto"),
            mccSet(s, "mcc.related"),
            mccSet(s, "mcc.neutral"),
            universe(merchants, "lists.merchants"),
            terms(merchantWords, MerchantWord.class, "lists.merchant-words"),
            s.intInRange("descriptor.common-word-percent", 0, 100),
            s.intInRange("descriptor.other-words-percent", 0, 100),
            morphemes(s, "descriptor.crypto-morphemes")),
        s.positiveLong("memo.cover-word.min-amount-minor"),
        new ScoringRules.BehaviourRules(
            s.duration("behaviour.window").toMillis(),
            s.intInRange("behaviour.max-tracked-inflows", 1, 1024),
            s.duration("behaviour.quick-turnover").toMillis(),
            s.intInRange("fan-in.min-payers", 2, 1024),
            s.intInRange("fan-in.full-payers", 2, 1024),
            s.positiveLong("fan-in.min-inflow-minor"),
            s.intInRange("repeated-amount.min-payers", 1, 1024),
            s.intInRange("shared-device.min-payers", 2, 1024),
            s.intInRange("behaviour.same-price-ppm", 0, 100_000),
            s.duration("behaviour.merchant-memory").toMillis()),
        new ScoringRules.AmountRules(
            s.positiveLong("amount.large-transfer-minor"),
            s.positiveLong("amount.round-step-minor"),
            s.positiveLongs("amount.limits-minor"),
            s.intInRange("amount.just-under-percent", 0, 50),
            s.positiveLongs("amount.festive-minor")),
        new ScoringRules.QuoteRules(
            s.decimal("quote.usdt.step", 0.000001, 1e9),
            s.decimal("quote.usdt.min", 0, 1e12),
            s.decimal("quote.usdt.round-lot", 0.000001, 1e9),
            s.decimal("quote.btc.step", 0.00000001, 1e6),
            s.decimal("quote.btc.min", 0, 1e6),
            s.intInRange("quote.tolerance-minor", 0, 1_000_000),
            s.intInRange("quote.round-lot-tolerance-minor", 0, 1_000_000),
            s.duration("quote.max-age").toMillis(),
            ppm(s, "quote.premium.min-percent"),
            ppm(s, "quote.premium.max-percent"),
            s.positiveLong("quote.round-amount-minor")),
        new ScoringRules.NightRules(
            s.zone("night.zone"), s.timeOfDay("night.start"), s.timeOfDay("night.end")),
        terms(memo, MemoTermKind.class, "lists.memo"),
        enforcement(s));
  }

  private static Set<String> knownKeys() {
    Set<String> keys =
        new HashSet<>(
            Set.of(
                "rules.version",
                "threshold.flag",
                "threshold.block",
                "block.evidence",
                "reputation.high-risk-score",
                "mcc.crypto",
                "mcc.related",
                "mcc.neutral",
                "descriptor.common-word-percent",
                "descriptor.other-words-percent",
                "descriptor.crypto-morphemes",
                "lists.merchant-words",
                "memo.cover-word.min-amount-minor",
                "behaviour.window",
                "behaviour.max-tracked-inflows",
                "behaviour.quick-turnover",
                "lists.merchants",
                "lists.memo"));
    keys.addAll(
        Set.of(
            "block.combinations",
            "fan-in.min-payers",
            "fan-in.full-payers",
            "fan-in.min-inflow-minor",
            "repeated-amount.min-payers",
            "shared-device.min-payers",
            "amount.large-transfer-minor",
            "amount.round-step-minor",
            "amount.limits-minor",
            "amount.just-under-percent",
            "amount.festive-minor",
            "quote.usdt.step",
            "quote.usdt.min",
            "quote.usdt.round-lot",
            "quote.round-lot-tolerance-minor",
            "quote.btc.step",
            "quote.btc.min",
            "quote.tolerance-minor",
            "quote.max-age",
            "quote.premium.min-percent",
            "quote.premium.max-percent",
            "quote.round-amount-minor",
            "behaviour.same-price-ppm",
            "behaviour.merchant-memory",
            "night.zone",
            "night.start",
            "night.end"));
    keys.addAll(
        Set.of(
            "enforcement.strike-points.block",
            "enforcement.strike-points.confirmed",
            "enforcement.strike-payer",
            "enforcement.strike-lifetime",
            "enforcement.warn-at",
            "enforcement.restrict-at",
            "enforcement.ban-at",
            "enforcement.rectify-within",
            "enforcement.restricted-functions",
            "enforcement.verdict-risk-step",
            "enforcement.max-strikes",
            "enforcement.ban-evidence",
            "enforcement.unconfirmed-may-restrict"));
    for (ReasonCode code : ReasonCode.values()) {
      if (code != ReasonCode.LICENSED_PARTNER) {
        keys.add(WEIGHT_PREFIX + code.name());
      }
    }
    return keys;
  }

  private static Set<Evidence> evidenceSet(Settings s, String key) {
    Set<Evidence> set = EnumSet.noneOf(Evidence.class);
    for (String part : s.string(key).split(",")) {
      try {
        set.add(Evidence.valueOf(part.trim()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, "unknown evidence kind '" + part.trim() + "'");
      }
    }
    return set;
  }

  /** {@code A+B+C, D+E}: each group of reason codes may block together. Empty means none. */
  private static List<Set<ReasonCode>> combinations(Settings s, String key) {
    List<Set<ReasonCode>> combinations = new ArrayList<>();
    String value = s.string(key, "");
    for (String group : value.split(",")) {
      if (group.isBlank()) {
        continue;
      }
      Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
      for (String part : group.split("\\+")) {
        try {
          codes.add(ReasonCode.valueOf(part.trim()));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(key, "unknown reason code '" + part.trim() + "'");
        }
      }
      combinations.add(codes);
    }
    return combinations;
  }

  private static Set<String> mccSet(Settings s, String key) {
    Set<String> set = new HashSet<>();
    for (String part : s.string(key).split(",")) {
      String code = part.trim();
      if (!MCC.matcher(code).matches()) {
        throw new ConfigException(key, "not a four-digit merchant category code: '" + code + "'");
      }
      set.add(code);
    }
    return set;
  }

  private static EnforcementRules enforcement(Settings s) {
    int warn = s.intInRange("enforcement.warn-at", 1, 1000);
    int restrict = s.intInRange("enforcement.restrict-at", 1, 1000);
    int ban = s.intInRange("enforcement.ban-at", 1, 1000);
    if (restrict < warn) {
      throw new ConfigException(
          "enforcement.restrict-at", "must not be below enforcement.warn-at (" + warn + ")");
    }
    if (ban < restrict) {
      throw new ConfigException(
          "enforcement.ban-at", "must not be below enforcement.restrict-at (" + restrict + ")");
    }
    Set<AccountFunction> functions = EnumSet.noneOf(AccountFunction.class);
    for (String part : s.string("enforcement.restricted-functions").split(",")) {
      try {
        functions.add(AccountFunction.valueOf(part.trim()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "enforcement.restricted-functions", "unknown function '" + part.trim() + "'");
      }
    }
    return new EnforcementRules(
        s.intInRange("enforcement.strike-points.block", 0, 1000),
        s.intInRange("enforcement.strike-points.confirmed", 0, 1000),
        bool(s, "enforcement.strike-payer"),
        s.duration("enforcement.strike-lifetime").toMillis(),
        warn,
        restrict,
        ban,
        s.duration("enforcement.rectify-within").toMillis(),
        functions,
        s.intInRange("enforcement.verdict-risk-step", 0, 100),
        s.intInRange("enforcement.max-strikes", 1, 1024),
        reasonCodeNames(s, "enforcement.ban-evidence"),
        bool(s, "enforcement.unconfirmed-may-restrict"));
  }

  private static boolean bool(Settings s, String key) {
    String value = s.string(key);
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException(key, "must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  /** Comma-separated reason code names, each a reason the scorer gives. */
  private static Set<String> reasonCodeNames(Settings s, String key) {
    Set<String> names = new HashSet<>();
    for (String part : s.string(key).split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        names.add(ReasonCode.valueOf(part.strip()).name());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, "unknown reason code '" + part.strip() + "'");
      }
    }
    return names;
  }

  /** A percentage (0.5 is half a percent) in parts per million. */
  private static int ppm(Settings s, String key) {
    return (int) Math.round(s.decimal(key, 0.0001, 100) * 10_000);
  }

  private static CryptoUniverse universe(String text, String key) {
    try {
      return CryptoUniverse.parse(new StringReader(text), key);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Comma-separated word parts, normalized as descriptors are (lowercase Latin, Chinese as is). */
  private static List<String> morphemes(Settings s, String key) {
    List<String> parts = new ArrayList<>();
    for (String part : s.string(key).split(",")) {
      String normalized = TextNormalizer.normalize(part);
      if (normalized.isEmpty() || normalized.indexOf(' ') >= 0) {
        throw new ConfigException(key, "not a single word part: '" + part.strip() + "'");
      }
      parts.add(normalized);
    }
    return parts;
  }

  private static <K extends Enum<K>> KeywordIndex<K> terms(
      String text, Class<K> kinds, String key) {
    try {
      return KeywordList.load(new StringReader(text), key, kinds);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read: " + e.getMessage(), e);
    }
  }
}
