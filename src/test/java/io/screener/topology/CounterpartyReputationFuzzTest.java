package io.screener.topology;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.CounterpartyReputation;

/**
 * The counterparty reputation feed's decoder: any bytes decode to a usable record or are rejected
 * with a reason.
 */
class CounterpartyReputationFuzzTest {
  private static final FeedDecoding<CounterpartyReputation> FEED =
      new FeedDecoding<>(
          "counterparty-reputation", CounterpartyReputation.class, FeedValidation::counterparties);

  @FuzzTest(maxDuration = "10s")
  void shouldDecodeOrRejectAnyBytesWithAReason(byte[] input) {
    FEED.decodeOrReject(input);
  }
}
