package hokm.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
import hokm.security.SecuritySettings;
import java.util.ArrayDeque;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection that slows the guesser, not the owner. Failed password checks are counted
 * per (name, address): after a few free ones that address must wait before its next attempt on that
 * name, twice as long after each further failure, up to a cap. Two caps stop guessing spread out:
 * an address that fails too often on any names is refused, and once too many addresses have failed
 * on one name it is refused to every address with a recent failure on it, while an address without
 * one still gets its password checked (so the owner gets in).
 *
 * <p>Every check happens before any password is compared, and a name is counted whether or not an
 * account has it, so a refusal says nothing about which names exist. An attempt counts from the
 * moment it is let through (in flight) until its outcome is known, so parallel requests cannot all
 * pass one check. Kept in this instance's memory, each map bounded by {@code maxTracked}.
 */
@Component
class LoginThrottle {
  private final SecuritySettings.Login settings;
  private final Ticker ticker;
  private final long windowNanos;
  private final Cache<String, Window> addresses;
  private final Cache<String, Window> names;
  private final Cache<PairKey, Pair> pairs;

  @Autowired
  LoginThrottle(SecuritySettings settings, ObjectProvider<Ticker> tickers) {
    this(settings.login(), tickers.getIfAvailable(Ticker::systemTicker));
  }

  LoginThrottle(SecuritySettings.Login settings, Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
    this.windowNanos = settings.window().toNanos();
    this.addresses = cache(settings, ticker);
    this.names = cache(settings, ticker);
    this.pairs = cache(settings, ticker);
  }

  private static <K, V> Cache<K, V> cache(SecuritySettings.Login settings, Ticker ticker) {
    // Expiry only frees memory: the rules below compare the recorded times themselves.
    return Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(settings.window())
        .maximumSize(settings.maxTracked())
        .build();
  }

  /**
   * Lets an attempt through, or throws TOO_MANY_ATTEMPTS (429, Retry-After). The caller reports the
   * outcome on the attempt and closes it.
   */
  Attempt begin(String username, String ip) {
    long now = ticker.read();
    String address = ip == null ? "" : ip;
    String name = nameKey(username);
    PairKey pair = new PairKey(name, address);
    long[] wait = {0};

    addresses
        .asMap()
        .compute(
            address,
            (k, w) -> {
              Window window = w == null ? new Window() : w;
              window.expire(now, windowNanos);
              if (window.count() >= settings.maxFailuresPerIp()) {
                wait[0] = window.nanosUntilBelow(settings.maxFailuresPerIp(), now, windowNanos);
              } else {
                window.inFlight++;
              }
              return window;
            });
    if (wait[0] > 0) {
      throw tooMany(wait[0]);
    }

    long[] nameWait = {0};
    names
        .asMap()
        .computeIfPresent(
            name,
            (k, w) -> {
              w.expire(now, windowNanos);
              if (w.count() >= settings.maxFailuresPerAccount()) {
                nameWait[0] = w.nanosUntilBelow(settings.maxFailuresPerAccount(), now, windowNanos);
              }
              return w.count() == 0 ? null : w;
            });

    pairs
        .asMap()
        .compute(
            pair,
            (k, p) -> {
              Pair state = p == null || p.forgotten(now, windowNanos) ? new Pair() : p;
              int attempts = state.failures + state.inFlight;
              if (nameWait[0] > 0 && attempts > 0) {
                // The name failed too often: only addresses without a recent failure on it may try.
                wait[0] = Math.max(1, Math.min(nameWait[0], state.last + windowNanos - now));
              } else if (attempts >= firstDelayed()) {
                wait[0] = Math.max(0, state.last + delayNanos(attempts) - now);
              }
              if (wait[0] == 0) {
                state.inFlight++;
                state.last = now;
              }
              return state;
            });
    if (wait[0] > 0) {
      leave(addresses, address);
      throw tooMany(wait[0]);
    }
    return new Attempt(address, name, pair);
  }

  /** How many failures (or attempts in flight) of a pair make its next attempt wait. */
  private int firstDelayed() {
    return Math.max(1, settings.freeFailures());
  }

  /** The wait after the last attempt once {@code attempts} have failed or are in flight. */
  private long delayNanos(int attempts) {
    long max = settings.maxDelay().toNanos();
    long delay = settings.baseDelay().toNanos();
    for (int i = firstDelayed(); i < attempts && delay < max; i++) {
      delay = delay > max / 2 ? max : delay * 2;
    }
    return Math.min(delay, max);
  }

  /** Records a failure in a window, ending its attempt in flight. */
  private static void record(Cache<String, Window> cache, String key, int max, long now) {
    cache
        .asMap()
        .compute(
            key,
            (k, w) -> {
              Window window = w == null ? new Window() : w;
              window.inFlight = Math.max(0, window.inFlight - 1);
              window.failures.addLast(now);
              while (window.failures.size() > max) {
                window.failures.removeFirst();
              }
              return window;
            });
  }

  /** Ends an attempt in flight without a failure. */
  private static void leave(Cache<String, Window> cache, String key) {
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, w) -> {
              w.inFlight = Math.max(0, w.inFlight - 1);
              return w.failures.isEmpty() && w.inFlight == 0 ? null : w;
            });
  }

  static ApiException tooMany(long waitNanos) {
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return new ApiException(
        ApiErrorCode.TOO_MANY_ATTEMPTS,
        "Too many failed attempts; try again in " + seconds + " seconds",
        seconds);
  }

  private static String nameKey(String username) {
    if (username == null) {
      return "";
    }
    String name = username.trim().toLowerCase(Locale.ROOT);
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /**
   * One attempt let through: report {@link #failed()} or {@link #succeeded()}; {@link #close()}
   * releases it without an outcome (the check could not be made, say the database was down).
   */
  final class Attempt implements AutoCloseable {
    private final String address;
    private final String name;
    private final PairKey pair;
    private boolean done;

    private Attempt(String address, String name, PairKey pair) {
      this.address = address;
      this.name = name;
      this.pair = pair;
    }

    /** A wrong password: it counts for the address, the name and the pair. */
    void failed() {
      if (done) {
        return;
      }
      done = true;
      long now = ticker.read();
      record(addresses, address, settings.maxFailuresPerIp(), now);
      record(names, name, settings.maxFailuresPerAccount(), now);
      pairs
          .asMap()
          .compute(
              pair,
              (k, p) -> {
                Pair state = p == null ? new Pair() : p;
                state.inFlight = Math.max(0, state.inFlight - 1);
                state.failures++;
                state.last = now;
                return state;
              });
    }

    /**
     * A correct password clears this address's failures on the name; the name's count across
     * addresses stays, so logging in does not hand a guesser a fresh budget.
     */
    void succeeded() {
      if (!done) {
        done = true;
        release(true);
      }
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        release(false);
      }
    }

    private void release(boolean clearPair) {
      leave(addresses, address);
      pairs
          .asMap()
          .computeIfPresent(
              pair,
              (k, p) -> {
                p.inFlight = Math.max(0, p.inFlight - 1);
                if (clearPair) {
                  p.failures = 0;
                }
                return p.failures == 0 && p.inFlight == 0 ? null : p;
              });
    }
  }

  private record PairKey(String name, String address) {}

  /**
   * Failure times within the window, oldest first (only the newest {@code max} are kept, all a cap
   * needs), and for an address its attempts in flight. Guarded by its map.
   */
  private static final class Window {
    final ArrayDeque<Long> failures = new ArrayDeque<>();
    int inFlight;

    int count() {
      return failures.size() + inFlight;
    }

    void expire(long now, long windowNanos) {
      while (!failures.isEmpty() && now - failures.peekFirst() >= windowNanos) {
        failures.removeFirst();
      }
    }

    /** How long until fewer than {@code max} count; in-flight attempts end soon, say a second. */
    long nanosUntilBelow(int max, long now, long windowNanos) {
      int mustLeave = count() - max + 1;
      if (mustLeave > failures.size()) {
        return 1_000_000_000L;
      }
      long leaving = failures.stream().skip(mustLeave - 1L).findFirst().orElse(now);
      return Math.max(1, leaving + windowNanos - now);
    }
  }

  /** One address's attempts on one name; guarded by its map. */
  private static final class Pair {
    int failures;
    int inFlight;
    long last;

    /** Nothing in flight and the last attempt a window ago: start over. */
    boolean forgotten(long now, long windowNanos) {
      return inFlight == 0 && now - last >= windowNanos;
    }
  }
}
