package io.screener.generate;

/**
 * A small seeded random source (SplitMix64) with the draws the generator needs.
 *
 * <p>Hand-written rather than {@link java.util.Random} or {@link java.util.SplittableRandom} so the
 * sequence, and with it every generated file, is fixed by this code alone; transcendental functions
 * use {@link StrictMath} for the same reason. Not thread-safe: each activity owns its own stream.
 */
final class Rng {
  private long state;

  private Rng(long state) {
    this.state = state;
  }

  /** An independent stream for one purpose, so adding a stream never shifts another. */
  static Rng stream(long seed, long purpose) {
    return new Rng(Ids.mix(seed ^ Ids.mix(purpose + 0x632BE59BD9B4E019L)));
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [from, to] (both inclusive). */
  int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  /** Uniform in [0, bound) for large bounds. */
  long nextLong(long bound) {
    return Math.floorMod(nextLong(), bound);
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** Exponential with mean 1. */
  double exponential() {
    return -StrictMath.log(1.0 - nextDouble());
  }

  /** Standard normal (Box-Muller; one of the pair is dropped to keep the stream stateless). */
  double gaussian() {
    double u = 1.0 - nextDouble();
    double v = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * v);
  }

  /** Log-normal with the given median; sigma is the spread of the logarithm. */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  long pick(long[] values) {
    return values[nextInt(values.length)];
  }

  /** An index drawn in proportion to {@code weights}. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** An index in [0, size) where low indices are drawn more often (popular shops, busy users). */
  int skewed(int size, double exponent) {
    return Math.min(size - 1, (int) (size * StrictMath.pow(nextDouble(), exponent)));
  }
}
