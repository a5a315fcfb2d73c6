package io.screener.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Local time in China (UTC+8, no daylight saving) and the days that change how people pay:
 * weekends, public holidays and red-packet festivals.
 *
 * <p>Holiday periods are the State Council's published schedules for 2026 (New Year 1-3 January,
 * Spring Festival 15-23 February, Qingming 4-6 April, Labour Day 1-5 May, Dragon Boat 19-21 June,
 * Mid-Autumn 25-27 September, National Day 1-7 October) and the lunar dates of 2026 and early 2027
 * (Laba 26 January 2026, Little New Year 10-11 February 2026, New Year's Eve 16 February 2026 and 5
 * February 2027, Lantern Festival 3 March 2026, Qixi 19 August 2026). Outside these years only
 * weekends and the fixed-date days (14 February, 20 May) apply.
 */
final class ShanghaiCalendar {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  private static final long OFFSET = 8 * HOUR;

  private static final LocalDate[] BEFORE_SPRING_FESTIVAL =
      dates("2026-01-20", "2026-02-14", "2027-01-10", "2027-02-04");
  private static final LocalDate[] SPRING_FESTIVAL =
      dates("2026-02-15", "2026-02-23", "2027-02-05", "2027-02-11");
  private static final LocalDate LABA = LocalDate.of(2026, 1, 26);
  private static final LocalDate LANTERN = LocalDate.of(2026, 3, 3);
  private static final LocalDate QIXI = LocalDate.of(2026, 8, 19);

  private static final Map<LocalDate, Double> RED_PACKET_DAYS = new TreeMap<>();
  private static final Map<LocalDate, Boolean> HOLIDAYS = new TreeMap<>();

  static {
    holidays("2026-01-01", "2026-01-03");
    holidays("2026-02-15", "2026-02-23");
    holidays("2026-04-04", "2026-04-06");
    holidays("2026-05-01", "2026-05-05");
    holidays("2026-06-19", "2026-06-21");
    holidays("2026-09-25", "2026-09-27");
    holidays("2026-10-01", "2026-10-07");
    holidays("2027-01-01", "2027-01-03");
    holidays("2027-02-05", "2027-02-11");

    // How many times more red packets than on an ordinary day.
    redPackets("2026-01-01", 3);
    redPackets("2026-01-26", 2.5);
    redPackets("2026-02-10", 3);
    redPackets("2026-02-11", 3);
    redPackets("2026-02-15", 3);
    redPackets("2026-02-16", 12);
    redPackets("2026-02-17", 8);
    redPackets("2026-02-18", 5);
    for (int day = 19; day <= 23; day++) {
      redPackets("2026-02-" + day, 3);
    }
    redPackets("2026-03-03", 4);
    redPackets("2026-03-08", 2);
    redPackets("2026-08-19", 4);
    redPackets("2026-09-25", 4);
    redPackets("2026-10-01", 2.5);
    redPackets("2027-01-01", 3);
    redPackets("2027-02-05", 12);
    redPackets("2027-02-06", 8);
    redPackets("2027-02-07", 5);
  }

  private ShanghaiCalendar() {}

  private static void holidays(String from, String to) {
    for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
      HOLIDAYS.put(d, Boolean.TRUE);
    }
  }

  private static void redPackets(String day, double factor) {
    RED_PACKET_DAYS.put(LocalDate.parse(day), factor);
  }

  static LocalDate date(long epochMillis) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMillis + OFFSET, DAY));
  }

  static int hour(long epochMillis) {
    return (int) (Math.floorMod(epochMillis + OFFSET, DAY) / HOUR);
  }

  /** Epoch millis of local midnight starting {@code day}. */
  static long midnight(LocalDate day) {
    return day.toEpochDay() * DAY - OFFSET;
  }

  static boolean weekend(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
  }

  static boolean holiday(LocalDate day) {
    return HOLIDAYS.containsKey(day);
  }

  /** Days off: weekends and public holidays (stock exchanges are closed). */
  static boolean dayOff(LocalDate day) {
    return weekend(day) || holiday(day);
  }

  /** Valentine's Day, 520 ("I love you") and Qixi: days of 520 and 1314 red packets. */
  static boolean romantic(LocalDate day) {
    return (day.getMonth() == Month.FEBRUARY && day.getDayOfMonth() == 14)
        || (day.getMonth() == Month.MAY && (day.getDayOfMonth() == 20 || day.getDayOfMonth() == 21))
        || day.equals(QIXI);
  }

  /** The weeks before the Lunar New Year: year-end bonuses, company parties, shopping for 年货. */
  static boolean beforeSpringFestival(LocalDate day) {
    return within(day, BEFORE_SPRING_FESTIVAL);
  }

  /** The Spring Festival holiday itself: shops and street stalls close, people go home. */
  static boolean springFestival(LocalDate day) {
    return within(day, SPRING_FESTIVAL);
  }

  static double redPacketFactor(LocalDate day) {
    double factor = RED_PACKET_DAYS.getOrDefault(day, 1.0);
    if (romantic(day)) {
      factor = Math.max(factor, 4);
    }
    if (factor == 1.0 && beforeSpringFestival(day)) {
      factor = 1.4;
    }
    return weekend(day) ? factor * 1.1 : factor;
  }

  /** Festival greeting for a red packet sent on this day, or null for an ordinary day. */
  static @Nullable String festivalGreeting(LocalDate day) {
    if (romantic(day)) {
      return day.getMonth() == Month.FEBRUARY ? "情人节快乐" : "我爱你";
    }
    if (springFestival(day)) {
      return "新年快乐，万事如意";
    }
    if (day.equals(LABA)) {
      return "腊八节快乐";
    }
    if (day.equals(LANTERN)) {
      return "元宵节快乐";
    }
    if (day.getMonthValue() == 1 && day.getDayOfMonth() == 1) {
      return "元旦快乐";
    }
    return null;
  }

  /** Whether {@code day} falls in one of the inclusive [from, to] pairs. */
  private static boolean within(LocalDate day, LocalDate[] periods) {
    for (int i = 0; i < periods.length; i += 2) {
      if (!day.isBefore(periods[i]) && !day.isAfter(periods[i + 1])) {
        return true;
      }
    }
    return false;
  }

  private static LocalDate[] dates(String... texts) {
    LocalDate[] dates = new LocalDate[texts.length];
    for (int i = 0; i < texts.length; i++) {
      dates[i] = LocalDate.parse(texts[i]);
    }
    return dates;
  }
}
