package hokm.gateway.internal;

/** A token bucket: a burst of {@code capacity}, refilled at {@code perSecond}. One socket each. */
final class RateLimiter {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  RateLimiter(int capacity, int perSecond, long now) {
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes a token if there is one. Called from the socket's receiving thread only. */
  synchronized boolean tryAcquire(long now) {
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
