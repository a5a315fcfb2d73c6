package io.screener.domain.behaviour;

import io.screener.domain.LotPrice;
import io.screener.domain.UnreadableStateException;
import java.nio.ByteBuffer;

/**
 * Binary form of {@link AccountActivity} for state stores: a format byte, then fixed-width
 * big-endian fields. Every format a release wrote still decodes:
 *
 * <ul>
 *   <li>1: last seen, last turnover lag, inflow and turnover counts, each inflow as {@code time,
 *       payer key, amount, device key}, the turnover times;
 *   <li>2: as 1, each inflow with its USDT lot after the device key (a format-1 inflow reads as no
 *       lot);
 *   <li>3: as 2, then the latest spilled leg's time, the remembered legs ({@code count}, then {@code
 *       key, time} each) and the remembered payers (the same). A format-1 or -2 record reads as one
 *       that remembers no legs and no payers (state written before this format kept them in the
 *       {@code seen-transactions} and {@code payer-payee-pairs} stores).
 * </ul>
 *
 * A format this build does not know is refused with {@link UnreadableStateException}.
 */
public final class AccountActivityCodec {
  /** The format this build writes. */
  public static final byte FORMAT = 3;
  private static final byte FORMAT_1 = 1;
  private static final byte FORMAT_2 = 2;

  private AccountActivityCodec() {}

  public static byte[] encode(AccountActivity activity) {
    int inflows = activity.inflowCount();
    int turnovers = activity.turnoverCount();
    TimedKeys legs = activity.legs();
    TimedKeys payers = activity.payers();
    ByteBuffer buffer = ByteBuffer.allocate(
        1 + 8 + 8 + 4 + 4 + inflows * 40 + turnovers * 8 + 8 + 4 + legs.size() * 16 + 4 + payers.size() * 16);
    buffer.put(FORMAT).putLong(activity.lastSeen()).putLong(activity.lastTurnoverMillis());
    buffer.putInt(inflows).putInt(turnovers);
    for (int i = 0; i < inflows; i++) {
      buffer.putLong(activity.inflowTime(i)).putLong(activity.payerKey(i));
      buffer.putLong(activity.amount(i)).putLong(activity.deviceKey(i)).putLong(activity.lot(i));
    }
    for (int i = 0; i < turnovers; i++) {
      buffer.putLong(activity.turnoverTime(i));
    }
    buffer.putLong(activity.lastSpilled());
    putKeys(buffer, legs);
    putKeys(buffer, payers);
    return buffer.array();
  }

  public static AccountActivity decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new UnreadableStateException("account activity", "an empty value");
    }
    try {
      return decode(ByteBuffer.wrap(bytes));
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException | IndexOutOfBoundsException e) {
      throw new UnreadableStateException("account activity", "a value of " + bytes.length + " bytes cut short or damaged");
    }
  }

  private static AccountActivity decode(ByteBuffer buffer) {
    byte format = buffer.get();
    if (format != FORMAT && format != FORMAT_2 && format != FORMAT_1) {
      throw new UnreadableStateException("account activity", "format " + format + " (this build reads 1 to " + FORMAT + ")");
    }
    long lastSeen = buffer.getLong();
    long lastTurnover = buffer.getLong();
    int inflows = buffer.getInt();
    int turnovers = buffer.getInt();
    // Counts a damaged value could hold are checked against its length before anything is allocated.
    if (inflows < 0 || turnovers < 0 || (long) inflows * 32 + (long) turnovers * 8 > buffer.remaining()) {
      throw new IndexOutOfBoundsException();
    }
    long[] inflow = AccountActivity.inflowArray(inflows);
    for (int i = 0; i < inflows; i++) {
      AccountActivity.setInflow(
          inflow,
          i,
          buffer.getLong(),
          buffer.getLong(),
          buffer.getLong(),
          buffer.getLong(),
          format == FORMAT_1 ? LotPrice.NONE : buffer.getLong());
    }
    long[] turnoverTimes = new long[turnovers];
    for (int i = 0; i < turnovers; i++) {
      turnoverTimes[i] = buffer.getLong();
    }
    if (format < FORMAT) {
      return new AccountActivity(inflow, inflows, turnoverTimes, turnovers, lastTurnover, lastSeen,
          new TimedKeys(), new TimedKeys(), AccountActivity.NEVER);
    }
    long lastSpilled = buffer.getLong();
    TimedKeys legs = keys(buffer);
    TimedKeys payers = keys(buffer);
    return new AccountActivity(
        inflow, inflows, turnoverTimes, turnovers, lastTurnover, lastSeen, legs, payers, lastSpilled);
  }

  private static void putKeys(ByteBuffer buffer, TimedKeys keys) {
    buffer.putInt(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      buffer.putLong(keys.key(i)).putLong(keys.time(i));
    }
  }

  private static TimedKeys keys(ByteBuffer buffer) {
    int size = buffer.getInt();
    if (size < 0 || (long) size * 16 > buffer.remaining()) {
      throw new IndexOutOfBoundsException();
    }
    long[] entries = new long[2 * Math.max(4, size)];
    for (int i = 0; i < size; i++) {
      entries[2 * i] = buffer.getLong();
      entries[2 * i + 1] = buffer.getLong();
    }
    return new TimedKeys(entries, size);
  }
}
