package io.screener.domain.enforcement;

import static io.screener.domain.StateBytes.utfBound;

import io.screener.domain.CounterpartyCategory;
import io.screener.domain.StateBytes.Reader;
import io.screener.domain.StateBytes.Writer;
import io.screener.domain.UnreadableStateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of {@link EnforcementState} and {@link ReviewCase} for state stores: a version byte,
 * then the fields in order, big-endian, strings as {@link java.io.DataOutput#writeUTF} writes them
 * (the format was first written through {@code DataOutputStream}; {@link
 * io.screener.domain.StateBytes} writes and reads the same bytes). Bounded: at most {@code
 * enforcement.max-strikes} strikes per account.
 *
 * <p>Version 2 added each strike's ban-worthiness. Version 1 records still decode: a strike of then
 * is ban-worthy when a reputation category's reason was behind it ({@link
 * EnforcementRules#CONFIRMED_CATEGORIES}); an analyst's confirmation of then, which format 1 did
 * not mark, counts as the reasons behind it say. A review case's format is the same in both
 * versions.
 */
public final class EnforcementCodec {
  private static final byte VERSION = 2;
  private static final byte VERSION_1 = 1;

  /**
   * The fixed-width fields of a state: version, status, since, deadline, strikes since the warning,
   * clock, the strikes' count.
   */
  private static final int STATE_FIXED_BYTES = 1 + 1 + 8 + 8 + 4 + 8 + 4;

  /** A strike's fixed-width fields: time, points, code count, ban-worthiness. */
  private static final int STRIKE_FIXED_BYTES = 8 + 4 + 2 + 1;

  /** The published reputation: present, category, risk score, reports, time. */
  private static final int REPUTATION_BYTES = 1 + 1 + 4 + 4 + 8;

  private EnforcementCodec() {}

  public static byte[] encode(EnforcementState s) {
    int bound = STATE_FIXED_BYTES + REPUTATION_BYTES;
    for (Strike strike : s.strikes()) {
      bound +=
          STRIKE_FIXED_BYTES
              + utfBound(strike.transactionId())
              + stringsBound(strike.reasonCodes());
    }
    Writer out = Writer.of(bound);
    out.put(VERSION);
    out.put((byte) s.status().ordinal());
    out.putLong(s.since());
    out.putLong(s.deadline());
    out.putInt(s.strikesSinceWarning());
    out.putLong(s.clock());
    out.putInt(s.strikes().size());
    for (Strike strike : s.strikes()) {
      out.putUtf(strike.transactionId());
      out.putLong(strike.time());
      out.putInt(strike.points());
      putStrings(out, strike.reasonCodes());
      out.putBoolean(strike.banWorthy());
    }
    Reputation r = s.published();
    out.putBoolean(r != null);
    if (r != null) {
      out.put((byte) r.category().ordinal());
      out.putInt(r.riskScore());
      out.putInt(r.reports());
      out.putLong(r.updatedAt());
    }
    return out.bytes();
  }

  public static EnforcementState decodeState(byte[] bytes) {
    Reader in = reader(bytes);
    try {
      boolean version1 = bytes[0] == VERSION_1;
      AccountStatus status = AccountStatus.values()[in.get()];
      long since = in.getLong();
      long deadline = in.getLong();
      int sinceWarning = in.getInt();
      long clock = in.getLong();
      int n = in.getInt();
      // A damaged count is refused before anything is allocated for it. The least a strike takes:
      // an empty id's length, and no ban-worthiness byte (format 1).
      if (n < 0 || (long) n * (2 + STRIKE_FIXED_BYTES - 1) > in.remaining()) {
        throw new IndexOutOfBoundsException();
      }
      List<Strike> strikes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String id = in.getUtf();
        long time = in.getLong();
        int points = in.getInt();
        List<String> codes = getStrings(in);
        boolean banWorthy =
            version1
                ? codes.stream().anyMatch(EnforcementRules.CONFIRMED_CATEGORIES::contains)
                : in.getBoolean();
        strikes.add(new Strike(id, time, points, codes, banWorthy));
      }
      Reputation published = null;
      if (in.getBoolean()) {
        published =
            new Reputation(
                CounterpartyCategory.values()[in.get()], in.getInt(), in.getInt(), in.getLong());
      }
      return new EnforcementState(status, since, deadline, sinceWarning, clock, strikes, published);
    } catch (IndexOutOfBoundsException e) {
      throw damaged(bytes);
    }
  }

  public static byte[] encode(ReviewCase c) {
    Writer out =
        Writer.of(
            1
                + utfBound(c.transactionId())
                + utfBound(c.payeeId())
                + utfBound(c.payerId())
                + 1
                + stringsBound(c.reasonCodes())
                + 8
                + 1);
    out.put(VERSION);
    out.putUtf(c.transactionId());
    out.putUtf(c.payeeId());
    out.putUtf(c.payerId());
    out.putBoolean(c.struck());
    putStrings(out, c.reasonCodes());
    out.putLong(c.eventTime());
    out.put((byte) (c.verdict() == null ? -1 : c.verdict().ordinal()));
    return out.bytes();
  }

  public static ReviewCase decodeCase(byte[] bytes) {
    Reader in = reader(bytes);
    try {
      String id = in.getUtf();
      String payee = in.getUtf();
      String payer = in.getUtf();
      boolean struck = in.getBoolean();
      List<String> codes = getStrings(in);
      long time = in.getLong();
      byte verdict = in.get();
      return new ReviewCase(
          id, payee, payer, struck, codes, time, verdict < 0 ? null : Verdict.values()[verdict]);
    } catch (IndexOutOfBoundsException e) {
      throw damaged(bytes);
    }
  }

  /** A reader after the version byte, which must be one this build reads. */
  private static Reader reader(byte[] bytes) {
    if (bytes.length == 0) {
      throw damaged(bytes);
    }
    byte version = bytes[0];
    if (version != VERSION && version != VERSION_1) {
      throw new UnreadableStateException(
          "enforcement state", "format " + version + " (this build reads 1 to " + VERSION + ")");
    }
    return new Reader(bytes, 1);
  }

  private static UnreadableStateException damaged(byte[] bytes) {
    return new UnreadableStateException(
        "enforcement state", "a value of " + bytes.length + " bytes cut short or damaged");
  }

  private static int stringsBound(List<String> strings) {
    int bound = 2;
    for (String s : strings) {
      bound += utfBound(s);
    }
    return bound;
  }

  private static void putStrings(Writer out, List<String> strings) {
    out.putShort(strings.size());
    for (String s : strings) {
      out.putUtf(s);
    }
  }

  private static List<String> getStrings(Reader in) {
    int n = in.getShort();
    if (n < 0 || 2L * n > in.remaining()) {
      throw new IndexOutOfBoundsException();
    }
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(in.getUtf());
    }
    return strings;
  }
}
