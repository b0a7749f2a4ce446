package hokm.engine;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014), written out here so that a seed gives the
 * same shuffles on every JVM, forever: replays of stored games depend on it.
 */
final class SplitMix64 {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GAMMA;
    return mix(state);
  }

  /** A uniform int in [0, bound), without modulo bias (the rejection loop of java.util.Random). */
  int nextInt(int bound) {
    int u = (int) (nextLong() >>> 33);
    int r = u % bound;
    while (u - r + (bound - 1) < 0) {
      u = (int) (nextLong() >>> 33);
      r = u % bound;
    }
    return r;
  }

  /** Shuffles the array in place (Fisher-Yates). */
  void shuffle(byte[] cards) {
    for (int i = cards.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      byte t = cards[i];
      cards[i] = cards[j];
      cards[j] = t;
    }
  }
}
