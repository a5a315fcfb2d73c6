package io.screener.domain.behaviour;

import io.screener.domain.LotPrice;
import java.nio.ByteBuffer;

/**
 * Binary form of {@link AccountActivity} for state stores: a version byte, then fixed-width fields.
 * Version 2 added each inflow's USDT lot; version 1 records (state written by an earlier build) still
 * decode, their inflows read as no lot.
 */
public final class AccountActivityCodec {
  private static final byte VERSION = 2;
  private static final byte VERSION_1 = 1;

  private AccountActivityCodec() {}

  public static byte[] encode(AccountActivity activity) {
    int inflows = activity.inflowCount();
    int turnovers = activity.turnoverCount();
    ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 8 + 4 + 4 + inflows * 40 + turnovers * 8);
    buffer.put(VERSION).putLong(activity.lastSeen()).putLong(activity.lastTurnoverMillis());
    buffer.putInt(inflows).putInt(turnovers);
    for (int i = 0; i < inflows; i++) {
      buffer.putLong(activity.inflowTime(i)).putLong(activity.payerKey(i));
      buffer.putLong(activity.amount(i)).putLong(activity.deviceKey(i)).putLong(activity.lot(i));
    }
    for (int i = 0; i < turnovers; i++) {
      buffer.putLong(activity.turnoverTime(i));
    }
    return buffer.array();
  }

  public static AccountActivity decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte version = buffer.get();
    if (version != VERSION && version != VERSION_1) {
      throw new IllegalArgumentException("unknown account activity format version " + version);
    }
    long lastSeen = buffer.getLong();
    long lastTurnover = buffer.getLong();
    int inflows = buffer.getInt();
    int turnovers = buffer.getInt();
    long[] inflow = AccountActivity.inflowArray(inflows);
    for (int i = 0; i < inflows; i++) {
      AccountActivity.setInflow(
          inflow,
          i,
          buffer.getLong(),
          buffer.getLong(),
          buffer.getLong(),
          buffer.getLong(),
          version == VERSION_1 ? LotPrice.NONE : buffer.getLong());
    }
    long[] turnoverTimes = new long[turnovers];
    for (int i = 0; i < turnovers; i++) {
      turnoverTimes[i] = buffer.getLong();
    }
    return new AccountActivity(inflow, inflows, turnoverTimes, turnovers, lastTurnover, lastSeen);
  }
}
