package hokm.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the accounts API ({@code hokm.security.*}); the WebSocket's are {@code hokm.gateway.*}.
 *
 * @param login brute-force protection of login and password change
 * @param playerCheckTtl how long "this player exists" is remembered when a token is checked; a
 *     deleted player's tokens stop working at most this long after the deletion
 * @param hsts whether answers to HTTPS requests carry Strict-Transport-Security
 */
@ConfigurationProperties("hokm.security")
public record SecuritySettings(
    @DefaultValue Login login,
    @DefaultValue("30s") Duration playerCheckTtl,
    @DefaultValue("true") boolean hsts) {

  /**
   * @param maxFailuresPerAccount failed attempts on one username within the window, after which
   *     that username is refused until the oldest failure leaves the window
   * @param maxFailuresPerIp failed attempts from one IP within the window, likewise
   * @param window the sliding window
   * @param maxTracked names and IPs remembered at once (memory bound)
   */
  public record Login(
      @DefaultValue("5") int maxFailuresPerAccount,
      @DefaultValue("20") int maxFailuresPerIp,
      @DefaultValue("15m") Duration window,
      @DefaultValue("100000") int maxTracked) {}
}
