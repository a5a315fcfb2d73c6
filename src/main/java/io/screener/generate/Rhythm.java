package io.screener.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * When in the day and on which days an activity happens, in China local time: 24 relative hourly
 * weights plus a factor per day. Only the shape matters; each activity scales it to its volume.
 */
enum Rhythm {
  /** Shops: open from early morning, busiest after work. */
  SHOPPING(
      0.15, 0.08, 0.05, 0.03, 0.03, 0.08, 0.3, 0.8, 1.1, 1.1, 1.2, 1.4, 1.5, 1.3, 1.1, 1.1, 1.3,
      1.7, 2.0, 2.0, 1.7, 1.2, 0.7, 0.35) {
    @Override
    double day(LocalDate day) {
      if (ShanghaiCalendar.springFestival(day)) {
        return 0.75;
      }
      double factor = ShanghaiCalendar.weekend(day) ? 1.2 : 1.0;
      return ShanghaiCalendar.beforeSpringFestival(day) ? factor * 1.3 : factor;
    }
  },
  /** Breakfast, a big lunch peak, a bigger dinner peak, late-night snacks. */
  DINING(
      0.4, 0.25, 0.12, 0.05, 0.04, 0.08, 0.4, 1.0, 0.9, 0.5, 0.6, 2.2, 2.8, 1.4, 0.5, 0.4, 0.6, 1.7,
      2.6, 2.0, 1.1, 0.9, 0.8, 0.6) {
    @Override
    double day(LocalDate day) {
      if (ShanghaiCalendar.springFestival(day)) {
        return 1.1;
      }
      DayOfWeek dow = day.getDayOfWeek();
      return dow == DayOfWeek.FRIDAY ? 1.1 : ShanghaiCalendar.weekend(day) ? 1.25 : 1.0;
    }
  },
  /** Breakfast stalls, lunch, night markets; stalls close over the Spring Festival. */
  STREET(
      0.2, 0.1, 0.03, 0.02, 0.05, 0.4, 1.6, 2.4, 1.8, 0.8, 0.7, 1.2, 1.4, 0.8, 0.5, 0.5, 0.8, 1.5,
      2.0, 2.0, 1.6, 1.1, 0.7, 0.4) {
    @Override
    double day(LocalDate day) {
      if (ShanghaiCalendar.springFestival(day)) {
        return 0.3;
      }
      return ShanghaiCalendar.weekend(day) ? 1.1 : 1.0;
    }
  },
  /** Transfers between people: through the day, most in the evening. */
  PERSONAL(
      0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.1, 1.2,
      1.4, 1.6, 1.7, 1.6, 1.2, 0.7) {
    @Override
    double day(LocalDate day) {
      return ShanghaiCalendar.weekend(day) ? 1.1 : 1.0;
    }
  },
  /** Family money: allowances at the start of the month, much more before the New Year. */
  FAMILY(
      0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.1, 1.2,
      1.4, 1.6, 1.7, 1.6, 1.2, 0.7) {
    @Override
    double day(LocalDate day) {
      double factor = day.getDayOfMonth() <= 3 ? 1.5 : 1.0;
      if (ShanghaiCalendar.beforeSpringFestival(day) || ShanghaiCalendar.springFestival(day)) {
        factor *= 1.6;
      }
      return factor;
    }
  },
  /** Rent: due at the start of the month for most leases, on the lease's own day for others. */
  RENT(
      0.1, 0.05, 0.02, 0.01, 0.01, 0.02, 0.1, 0.5, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.0, 1.0, 1.0, 1.2,
      1.5, 1.8, 1.9, 1.7, 1.1, 0.5) {
    @Override
    double day(LocalDate day) {
      int dom = day.getDayOfMonth();
      return dom <= 5 ? 3.0 : dom <= 10 ? 1.5 : 0.6;
    }
  },
  /** Red packets: evenings, and many times more on festivals. */
  RED_PACKET(
      0.6, 0.2, 0.08, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0, 1.1, 1.3, 1.1, 1.0, 1.0, 1.0, 1.2,
      1.5, 1.8, 2.0, 2.0, 1.7, 1.3) {
    @Override
    double day(LocalDate day) {
      return ShanghaiCalendar.redPacketFactor(day);
    }
  },
  /**
   * Money changers: business hours (airport counters stretch them a little); busy before travel.
   */
  BUSINESS(
      0.03, 0.02, 0.01, 0.01, 0.01, 0.02, 0.1, 0.4, 0.9, 1.5, 1.8, 1.8, 1.3, 1.5, 1.7, 1.7, 1.6,
      1.4, 1.0, 0.7, 0.5, 0.3, 0.15, 0.05) {
    @Override
    double day(LocalDate day) {
      double factor = ShanghaiCalendar.weekend(day) ? 0.9 : 1.0;
      return ShanghaiCalendar.beforeSpringFestival(day) ? factor * 1.5 : factor;
    }
  },
  /** Games: after school and work, late into the night; more in school holidays. */
  GAMING(
      1.0, 0.7, 0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 0.9, 0.8, 0.8, 0.9, 1.1, 1.4,
      1.8, 2.2, 2.4, 2.2, 1.6) {
    @Override
    double day(LocalDate day) {
      double factor = ShanghaiCalendar.weekend(day) ? 1.3 : 1.0;
      return ShanghaiCalendar.springFestival(day) ? factor * 1.5 : factor;
    }
  },
  /** Transfers to brokers: A-share trading hours (9:30-11:30, 13:00-15:00) on trading days. */
  MARKET(
      0, 0, 0, 0, 0, 0, 0, 0.05, 0.4, 3.0, 3.0, 2.2, 0.4, 2.4, 2.6, 0.6, 0.3, 0.2, 0.15, 0.15, 0.2,
      0.15, 0.05, 0) {
    @Override
    double day(LocalDate day) {
      return ShanghaiCalendar.dayOff(day) ? 0.0 : 1.0;
    }
  },
  /** Blockchain services bought by companies: office hours on working days. */
  OFFICE(
      0.02, 0.01, 0, 0, 0, 0, 0.05, 0.3, 1.0, 1.8, 1.9, 1.7, 0.9, 1.5, 1.8, 1.8, 1.6, 1.2, 0.6, 0.4,
      0.3, 0.2, 0.1, 0.05) {
    @Override
    double day(LocalDate day) {
      return ShanghaiCalendar.dayOff(day) ? 0.15 : 1.0;
    }
  },
  /** Crypto never closes; mainland buyers are most active in the evening and at night. */
  CRYPTO(
      1.4, 1.2, 0.9, 0.6, 0.4, 0.35, 0.4, 0.5, 0.7, 0.8, 0.9, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.1,
      1.2, 1.3, 1.4, 1.6, 1.7, 1.6) {
    @Override
    double day(LocalDate day) {
      return ShanghaiCalendar.weekend(day) ? 1.1 : 1.0;
    }
  },
  /** Digital-collection drops go on sale at fixed evening times, typically 20:00. */
  NFT_DROPS(
      0.6, 0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.3, 0.6, 0.8, 1.0, 1.1, 1.3, 1.0, 0.9, 0.9, 1.0, 1.1,
      1.3, 1.6, 3.2, 2.0, 1.4, 1.0) {
    @Override
    double day(LocalDate day) {
      return ShanghaiCalendar.weekend(day) ? 1.15 : 1.0;
    }
  },
  /**
   * OTC dealers: mostly evening and night (dealers' own rules treat 17:00-09:00 specially, when
   * banks' fraud desks are thin), still trading by day.
   */
  DEALER(
      1.8, 1.4, 0.9, 0.5, 0.3, 0.25, 0.3, 0.4, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.4,
      1.6, 1.8, 2.0, 2.2, 2.2, 2.0) {
    @Override
    double day(LocalDate day) {
      return 1.0;
    }
  };

  // Filled in the constructor and only read after: the enum is immutable in use.
  @SuppressWarnings("ImmutableEnumChecker")
  private final double[] hourly;

  Rhythm(double... hourly) {
    if (hourly.length != 24) {
      throw new IllegalArgumentException("24 hourly weights expected, got " + hourly.length);
    }
    this.hourly = hourly;
  }

  /** Relative weight of a local hour, 0-23. */
  double hour(int hour) {
    return hourly[hour];
  }

  /** Relative weight of a local day. */
  abstract double day(LocalDate day);

  /** Relative intensity in the hour starting at {@code hourStart} (epoch millis). */
  double at(long hourStart) {
    return hour(ShanghaiCalendar.hour(hourStart)) * day(ShanghaiCalendar.date(hourStart));
  }
}
