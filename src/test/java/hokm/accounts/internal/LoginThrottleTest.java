package hokm.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
import hokm.security.SecuritySettings;
import hokm.testsupport.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Delays per name and address, and the two caps, on a clock the test moves. */
class LoginThrottleTest {

  private final ManualTicker ticker = new ManualTicker();

  /**
   * 2 free failures per pair, then 10 s doubling up to 80 s; 7 failures per name, 8 per address; a
   * 10-minute window.
   */
  private final LoginThrottle throttle =
      new LoginThrottle(
          new SecuritySettings.Login(
              2,
              Duration.ofSeconds(10),
              Duration.ofSeconds(80),
              7,
              8,
              Duration.ofMinutes(10),
              1000),
          ticker);

  private void fail(String name, String ip) {
    throttle.begin(name, ip).failed();
  }

  private long refusedFor(String name, String ip) {
    ApiException refused = catchThrowableOfType(ApiException.class, () -> throttle.begin(name, ip));
    assertThat(refused).as("refused " + name + " from " + ip).isNotNull();
    assertThat(refused.code()).isEqualTo(ApiErrorCode.TOO_MANY_ATTEMPTS);
    assertThat(refused.status().value()).isEqualTo(429);
    return refused.retryAfterSeconds();
  }

  private void allowed(String name, String ip) {
    assertThatCode(() -> throttle.begin(name, ip).close()).doesNotThrowAnyException();
  }

  @Test
  void afterTheFreeFailuresEachAttemptWaitsTwiceAsLongUpToTheCap() {
    fail("Ali", "10.0.0.1");
    fail("ali", "10.0.0.1");
    assertThat(refusedFor("ALI", "10.0.0.1")).isEqualTo(10);
    ticker.advance(Duration.ofSeconds(10));
    fail("ali", "10.0.0.1");
    assertThat(refusedFor("ali", "10.0.0.1")).isEqualTo(20);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(refusedFor("ali", "10.0.0.1"))
        .as("a refusal does not restart the wait")
        .isEqualTo(10);
    ticker.advance(Duration.ofSeconds(10));
    fail("ali", "10.0.0.1");
    assertThat(refusedFor("ali", "10.0.0.1")).isEqualTo(40);
    ticker.advance(Duration.ofSeconds(40));
    fail("ali", "10.0.0.1");
    assertThat(refusedFor("ali", "10.0.0.1")).isEqualTo(80);
    ticker.advance(Duration.ofSeconds(80));
    fail("ali", "10.0.0.1");
    assertThat(refusedFor("ali", "10.0.0.1")).as("capped").isEqualTo(80);
  }

  @Test
  void anotherAddressIsNotSlowedByTheFirstOnesFailures() {
    fail("sara", "10.0.0.1");
    fail("sara", "10.0.0.1");
    refusedFor("sara", "10.0.0.1");
    throttle.begin("sara", "10.0.0.2").succeeded();
    allowed("sara", "10.0.0.2");
  }

  @Test
  void aNameFailedTooOftenIsRefusedToAddressesThatFailedOnItButNotToFreshOnes() {
    for (int i = 1; i <= 7; i++) {
      fail("reza", "10.0.1." + i);
    }
    refusedFor("reza", "10.0.1.1");
    LoginThrottle.Attempt fresh = throttle.begin("reza", "10.0.1.9");
    fresh.failed();
    refusedFor("reza", "10.0.1.9");
    throttle.begin("reza", "10.0.1.10").succeeded();
    // The owner's success does not give the guessers a new budget.
    refusedFor("reza", "10.0.1.2");
    ticker.advance(Duration.ofMinutes(10));
    allowed("reza", "10.0.1.1");
  }

  @Test
  void oneAddressCanUseUpANamesFailuresButNotLockOthersOut() {
    for (int i = 0; i < 7; i++) {
      fail("leila", "10.0.5.1");
      ticker.advance(Duration.ofSeconds(80));
    }
    // Refused until the name's oldest failure leaves the window, 40 s from now; then only the
    // address's own delay (80 s after its last failure, already over) applies.
    assertThat(refusedFor("leila", "10.0.5.1")).isEqualTo(40);
    throttle.begin("leila", "10.0.5.2").succeeded();
    ticker.advance(Duration.ofSeconds(40));
    allowed("leila", "10.0.5.1");
  }

  @Test
  void anAddressFailingOnManyNamesIsRefusedForEveryName() {
    for (int i = 0; i < 8; i++) {
      fail("spray" + i, "10.0.2.1");
      ticker.advance(Duration.ofSeconds(30));
    }
    // The first failure was 4 minutes ago; it leaves the 10-minute window in 6 minutes.
    assertThat(refusedFor("someone-else", "10.0.2.1")).isEqualTo(360);
    allowed("someone-else", "10.0.2.2");
    ticker.advance(Duration.ofMinutes(6));
    allowed("someone-else", "10.0.2.1");
  }

  @Test
  void parallelAttemptsCountWhileTheyAreInFlight() {
    LoginThrottle.Attempt first = throttle.begin("nima", "10.0.3.1");
    LoginThrottle.Attempt second = throttle.begin("nima", "10.0.3.1");
    refusedFor("nima", "10.0.3.1");
    first.close();
    second.close();
    allowed("nima", "10.0.3.1");
    allowed("nima", "10.0.3.1");
  }

  @Test
  void aCorrectPasswordClearsTheAddressesFailuresOnTheName() {
    fail("mina", "10.0.4.1");
    throttle.begin("mina", "10.0.4.1").succeeded();
    fail("mina", "10.0.4.1");
    LoginThrottle.Attempt next = throttle.begin("mina", "10.0.4.1");
    next.failed();
    refusedFor("mina", "10.0.4.1");
  }

  @Test
  void aWindowNoLongerThanTheLongestDelayIsRefused() {
    assertThatThrownBy(
            () ->
                new SecuritySettings.Login(
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(15),
                    10,
                    50,
                    Duration.ofMinutes(15),
                    1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }
}
