package io.screener.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Layout of the {@code spilled-legs} key-value store. A key is the account id's UTF-8 bytes, the
 * leg's 8-byte key ({@link io.screener.domain.behaviour.Keys#receivedLeg}, {@link
 * io.screener.domain.behaviour.Keys#sentLeg}), the leg's first delivery (stream time, 8 bytes) and
 * four zero bytes, all big-endian; the value is one format byte. Format 1 is the only one so far.
 *
 * <p>The key is, byte for byte, the changelog key of the window store that held the spilled legs in
 * releases up to 2026-12-07 (Kafka Streams' window key: the record key, the window start, a
 * sequence number, which is 0 for a store that keeps no duplicates), and the value is the same: so
 * this store restores from that changelog as it stands, and an upgrade keeps every leg. The marker
 * those releases wrote under the empty record key (a 12-byte key) restores too, and is deleted at
 * its time like a leg.
 *
 * <p>Keys of one account and leg sort by time, so the legs delivered since a cutoff are one range.
 */
final class SpilledLegs {
  static final byte FORMAT = 1;
  static final byte[] VALUE = {FORMAT};

  /** The time and the sequence number after the record key. */
  private static final int SUFFIX = 8 + 4;

  private SpilledLegs() {}

  /** The key of the leg {@code legKey} of {@code accountId}, first delivered at {@code time}. */
  static Bytes key(String accountId, long legKey, long time) {
    byte[] id = accountId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(id.length + 8 + SUFFIX)
            .put(id)
            .putLong(legKey)
            .putLong(time)
            .putInt(0)
            .array());
  }

  /** The time a key holds: when its leg was first delivered. */
  static long time(Bytes key) {
    byte[] bytes = key.get();
    return ByteBuffer.wrap(bytes).getLong(bytes.length - SUFFIX);
  }

  /**
   * Whether {@code key}, found in the range of {@code first}, is of the same account and leg: only
   * its length can differ (an account id that extends another's by a few bytes).
   */
  static boolean sameLeg(Bytes key, Bytes first) {
    return key.get().length == first.get().length;
  }
}
