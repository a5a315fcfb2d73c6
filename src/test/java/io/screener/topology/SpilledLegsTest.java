package io.screener.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.screener.domain.behaviour.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.internals.WindowKeySchema;
import org.junit.jupiter.api.Test;

/**
 * The {@code spilled-legs} key: the changelog key the window store of the releases up to 2026-12-07
 * wrote for the same leg, so this build's store restores from that changelog as it stands.
 */
class SpilledLegsTest {
  private static final long T0 = 1_767_571_200_000L;

  /** What the release of 2026-12-07 logged for leg tx-spilled of busy-payee, delivered at T0. */
  static final String RELEASED_KEY = "627573792d70617965655b8e8964184ceb430000019b8b74180000000000";

  @Test
  void shouldWriteTheKeyTheWindowStoreOfThePreviousReleaseLogged() {
    long leg = Keys.receivedLeg("tx-spilled");
    Bytes key = SpilledLegs.key("busy-payee", leg, T0);
    assertEquals(RELEASED_KEY, HexFormat.of().formatHex(key.get()));
    // Kafka Streams' own window key for a store that keeps no duplicates (sequence number 0).
    byte[] id = "busy-payee".getBytes(StandardCharsets.UTF_8);
    Bytes recordKey = Bytes.wrap(ByteBuffer.allocate(id.length + 8).put(id).putLong(leg).array());
    assertEquals(WindowKeySchema.toStoreKeyBinary(recordKey, T0, 0), key);
    assertEquals(T0, SpilledLegs.time(key));
  }

  @Test
  void shouldReadTheTimeOfTheOldReleasesMarker() {
    // The marker: the empty record key, at a sweep's stream time.
    assertEquals(
        T0, SpilledLegs.time(WindowKeySchema.toStoreKeyBinary(Bytes.wrap(new byte[0]), T0, 0)));
  }

  @Test
  void shouldOrderOneLegsKeysByTimeAndTellAnotherAccountsApart() {
    long leg = Keys.receivedLeg("tx-1");
    Bytes earlier = SpilledLegs.key("acct", leg, T0);
    Bytes later = SpilledLegs.key("acct", leg, T0 + 1);
    assertTrue(earlier.compareTo(later) < 0, "a leg's keys sort by time");
    // A key of an account whose id extends "acct" by the leg key's first byte (its leg key, time
    // and sequence number the rest) can sort inside acct's range: only its length tells it apart.
    Bytes other =
        Bytes.wrap(ByteBuffer.allocate(earlier.get().length + 1).put(earlier.get()).array());
    assertTrue(earlier.compareTo(other) < 0 && other.compareTo(later) < 0, "inside the range");
    assertTrue(SpilledLegs.sameLeg(later, earlier));
    assertFalse(SpilledLegs.sameLeg(other, earlier));
  }
}
