package hokm.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the accounts API ({@code hokm.security.*}); the WebSocket's are {@code hokm.gateway.*}.
 *
 * @param login brute-force protection of login and password change
 * @param signUp how many accounts may be created, per address and in total
 * @param playerCheckTtl how long "this player exists" is remembered when a token is checked; a
 *     deleted player's tokens stop working at most this long after the deletion
 * @param hsts whether answers to HTTPS requests carry Strict-Transport-Security
 */
@ConfigurationProperties("hokm.security")
public record SecuritySettings(
    @DefaultValue Login login,
    @DefaultValue SignUp signUp,
    @DefaultValue("30s") Duration playerCheckTtl,
    @DefaultValue("true") boolean hsts) {

  /**
   * Failed password checks slow down whoever makes them, counted per (username, address): the owner
   * of a name under attack from elsewhere still gets in.
   *
   * @param freeFailures failures one address may make on one name before it has to wait
   * @param baseDelay the wait after the first failure past the free ones; it doubles with each
   *     further failure
   * @param maxDelay the longest wait between two attempts of one address on one name
   * @param maxFailuresPerAccount failures on one name within the window, from all addresses
   *     together, after which every address with a recent failure on it is refused for it (an
   *     address without one still gets its password checked, so the owner gets in)
   * @param maxFailuresPerIp failures from one address within the window, on any names, after which
   *     that address is refused until the oldest one leaves the window
   * @param window how long failures count: the sliding window of both caps, and how long an
   *     address's failures on a name are remembered after its last attempt; longer than {@code
   *     maxDelay}, or a waiting address would start over with free failures
   * @param maxTracked names, addresses and pairs of them remembered at once (memory bound)
   */
  public record Login(
      @DefaultValue("3") int freeFailures,
      @DefaultValue("1s") Duration baseDelay,
      @DefaultValue("15m") Duration maxDelay,
      @DefaultValue("20") int maxFailuresPerAccount,
      @DefaultValue("50") int maxFailuresPerIp,
      @DefaultValue("1h") Duration window,
      @DefaultValue("100000") int maxTracked) {

    public Login {
      if (freeFailures < 0 || maxFailuresPerAccount < 1 || maxFailuresPerIp < 1) {
        throw new IllegalArgumentException(
            "hokm.security.login: free-failures must be at least 0, the maxima at least 1");
      }
      if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException(
            "hokm.security.login: base-delay must be positive and max-delay at least base-delay");
      }
      if (window.compareTo(maxDelay) <= 0) {
        throw new IllegalArgumentException(
            "hokm.security.login.window must be longer than max-delay");
      }
    }
  }

  /**
   * Token buckets, per instance: each allows a burst of its size, refilled evenly over its period.
   * Every attempt that passes validation takes a token, whether or not the name was free.
   *
   * @param registrationsPerIpPerHour registrations (each a bcrypt hash) from one address
   * @param registrationsPerMinute registrations from all addresses together
   * @param guestsPerIpPerHour guest accounts from one address
   * @param guestsPerMinute guest accounts from all addresses together
   * @param maxTracked addresses remembered at once (memory bound)
   */
  public record SignUp(
      @DefaultValue("10") int registrationsPerIpPerHour,
      @DefaultValue("30") int registrationsPerMinute,
      @DefaultValue("30") int guestsPerIpPerHour,
      @DefaultValue("300") int guestsPerMinute,
      @DefaultValue("100000") int maxTracked) {

    public SignUp {
      if (Math.min(
              Math.min(registrationsPerIpPerHour, registrationsPerMinute),
              Math.min(guestsPerIpPerHour, guestsPerMinute))
          < 1) {
        throw new IllegalArgumentException("hokm.security.sign-up: every limit must be at least 1");
      }
    }
  }
}
