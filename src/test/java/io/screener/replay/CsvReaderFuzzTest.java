package io.screener.replay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * The replay's CSV reader: any file reads as records and bad records with reasons, or is
 * unreadable.
 */
class CsvReaderFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void shouldReadRecordsOrRefuseTheFile(byte[] input) throws IOException {
    ReaderFuzzing.readOrRefuse(input, ".csv");
  }
}
