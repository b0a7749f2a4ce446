package hokm.gateway.internal;

/** A token bucket: a burst of {@code capacity}, refilled at {@code perSecond}. */
final class RateLimiter {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  RateLimiter(int capacity, double perSecond, long now) {
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
    this.last = now;
  }

  /** Whether the bucket has refilled completely (it may then be forgotten). */
  synchronized boolean isFull(long now) {
    return tokens + (now - last) * perNano >= capacity;
  }

  /** Seconds until the next token. */
  synchronized long secondsToNext(long now) {
    double missing = 1 - Math.min(capacity, tokens + (now - last) * perNano);
    return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano / 1e9);
  }

  /** Takes a token if there is one. */
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
