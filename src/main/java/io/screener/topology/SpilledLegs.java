package io.screener.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Layout of the {@code spilled-legs} window store: the key is the account id's UTF-8 bytes followed
 * by the leg's 8-byte key ({@link io.screener.domain.behaviour.Keys#receivedLeg}, {@link
 * io.screener.domain.behaviour.Keys#sentLeg}), big-endian; the window's start is the leg's first
 * delivery (stream time); the value is one format byte. Format 1 is the only one so far.
 *
 * <p>Beside the legs, the store holds a {@link #MARKER} under the empty key, which no leg has (a
 * leg's key is at least its 8 bytes): it is there so that the store always has a segment. Kafka
 * Streams 4.3 keeps a window store's committed changelog offset in its segments, so a store without
 * one (every leg past the retention, or none ever spilled, the usual case) reports none; under
 * exactly-once a task whose other stores hold data then counts as corrupted on its next start, and
 * its whole state (the account records too) is wiped and restored from the changelogs ("did not
 * find checkpoint offsets while stores are not empty"), even after a clean shutdown. The marker
 * takes a write per sweep; a read of a leg never meets it.
 */
final class SpilledLegs {
  static final byte FORMAT = 1;
  static final byte[] VALUE = {FORMAT};

  /** The key of the marker that keeps the store from having no segment (see the class comment). */
  static final Bytes MARKER = Bytes.wrap(new byte[0]);

  private SpilledLegs() {}

  static Bytes key(String accountId, long legKey) {
    byte[] id = accountId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(id.length + 8).put(id).putLong(legKey).array());
  }
}
