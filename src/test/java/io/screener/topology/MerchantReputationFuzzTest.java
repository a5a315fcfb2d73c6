package io.screener.topology;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.MerchantReputation;

/**
 * The merchant reputation feed's decoder: any bytes decode to a usable record or are rejected with
 * a reason.
 */
class MerchantReputationFuzzTest {
  private static final FeedDecoding<MerchantReputation> FEED =
      new FeedDecoding<>(
          "merchant-reputation", MerchantReputation.class, FeedValidation::merchants);

  @FuzzTest(maxDuration = "10s")
  void shouldDecodeOrRejectAnyBytesWithAReason(byte[] input) {
    FEED.decodeOrReject(input);
  }
}
