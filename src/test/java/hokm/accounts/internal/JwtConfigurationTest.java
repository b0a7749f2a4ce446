package hokm.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/** The signing secret rules: no weak secret ever, and none at all only outside production. */
class JwtConfigurationTest {

  static AuthProperties secret(String value) {
    return new AuthProperties(
        value,
        "hokm",
        Duration.ofMinutes(15),
        Duration.ofDays(30),
        Duration.ofSeconds(2),
        100_000,
        Duration.ofMinutes(15),
        Duration.ofSeconds(1));
  }

  static StandardEnvironment profile(String... profiles) {
    StandardEnvironment env = new StandardEnvironment();
    env.setActiveProfiles(profiles);
    return env;
  }

  @Test
  void prodNeedsASecret() {
    assertThatThrownBy(() -> new JwtConfiguration().jwtSigningKey(secret(""), profile("prod")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JWT_SECRET");
  }

  @Test
  void aShortSecretIsRefusedEverywhere() {
    assertThatThrownBy(() -> new JwtConfiguration().jwtSigningKey(secret("short"), profile()))
        .hasMessageContaining("too short");
  }

  @Test
  void withoutASecretDevelopmentGetsARandomKeyPerProcess() {
    var a = new JwtConfiguration().jwtSigningKey(secret(null), profile());
    var b = new JwtConfiguration().jwtSigningKey(secret(null), profile());
    assertThat(a.key().getEncoded()).hasSize(32).isNotEqualTo(b.key().getEncoded());
    assertThat(a.toString()).doesNotContain(new String(a.key().getEncoded()));
  }

  @Test
  void aStrongSecretIsUsedAsGiven() {
    String strong = "0123456789abcdef0123456789abcdef";
    var key = new JwtConfiguration().jwtSigningKey(secret(strong), profile("prod"));
    assertThat(key.key().getEncoded()).isEqualTo(strong.getBytes());
  }
}
