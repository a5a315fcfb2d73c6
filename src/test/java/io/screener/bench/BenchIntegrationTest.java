package io.screener.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BenchIntegrationTest {

  private static final List<String> KEYS =
      List.of(
          "passThroughPerSec",
          "screenerPerSec",
          "ratio",
          "statefulReferencePerSec",
          "ratioStateful",
          "statefulReferenceColdPerSec",
          "ratioStatefulCold",
          "screenerCpuMicrosPerPayment",
          "screenerJitMicrosPerPayment",
          "screenerJitShare",
          "screenerJitShareCold",
          "screenerWarmupPasses",
          "p99OverReferenceMsExactlyOnce",
          "p99OverReferenceMsAtLeastOnce",
          "p50MsExactlyOnce",
          "p99MsExactlyOnce",
          "p999MsExactlyOnce",
          "p50MsAtLeastOnce",
          "p99MsAtLeastOnce",
          "p999MsAtLeastOnce",
          "payments",
          "partitions");

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void shouldMeasureEveryFigureAtTinySize() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Map<String, Object> result =
        new Bench(
                new Bench.Options(
                    Path.of("config", "screener.properties"),
                    Map.of(),
                    3_000,
                    1,
                    500,
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(1),
                    1,
                    20,
                    3,
                    Map.of(),
                    true,
                    1,
                    false,
                    300,
                    2),
                new PrintStream(text, true, StandardCharsets.UTF_8))
            .run();

    String json = Bench.json(result);
    for (String key : KEYS) {
      assertTrue(json.contains("\"" + key + "\": "), () -> key + " missing in " + json);
    }
    assertEquals(3_000L, result.get("payments"));
    assertEquals(1, result.get("partitions"));
    assertEquals(
        "rocksdb", result.get("stateStore"), "the shipped store kind, named in the figures");
    assertEquals("payeeId", result.get("paymentKey"));
    // The commit intervals each phase ran with: the shipped exactly-once default for throughput,
    // the option for the exactly-once latency run, and the at-least-once default.
    assertEquals("100", result.get("throughputCommitIntervalMs"), json);
    assertEquals("20", result.get("commitIntervalMsExactlyOnce"), json);
    assertEquals("1000", result.get("commitIntervalMsAtLeastOnce"), json);
    // The history spans the days asked for, not the generator's one day for 3,000 payments.
    assertEquals(2L, result.get("historyDays"));
    assertEquals(true, result.get("passThroughComplete"), json);
    assertEquals(true, result.get("screenerComplete"), json);
    assertTrue(number(result, "passThroughPerSec") > 0, json);
    assertTrue(number(result, "screenerPerSec") > 0, json);
    assertTrue(number(result, "ratio") > 0, json);
    assertTrue(number(result, "screenerColdPerSec") > 0, json);
    // One more pass (at most one was allowed) exactly when the JIT was still busy in the cold run.
    assertEquals(
        number(result, "screenerJitShareCold") > Bench.JIT_QUIET ? 1 : 0,
        result.get("screenerWarmupPasses"),
        json);
    // The JIT figure is the JVM's compile time (elapsed, per finished compilation), not CPU: on a
    // loaded machine it can exceed the CPU figure, so only its arithmetic is checked, within what
    // the figures' rounding allows (share and seconds to 0.001, microseconds to 0.1).
    double jitShare = number(result, "screenerJitShare");
    double seconds = number(result, "screenerSeconds");
    assertEquals(
        jitShare * 1e6 * seconds / 3_000,
        number(result, "screenerJitMicrosPerPayment"),
        1e6 / 3_000 * 0.0005 * (seconds + jitShare + 0.0005) + 0.05 + 1e-9,
        json);
    // A decision (or dead letter) for each payment among what the screener wrote (counted by
    // offsets, so exactly-once's transaction markers count too), and state besides: the record
    // cache may coalesce a busy payee's writes, so fewer state writes than payments is fine.
    Map<String, Long> written = new HashMap<>();
    Matcher topic =
        Pattern.compile("([a-z-]+)=([0-9]+)")
            .matcher(String.valueOf(result.get("screenerRecordsWritten")));
    while (topic.find()) {
      written.put(topic.group(1), Long.parseLong(topic.group(2)));
    }
    assertTrue(
        Stream.of(
                    "payments-blocked",
                    "payments-flagged",
                    "payments-cleared",
                    "payments-dead-letter")
                .mapToLong(t -> written.getOrDefault(t, 0L))
                .sum()
            >= 3_000L,
        json);
    // The record cache coalesced the account writes of payees paid more than once within a commit:
    // without it, every payment's leg wrote its account record (3,080 for the 3,000 payments).
    long accountWrites = written.getOrDefault("account-activity-changelog", 0L);
    assertTrue(accountWrites > 0 && accountWrites < 3_000, json);
    // Likewise the ladder entry of an account struck by several payments within a commit. Without
    // the cache nearly every account event wrote it (160 changelog offsets, transaction markers
    // included, for 167 events; with it 98).
    long accountEvents = written.getOrDefault("enforcement-by-account-repartition", 0L);
    long ladderWrites = written.getOrDefault("account-enforcement-changelog", 0L);
    assertTrue(
        accountEvents > 0 && ladderWrites > 0 && ladderWrites * 10 < accountEvents * 9, json);
    assertTrue(number(result, "screenerRecordsWrittenPerPayment") > 1, json);
    // The stateful reference: every payment through one get and put, and out again.
    assertEquals(true, result.get("statefulReferenceComplete"), json);
    assertTrue(
        number(result, "statefulReferencePerSec") > 0
            && number(result, "statefulReferenceColdPerSec") > 0,
        json);
    assertEquals(
        Math.round(
                1000 * number(result, "screenerPerSec") / number(result, "statefulReferencePerSec"))
            / 1000.0,
        number(result, "ratioStateful"),
        0.0011,
        json);
    // CPU a payment: more than nothing, less than the whole timed window on every core.
    double cpu = number(result, "screenerCpuMicrosPerPayment");
    double windowMicrosPerPayment = 1e6 * number(result, "screenerSeconds") / 3_000;
    assertTrue(
        cpu > 0 && cpu <= windowMicrosPerPayment * Runtime.getRuntime().availableProcessors() + 1,
        json);
    assertEquals(
        number(result, "p99MsExactlyOnce") - number(result, "referenceRoundTripP99Ms"),
        number(result, "p99OverReferenceMsExactlyOnce"),
        json);
    assertEquals(
        number(result, "p99MsAtLeastOnce") - number(result, "referenceRoundTripP99Ms"),
        number(result, "p99OverReferenceMsAtLeastOnce"),
        json);
    // Kafka's own tools, parsed from their output: all the records they were asked for, in order.
    assertTrue(number(result, "referenceRecordBytes") > 50, json);
    assertTrue(number(result, "referenceProducerPerSec") > 0, json);
    assertEquals(300L, result.get("referenceRoundTrips"), json);
    assertEquals(
        1_500L,
        result.get("referenceProducerRecordsAtRate"),
        "3 s at 500/s after the warm-up: " + json);
    for (String tool : List.of("referenceProducer%sMsAtRate", "referenceRoundTrip%sMs")) {
      double p50 = number(result, tool.formatted("P50"));
      double p99 = number(result, tool.formatted("P99"));
      double p999 = number(result, tool.formatted("P999"));
      assertTrue(0 <= p50 && p50 <= p99 && p99 <= p999, () -> tool + ": " + json);
    }
    // Every 20 ms against once a second, over the same seconds: the commit intervals took effect.
    assertTrue(
        number(result, "commitsExactlyOnce") > 5 * number(result, "commitsAtLeastOnce"), json);
    for (String profile : List.of("ExactlyOnce", "AtLeastOnce")) {
      double p50 = number(result, "p50Ms" + profile);
      double p99 = number(result, "p99Ms" + profile);
      double p999 = number(result, "p999Ms" + profile);
      assertTrue(0 <= p50 && p50 <= p99 && p99 <= p999, () -> profile + ": " + json);
      // Each payment's way split at its broker append time: both legs are parts of the whole, for
      // every payment, so no percentile of a leg can exceed the whole's.
      for (String leg : List.of("inputHop", "fromInput")) {
        double legP50 = number(result, leg + "P50Ms" + profile);
        double legP99 = number(result, leg + "P99Ms" + profile);
        double legP999 = number(result, leg + "P999Ms" + profile);
        assertTrue(
            0 <= legP50 && legP50 <= legP99 && legP99 <= legP999,
            () -> leg + " " + profile + ": " + json);
        assertTrue(
            legP50 <= p50 && legP99 <= p99 && legP999 <= p999,
            () -> leg + " " + profile + ": " + json);
      }
      // The screener's part includes a fetch and a produce round trip: never 0 ms for most payments
      // (a split subtracted the wrong way round would record 0 for every one).
      assertTrue(number(result, "fromInputP50Ms" + profile) >= 1, () -> profile + ": " + json);
      // The collections the shared JVM paused for while the measured payments were under way: a
      // difference of two readings, taken in order.
      double gcPauses = number(result, "gcPauses" + profile);
      double gcPauseMs = number(result, "gcPauseMs" + profile);
      assertTrue(
          gcPauses >= 0 && gcPauseMs >= 0 && (gcPauses > 0 || gcPauseMs == 0),
          () -> profile + ": " + json);
      // The stream threads' commits while the measured payments were under way, from Kafka
      // Streams' own thread metrics.
      double commits = number(result, "commits" + profile);
      double commitAvg = number(result, "commitAvgMs" + profile);
      double commitMax = number(result, "commitMaxMs" + profile);
      assertTrue(commits > 0 && 0 < commitAvg && commitAvg <= commitMax, () -> profile + json);
      assertEquals(result.get("sent" + profile), result.get("decided" + profile), json);
      assertEquals(
          result.get("sentWithStart" + profile), result.get("decidedWithStart" + profile), json);
      assertEquals(
          number(result, "sent" + profile) + 500,
          number(result, "sentWithStart" + profile),
          "a second's warm-up at 500/s");
      assertTrue(
          number(result, "p50MsWithStart" + profile) <= number(result, "p99MsWithStart" + profile),
          json);
      double rate = number(result, "achievedRate" + profile);
      assertTrue(rate > 250 && rate <= 550, () -> "offered 500/s, measured seconds only: " + json);
    }
  }

  private static double number(Map<String, Object> result, String key) {
    return ((Number) result.get(key)).doubleValue();
  }
}
