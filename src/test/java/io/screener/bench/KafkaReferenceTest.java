package io.screener.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The parsing of Kafka's tools' summaries; {@code BenchIntegrationTest} runs the tools themselves.
 */
class KafkaReferenceTest {
  // The shape of kafka-tools 4.3's output: progress lines, log lines, then the summaries.
  private static final String PRODUCER_WITH_WARMUP =
      """
      24999 records sent, 4999.8 records/sec (0.72 MB/sec), 3.1 ms avg latency, 580.0 ms max latency.
      [main] INFO org.apache.kafka.common.utils.AppInfoParser - App info kafka.producer for perf-producer-client unregistered
      125000 records sent, 4995.803525 records/sec (0.72 MB/sec), 6.62 ms avg latency, 580.00 ms max latency, 1 ms 50th, 15 ms 95th, 221 ms 99th, 269 ms 99.9th.
      100000 steady state records sent, 4992.012780 records/sec (0.72 MB/sec), 0.69 ms avg latency, 18.00 ms max latency, 0 ms 50th, 3 ms 95th, 7 ms 99th, 15 ms 99.9th.
      """;

  @Test
  void shouldReadTheSteadyStateSummaryAfterAWarmup() {
    KafkaReference.Producer p = KafkaReference.producerSummary(PRODUCER_WITH_WARMUP, true);
    assertEquals(new KafkaReference.Producer(100_000, 4992.012780, 0, 7, 15), p);
  }

  @Test
  void shouldReadTheWholeRunSummaryWithoutAWarmup() {
    KafkaReference.Producer p = KafkaReference.producerSummary(PRODUCER_WITH_WARMUP, false);
    assertEquals(new KafkaReference.Producer(125_000, 4995.803525, 1, 221, 269), p);
  }

  @Test
  void shouldReadTheRoundTripPercentiles() {
    String output =
        """
        0\t41.93
        1000\t0.78
        Avg latency: 0.9517 ms
        Percentiles: 50th = 0, 99th = 8, 99.9th = 17
        """;
    assertEquals(
        new KafkaReference.RoundTrip(5_000, 0, 8, 17),
        KafkaReference.roundTripSummary(output, 5_000));
  }

  @Test
  void shouldFailNamingTheToolAndShowingWhatItPrintedWhenThereIsNoSummary() {
    String output = "ERROR Topic authorization failed\n";
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> KafkaReference.producerSummary(output, true));
    assertTrue(
        e.getMessage().startsWith("ProducerPerformance printed no line matching"), e.getMessage());
    assertTrue(e.getMessage().endsWith("ERROR Topic authorization failed"), e.getMessage());
    // A progress line is not a summary.
    assertThrows(
        IllegalStateException.class,
        () ->
            KafkaReference.producerSummary(
                PRODUCER_WITH_WARMUP.lines().findFirst().orElseThrow(), false));
    assertThrows(
        IllegalStateException.class,
        () -> KafkaReference.roundTripSummary("Avg latency: 1.0 ms", 10));
  }
}
