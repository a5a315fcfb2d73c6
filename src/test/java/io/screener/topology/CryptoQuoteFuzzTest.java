package io.screener.topology;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.CryptoQuote;

/** The quotes feed's decoder: any bytes decode to a usable record or are rejected with a reason. */
class CryptoQuoteFuzzTest {
  private static final FeedDecoding<CryptoQuote> FEED =
      new FeedDecoding<>("crypto-quotes", CryptoQuote.class, FeedValidation::quotes);

  @FuzzTest(maxDuration = "10s")
  void shouldDecodeOrRejectAnyBytesWithAReason(byte[] input) {
    FEED.decodeOrReject(input);
  }
}
