package io.screener.domain.enforcement;

import io.screener.domain.CounterpartyCategory;
import io.screener.domain.UnreadableStateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of {@link EnforcementState} and {@link ReviewCase} for state stores: a version byte,
 * then the fields in order. Bounded: at most {@code enforcement.max-strikes} strikes per account.
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
   * A strike's usual size (an id, a time, points, two or three reason codes): the buffer is sized
   * for the whole state at once rather than grown by copies through a kilobyte-sized value.
   */
  private static final int STRIKE_BYTES = 128;

  private EnforcementCodec() {}

  public static byte[] encode(EnforcementState s) {
    return write(
        64 + STRIKE_BYTES * s.strikes().size(),
        out -> {
          out.writeByte(s.status().ordinal());
          out.writeLong(s.since());
          out.writeLong(s.deadline());
          out.writeInt(s.strikesSinceWarning());
          out.writeLong(s.clock());
          out.writeInt(s.strikes().size());
          for (Strike strike : s.strikes()) {
            out.writeUTF(strike.transactionId());
            out.writeLong(strike.time());
            out.writeInt(strike.points());
            writeStrings(out, strike.reasonCodes());
            out.writeBoolean(strike.banWorthy());
          }
          Reputation r = s.published();
          out.writeBoolean(r != null);
          if (r != null) {
            out.writeByte(r.category().ordinal());
            out.writeInt(r.riskScore());
            out.writeInt(r.reports());
            out.writeLong(r.updatedAt());
          }
        });
  }

  public static EnforcementState decodeState(byte[] bytes) {
    return read(
        bytes,
        (in, version) -> {
          AccountStatus status = AccountStatus.values()[in.readByte()];
          long since = in.readLong();
          long deadline = in.readLong();
          int sinceWarning = in.readInt();
          long clock = in.readLong();
          int n = in.readInt();
          List<Strike> strikes = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            long time = in.readLong();
            int points = in.readInt();
            List<String> codes = readStrings(in);
            boolean banWorthy =
                version == VERSION_1
                    ? codes.stream().anyMatch(EnforcementRules.CONFIRMED_CATEGORIES::contains)
                    : in.readBoolean();
            strikes.add(new Strike(id, time, points, codes, banWorthy));
          }
          Reputation published = null;
          if (in.readBoolean()) {
            published =
                new Reputation(
                    CounterpartyCategory.values()[in.readByte()],
                    in.readInt(),
                    in.readInt(),
                    in.readLong());
          }
          return new EnforcementState(
              status, since, deadline, sinceWarning, clock, strikes, published);
        });
  }

  public static byte[] encode(ReviewCase c) {
    return write(
        256,
        out -> {
          out.writeUTF(c.transactionId());
          out.writeUTF(c.payeeId());
          out.writeUTF(c.payerId());
          out.writeBoolean(c.struck());
          writeStrings(out, c.reasonCodes());
          out.writeLong(c.eventTime());
          out.writeByte(c.verdict() == null ? -1 : c.verdict().ordinal());
        });
  }

  public static ReviewCase decodeCase(byte[] bytes) {
    return read(
        bytes,
        (in, version) -> {
          String id = in.readUTF();
          String payee = in.readUTF();
          String payer = in.readUTF();
          boolean struck = in.readBoolean();
          List<String> codes = readStrings(in);
          long time = in.readLong();
          byte verdict = in.readByte();
          return new ReviewCase(
              id,
              payee,
              payer,
              struck,
              codes,
              time,
              verdict < 0 ? null : Verdict.values()[verdict]);
        });
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in, byte version) throws IOException;
  }

  private static byte[] write(int expectedBytes, Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedBytes);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION && version != VERSION_1) {
        throw new UnreadableStateException(
            "enforcement state", "format " + version + " (this build reads 1 to " + VERSION + ")");
      }
      return reader.read(in, version);
    } catch (IOException | IndexOutOfBoundsException e) {
      throw new UnreadableStateException(
          "enforcement state", "a value of " + bytes.length + " bytes cut short or damaged");
    }
  }

  private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeShort(strings.size());
    for (String s : strings) {
      out.writeUTF(s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readShort();
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(in.readUTF());
    }
    return strings;
  }
}
