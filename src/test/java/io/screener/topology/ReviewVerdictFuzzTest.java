package io.screener.topology;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.ReviewVerdict;

/**
 * The analysts' verdicts feed's decoder: any bytes decode to a usable record or are rejected with a
 * reason.
 */
class ReviewVerdictFuzzTest {
  private static final FeedDecoding<ReviewVerdict> FEED =
      new FeedDecoding<>("review-verdicts", ReviewVerdict.class, FeedValidation::verdicts);

  @FuzzTest(maxDuration = "10s")
  void shouldDecodeOrRejectAnyBytesWithAReason(byte[] input) {
    FEED.decodeOrReject(input);
  }
}
