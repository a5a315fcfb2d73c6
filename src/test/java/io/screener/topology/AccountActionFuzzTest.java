package io.screener.topology;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.screener.avro.AccountAction;

/**
 * The account actions feed's decoder: any bytes decode to a usable record or are rejected with a
 * reason.
 */
class AccountActionFuzzTest {
  private static final FeedDecoding<AccountAction> FEED =
      new FeedDecoding<>("account-actions", AccountAction.class, FeedValidation::actions);

  @FuzzTest(maxDuration = "10s")
  void shouldDecodeOrRejectAnyBytesWithAReason(byte[] input) {
    FEED.decodeOrReject(input);
  }
}
