package hokm.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
import hokm.security.AuditLog;
import hokm.security.Limits;
import hokm.security.SecuritySettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many accounts may be created: registrations (each costs a bcrypt hash) and guests, each per
 * address and in total, as token buckets in this instance's memory. The address's bucket is asked
 * first, so one address that is over its own limit cannot use up everyone's.
 */
@Component
class SignUpLimits {
  private final Quota registrations;
  private final Quota guests;

  @Autowired
  SignUpLimits(
      SecuritySettings settings, ObjectProvider<Ticker> tickers, Limits limits, AuditLog audit) {
    this(settings.signUp(), tickers.getIfAvailable(Ticker::systemTicker), limits, audit);
  }

  SignUpLimits(SecuritySettings.SignUp settings, Ticker ticker, Limits limits, AuditLog audit) {
    this.registrations =
        new Quota(
            Limits.REGISTRATIONS,
            settings.registrationsPerIpPerHour(),
            settings.registrationsPerMinute(),
            settings.maxTracked(),
            ticker,
            limits,
            audit);
    this.guests =
        new Quota(
            Limits.GUESTS,
            settings.guestsPerIpPerHour(),
            settings.guestsPerMinute(),
            settings.maxTracked(),
            ticker,
            limits,
            audit);
  }

  /** Takes a registration from the address's and the total budget, or throws TOO_MANY_ATTEMPTS. */
  void register(String ip) {
    registrations.take(ip);
  }

  /** Takes a guest account from the address's and the total budget, or throws TOO_MANY_ATTEMPTS. */
  void guest(String ip) {
    guests.take(ip);
  }

  private static final class Quota {
    private final String limit;
    private final int perIpPerHour;
    private final TimeMeter time;
    private final Cache<String, Bucket> perAddress;
    private final Bucket total;
    private final Limits limits;
    private final AuditLog audit;

    Quota(
        String limit,
        int perIpPerHour,
        int totalPerMinute,
        int maxTracked,
        Ticker ticker,
        Limits limits,
        AuditLog audit) {
      this.limit = limit;
      this.perIpPerHour = perIpPerHour;
      this.time = new TickerTime(ticker);
      // A bucket untouched for an hour is full again: forgetting it changes nothing.
      this.perAddress =
          Caffeine.newBuilder()
              .ticker(ticker)
              .expireAfterAccess(Duration.ofHours(1))
              .maximumSize(maxTracked)
              .build();
      this.total = bucket(totalPerMinute, Duration.ofMinutes(1), time);
      this.limits = limits;
      this.audit = audit;
    }

    void take(String ip) {
      String address = ip == null ? "" : ip;
      Bucket mine = perAddress.get(address, k -> bucket(perIpPerHour, Duration.ofHours(1), time));
      ConsumptionProbe own = mine.tryConsumeAndReturnRemaining(1);
      if (!own.isConsumed()) {
        throw refused("Too many new accounts from this address", own, "ip:" + address, address);
      }
      ConsumptionProbe all = total.tryConsumeAndReturnRemaining(1);
      if (!all.isConsumed()) {
        mine.addTokens(1);
        throw refused("Too many new accounts at the moment", all, "total", address);
      }
    }

    private ApiException refused(String what, ConsumptionProbe probe, String key, String ip) {
      limits.triggered(limit);
      audit.limitTriggered(limit, key, ip, null);
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      return new ApiException(
          ApiErrorCode.TOO_MANY_ATTEMPTS, what + "; try again in " + seconds + " seconds", seconds);
    }

    private static Bucket bucket(int size, Duration period, TimeMeter time) {
      return Bucket.builder()
          .addLimit(l -> l.capacity(size).refillGreedy(size, period))
          .withCustomTimePrecision(time)
          .build();
    }
  }

  /** The buckets' time is the limits' ticker, so tests can move it. */
  private record TickerTime(Ticker ticker) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return ticker.read();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }
}
