package hokm.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import hokm.platform.ApiException;
import hokm.security.SecuritySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sliding window of failed logins, with a clock the test moves. */
class LoginThrottleTest {

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final LoginThrottle throttle =
      new LoginThrottle(new SecuritySettings.Login(3, 5, Duration.ofMinutes(10), 1000), clock);

  @Test
  void aNameIsRefusedUntilItsOldestFailureLeavesTheWindow() {
    for (int i = 0; i < 3; i++) {
      throttle.check("Ali", "10.0.0.1");
      throttle.failed("Ali", "10.0.0.1");
      clock.now = clock.now.plusSeconds(60);
    }
    ApiException refused =
        catchThrowableOfType(ApiException.class, () -> throttle.check("ali", "10.0.0.2"));
    assertThat(refused.code()).isEqualTo("TOO_MANY_ATTEMPTS");
    assertThat(refused.status().value()).isEqualTo(429);
    // The first failure was 3 minutes ago; it leaves the 10-minute window in 7 minutes.
    assertThat(refused.retryAfterSeconds()).isEqualTo(420);
    clock.now = clock.now.plusSeconds(420);
    assertThatCode(() -> throttle.check("ali", "10.0.0.2")).doesNotThrowAnyException();
  }

  @Test
  void aCorrectPasswordClearsTheNameButNotTheAddress() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("sara" + i, "10.0.0.9");
    }
    throttle.failed("reza", "10.0.0.9");
    throttle.failed("reza", "10.0.0.9");
    throttle.succeeded("reza");
    assertThatCode(() -> throttle.check("reza", "10.0.0.8")).doesNotThrowAnyException();
    ApiException refused =
        catchThrowableOfType(ApiException.class, () -> throttle.check("someone", "10.0.0.9"));
    assertThat(refused.code()).isEqualTo("TOO_MANY_ATTEMPTS");
  }
}
