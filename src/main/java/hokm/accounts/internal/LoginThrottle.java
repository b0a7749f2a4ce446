package hokm.accounts.internal;

import hokm.platform.ApiException;
import hokm.platform.ErrorCodes;
import hokm.security.SecuritySettings;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection: counts failed password checks per username and per IP in a sliding window
 * and refuses further attempts, before any password is checked, once either count reaches its
 * limit. A name is counted whether or not an account has it, so the refusal says nothing about
 * which names exist. Kept in this instance's memory, bounded by {@code maxTracked}.
 */
@Component
class LoginThrottle {
  private final SecuritySettings.Login settings;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  @Autowired
  LoginThrottle(SecuritySettings settings) {
    this(settings.login(), Clock.systemUTC());
  }

  LoginThrottle(SecuritySettings.Login settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Throws TOO_MANY_ATTEMPTS (429, Retry-After) if this name or IP has failed too often. */
  void check(String username, String ip) {
    long now = clock.millis();
    long wait =
        Math.max(
            waitMillis(accountKey(username), settings.maxFailuresPerAccount(), now),
            waitMillis(ipKey(ip), settings.maxFailuresPerIp(), now));
    if (wait > 0) {
      throw tooMany(wait);
    }
  }

  void failed(String username, String ip) {
    long now = clock.millis();
    add(accountKey(username), settings.maxFailuresPerAccount(), now);
    add(ipKey(ip), settings.maxFailuresPerIp(), now);
  }

  /** A correct password clears the name's failures (not the IP's). */
  void succeeded(String username) {
    failures.remove(accountKey(username));
  }

  static ApiException tooMany(long waitMillis) {
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        ErrorCodes.TOO_MANY_ATTEMPTS,
        "Too many failed attempts; try again in " + seconds + " seconds",
        seconds);
  }

  private long waitMillis(String key, int max, long now) {
    if (key == null) {
      return 0;
    }
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      expire(times, now);
      if (times.size() < max) {
        return 0;
      }
      return times.peekFirst() + settings.window().toMillis() - now;
    }
  }

  private void add(String key, int max, long now) {
    if (key == null) {
      return;
    }
    if (!failures.containsKey(key) && failures.size() >= settings.maxTracked()) {
      sweep(now);
      if (failures.size() >= settings.maxTracked()) {
        return;
      }
    }
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      expire(times, now);
      times.addLast(now);
      while (times.size() > max) {
        times.removeFirst();
      }
    }
  }

  private void expire(Deque<Long> times, long now) {
    long oldest = now - settings.window().toMillis();
    while (!times.isEmpty() && times.peekFirst() <= oldest) {
      times.removeFirst();
    }
  }

  private void sweep(long now) {
    failures
        .values()
        .removeIf(
            times -> {
              synchronized (times) {
                expire(times, now);
                return times.isEmpty();
              }
            });
  }

  private static String accountKey(String username) {
    if (username == null) {
      return null;
    }
    String name = username.trim().toLowerCase(Locale.ROOT);
    return "u:" + (name.length() > 64 ? name.substring(0, 64) : name);
  }

  private static String ipKey(String ip) {
    return ip == null ? null : "ip:" + ip;
  }
}
