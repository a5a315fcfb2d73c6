package io.screener.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A header carrying the wall-clock time the intake read a payment, so the scorer (after the
 * repartition hop, possibly on another instance) can report the whole-record latency. The scorer
 * removes it again: decisions carry no internal headers.
 */
final class ReceivedAt {
  static final String HEADER = "screener.received-at";

  private ReceivedAt() {}

  /** A copy of the headers with the stamp; the input record's own headers stay untouched. */
  static Headers stamped(Headers headers, long wallClockMillis) {
    RecordHeaders copy = new RecordHeaders(headers.toArray());
    copy.remove(HEADER);
    copy.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(wallClockMillis).array());
    return copy;
  }

  /** Removes the stamp and returns its time, or -1 when there is none. */
  static long take(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    headers.remove(HEADER);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return -1;
    }
    return ByteBuffer.wrap(header.value()).getLong();
  }
}
