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
    long[] inflow = AccountActivity.inflowArray(inflows);
    for (int i = 0; i < inflows; i++) {
      AccountActivity.setInflow(inflow, i, buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }
    long[] turnoverTimes = new long[turnovers];
    for (int i = 0; i < turnovers; i++) {
      turnoverTimes[i] = buffer.getLong();
    }
    return new AccountActivity(inflow, inflows, turnoverTimes, turnovers, lastTurnover, lastSeen);
  }
}
