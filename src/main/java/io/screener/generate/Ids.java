package io.screener.generate;

import java.time.LocalDate;

/**
 * Account, device and transaction identifiers. Every account has an index in one numeric space
 * (consumers from 0, other populations in their own ranges); its id is a seeded bijection of that
 * index written in hex, so ids look random, differ per seed, and never collide.
 */
final class Ids {
  static final long VENDORS = 1L << 40;
  static final long LANDLORDS = 2L << 40;
  static final long DEALERS = 3L << 40;
  static final long UPSTREAMS = 4L << 40;
  static final long FARM_ACCOUNTS = 5L << 40;
  static final long COMPANIES = 6L << 40;
  static final long BANK_CARDS = 7L << 40;
  static final long MERCHANTS = 8L << 40;
  static final long FARM_DEVICES = 9L << 40;

  private static final String ZEROS = "0000000000000000";

  private final long salt;
  private final long deviceSalt;
  private final String historyTag;

  Ids(long seed) {
    salt = mix(seed ^ 0x5DEECE66DL);
    deviceSalt = mix(seed ^ 0xD1B54A32D192ED03L);
    historyTag = hex16(mix(seed ^ 0x7A6)).substring(10);
  }

  /** MurmurHash3's 64-bit finalizer: a bijection, so distinct inputs give distinct outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  static String hex16(long value) {
    String hex = Long.toHexString(value);
    return ZEROS.substring(hex.length()) + hex;
  }

  /** A personal account (WeChat-style {@code wxid_...}). */
  String person(long index) {
    return "wxid_" + hex16(mix(index ^ salt));
  }

  String merchant(long index) {
    return "mch_" + hex16(mix((MERCHANTS + index) ^ salt));
  }

  String company(long index) {
    return "corp_" + hex16(mix((COMPANIES + index) ^ salt));
  }

  String bankCard(long index) {
    return "card_" + hex16(mix((BANK_CARDS + index) ^ salt));
  }

  /** The phone an account normally pays from. */
  String device(long index) {
    return "dev_" + hex16(mix(index ^ deviceSalt));
  }

  /**
   * Transaction ids sort like (local date, emission order), so sorting by (event time, id) is the
   * order the payments were emitted in; a tag from the seed keeps histories of different seeds
   * apart when both go to one topic (the screener drops repeated transaction ids).
   */
  String transaction(LocalDate day, long sequence) {
    String number = Long.toString(sequence);
    return "tx"
        + day.getYear()
        + two(day.getMonthValue())
        + two(day.getDayOfMonth())
        + "-"
        + "0000000000".substring(Math.min(10, number.length()))
        + number
        + "-"
        + historyTag;
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }
}
