package io.screener.domain.behaviour;

import static io.screener.domain.StateBytes.MAX_VARINT;

import io.screener.domain.LotPrice;
import io.screener.domain.StateBytes.Reader;
import io.screener.domain.StateBytes.Writer;
import io.screener.domain.UnreadableStateException;
import java.nio.ByteBuffer;

/**
 * Binary form of {@link AccountActivity} for state stores: a format byte, then the fields. Every
 * format a release wrote still decodes:
 *
 * <ul>
 *   <li>1: fixed-width big-endian fields: last seen, last turnover lag, inflow and turnover counts,
 *       each inflow as {@code time, payer key, amount, device key}, the turnover times;
 *   <li>2: as 1, each inflow with its USDT lot after the device key (a format-1 inflow reads as no
 *       lot);
 *   <li>3: compact: last seen (8 bytes), then zig-zag varints for the last turnover lag, the
 *       counts, amounts, lots and every time (as its distance back from last seen), eight bytes for
 *       each hash (payer, device, leg), eight for the latest spilled leg's time; after the inflows
 *       and turnovers, the remembered legs and the remembered payers ({@code count}, then {@code
 *       key, time} each). A format-1 or -2 record reads as one that remembers no legs and no payers
 *       (state written before this format kept them in the {@code seen-transactions} and {@code
 *       payer-payee-pairs} stores).
 *   <li>4: as 3, then the merchant evidence on record: its points as a varint (0: none), and when
 *       there are any, its time as its distance back from last seen. A format-3 record reads as one
 *       with none on record.
 * </ul>
 *
 * A format this build does not know is refused with {@link UnreadableStateException}.
 */
public final class AccountActivityCodec {
  /** The format this build writes. */
  public static final byte FORMAT = 4;

  private static final byte FORMAT_1 = 1;
  private static final byte FORMAT_2 = 2;
  private static final byte FORMAT_3 = 3;

  private AccountActivityCodec() {}

  public static byte[] encode(AccountActivity activity) {
    int inflows = activity.inflowCount();
    int turnovers = activity.turnoverCount();
    TimedKeys legs = activity.legs();
    TimedKeys payers = activity.payers();
    long lastSeen = activity.lastSeen();
    Writer out =
        Writer.of(
            1
                + 8
                + 3 * MAX_VARINT
                + 8
                + 2 * MAX_VARINT
                + inflows * (16 + 3 * MAX_VARINT)
                + turnovers * MAX_VARINT
                + (legs.size() + payers.size()) * (8 + MAX_VARINT)
                + 2 * MAX_VARINT);
    out.put(FORMAT);
    out.putLong(lastSeen);
    out.putVarLong(activity.lastTurnoverMillis());
    out.putVarLong(inflows);
    out.putVarLong(turnovers);
    for (int i = 0; i < inflows; i++) {
      out.putVarLong(lastSeen - activity.inflowTime(i));
      out.putLong(activity.payerKey(i));
      out.putVarLong(activity.amount(i));
      out.putLong(activity.deviceKey(i));
      out.putVarLong(activity.lot(i));
    }
    for (int i = 0; i < turnovers; i++) {
      out.putVarLong(lastSeen - activity.turnoverTime(i));
    }
    out.putLong(activity.lastSpilled());
    putKeys(out, legs, lastSeen);
    putKeys(out, payers, lastSeen);
    int evidence = activity.merchantEvidencePoints();
    out.putVarLong(evidence);
    if (evidence > 0) {
      out.putVarLong(lastSeen - activity.merchantEvidenceAt());
    }
    return out.bytes();
  }

  public static AccountActivity decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new UnreadableStateException("account activity", "an empty value");
    }
    try {
      return bytes[0] == FORMAT || bytes[0] == FORMAT_3
          ? decodeCompact(new Reader(bytes, 1), bytes[0] == FORMAT)
          : decode(ByteBuffer.wrap(bytes));
    } catch (java.nio.BufferUnderflowException
        | NegativeArraySizeException
        | IndexOutOfBoundsException e) {
      throw new UnreadableStateException(
          "account activity", "a value of " + bytes.length + " bytes cut short or damaged");
    }
  }

  /** Formats 1 and 2: fixed-width fields. */
  private static AccountActivity decode(ByteBuffer buffer) {
    byte format = buffer.get();
    if (format != FORMAT_2 && format != FORMAT_1) {
      throw new UnreadableStateException(
          "account activity", "format " + format + " (this build reads 1 to " + FORMAT + ")");
    }
    long lastSeen = buffer.getLong();
    long lastTurnover = buffer.getLong();
    int inflows = buffer.getInt();
    int turnovers = buffer.getInt();
    // Counts a damaged value could hold are checked against its length before anything is
    // allocated.
    if (inflows < 0
        || turnovers < 0
        || (long) inflows * 32 + (long) turnovers * 8 > buffer.remaining()) {
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
    return new AccountActivity(
        inflow,
        inflows,
        turnoverTimes,
        turnovers,
        lastTurnover,
        lastSeen,
        new TimedKeys(),
        new TimedKeys(),
        AccountActivity.NEVER);
  }

  /**
   * Formats 3 and 4: varints for what is small (counts, amounts, times as distances), eight bytes
   * for hashes; format 4 ends with the merchant evidence.
   */
  private static AccountActivity decodeCompact(Reader in, boolean withMerchantEvidence) {
    long lastSeen = in.getLong();
    long lastTurnover = in.getVarLong();
    int inflows = in.getCount(18);
    int turnovers = in.getCount(1);
    long[] inflow = AccountActivity.inflowArray(inflows);
    for (int i = 0; i < inflows; i++) {
      long time = lastSeen - in.getVarLong();
      long payer = in.getLong();
      long amount = in.getVarLong();
      long device = in.getLong();
      AccountActivity.setInflow(inflow, i, time, payer, amount, device, in.getVarLong());
    }
    long[] turnoverTimes = new long[turnovers];
    for (int i = 0; i < turnovers; i++) {
      turnoverTimes[i] = lastSeen - in.getVarLong();
    }
    long lastSpilled = in.getLong();
    TimedKeys legs = keys(in, lastSeen);
    TimedKeys payers = keys(in, lastSeen);
    int evidence = 0;
    long evidenceAt = AccountActivity.NEVER;
    if (withMerchantEvidence) {
      long points = in.getVarLong();
      // A score's share: a damaged value is refused like a count past the end.
      if (points < 0 || points > 1_000) {
        throw new IndexOutOfBoundsException();
      }
      evidence = (int) points;
      if (evidence > 0) {
        evidenceAt = lastSeen - in.getVarLong();
      }
    }
    if (in.remaining() != 0) {
      throw new IndexOutOfBoundsException();
    }
    AccountActivity activity =
        new AccountActivity(
            inflow,
            inflows,
            turnoverTimes,
            turnovers,
            lastTurnover,
            lastSeen,
            legs,
            payers,
            lastSpilled);
    activity.restoreMerchantEvidence(evidence, evidenceAt);
    return activity;
  }

  /** A count, then each key (eight bytes) and its time as its distance from {@code lastSeen}. */
  private static void putKeys(Writer out, TimedKeys keys, long lastSeen) {
    out.putVarLong(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      out.putLong(keys.key(i));
      out.putVarLong(lastSeen - keys.time(i));
    }
  }

  private static TimedKeys keys(Reader in, long lastSeen) {
    int size = in.getCount(9);
    long[] entries = new long[2 * Math.max(4, size)];
    for (int i = 0; i < size; i++) {
      entries[2 * i] = in.getLong();
      entries[2 * i + 1] = lastSeen - in.getVarLong();
    }
    return new TimedKeys(entries, size);
  }
}
