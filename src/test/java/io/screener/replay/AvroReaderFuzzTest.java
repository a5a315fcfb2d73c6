package io.screener.replay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * The replay's Avro container reader: any file reads as records and bad records with reasons, or is
 * unreadable.
 */
class AvroReaderFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void shouldReadRecordsOrRefuseTheFile(byte[] input) throws IOException {
    ReaderFuzzing.readOrRefuse(input, ".avro");
  }
}
