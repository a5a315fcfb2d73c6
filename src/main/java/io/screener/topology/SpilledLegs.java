package io.screener.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Layout of the {@code spilled-legs} window store: the key is the account id's UTF-8 bytes followed
 * by the leg's 8-byte key ({@link io.screener.domain.behaviour.Keys#receivedLeg}, {@link
 * io.screener.domain.behaviour.Keys#sentLeg}), big-endian; the window's start is the leg's first
 * delivery (stream time); the value is one format byte. Format 1 is the only one so far.
 */
final class SpilledLegs {
  static final byte FORMAT = 1;
  static final byte[] VALUE = {FORMAT};

  private SpilledLegs() {}

  static Bytes key(String accountId, long legKey) {
    byte[] id = accountId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(id.length + 8).put(id).putLong(legKey).array());
  }
}
