package io.screener.generate;

/**
 * One source of payments in a simulation: a Poisson process of arrivals (its {@link RateTable}),
 * each turned into one or more payments by {@link #arrive}. Holds its own random stream and any
 * state it needs (a dealer's balance), so a fresh set of activities replays the same history.
 */
abstract class Activity {
  final Scenario scenario;
  final Rng rng;
  private final RateTable rates;

  Activity(Scenario scenario, RateTable rates, Rng rng) {
    this.scenario = scenario;
    this.rates = rates;
    this.rng = rng;
  }

  /** The next arrival after {@code time}, or {@link RateTable#NEVER}. */
  final long nextArrival(long time) {
    return rates.next(time, rng);
  }

  /** Handles one arrival at {@code time}: emits payments now or schedules them for later. */
  abstract void arrive(long time, Simulation sim);
}
