package io.screener.domain.behaviour;

import java.nio.ByteBuffer;

/** Binary form of {@link AccountActivity} for state stores: a version byte, then fixed-width fields. */
public final class AccountActivityCodec {
  private static final byte VERSION = 1;

  private AccountActivityCodec() {}

  public static byte[] encode(AccountActivity activity) {
    int inflows = activity.inflowCount();
    int turnovers = activity.turnoverCount();
    ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 8 + 4 + 4 + inflows * 32 + turnovers * 8);
    buffer.put(VERSION).putLong(activity.lastSeen()).putLong(activity.lastTurnoverMillis());
    buffer.putInt(inflows).putInt(turnovers);
    for (int i = 0; i < inflows; i++) {
      buffer.putLong(activity.inflowTime(i)).putLong(activity.payerKey(i));
      buffer.putLong(activity.amount(i)).putLong(activity.deviceKey(i));
    }
    for (int i = 0; i < turnovers; i++) {
      buffer.putLong(activity.turnoverTime(i));
    }
    return buffer.array();
  }

  public static AccountActivity decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte version = buffer.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown account activity format version " + version);
    }
    long lastSeen = buffer.getLong();
    long lastTurnover = buffer.getLong();
    int inflows = buffer.getInt();
    int turnovers = buffer.getInt();
    int capacity = Math.max(4, inflows);
    long[] times = new long[capacity];
    long[] payers = new long[capacity];
    long[] amounts = new long[capacity];
    long[] devices = new long[capacity];
    for (int i = 0; i < inflows; i++) {
      times[i] = buffer.getLong();
      payers[i] = buffer.getLong();
      amounts[i] = buffer.getLong();
      devices[i] = buffer.getLong();
    }
    long[] turnoverTimes = new long[Math.max(2, turnovers)];
    for (int i = 0; i < turnovers; i++) {
      turnoverTimes[i] = buffer.getLong();
    }
    return new AccountActivity(
        times, payers, amounts, devices, inflows, turnoverTimes, turnovers, lastTurnover, lastSeen);
  }
}
