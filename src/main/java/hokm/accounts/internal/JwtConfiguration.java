package hokm.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class JwtConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);
  static final int MIN_SECRET_BYTES = 32;

  @Bean
  SigningKey jwtSigningKey(AuthProperties properties, Environment environment) {
    String secret = properties.jwtSecret();
    if (secret == null || secret.isEmpty()) {
      if (environment.matchesProfiles("prod")) {
        throw new IllegalStateException(
            "The prod profile needs JWT_SECRET, at least " + MIN_SECRET_BYTES + " bytes");
      }
      log.warn(
          "JWT_SECRET is not set: signing access tokens with a random key made for this process;"
              + " tokens will not survive a restart or work across instances");
      byte[] random = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(random);
      return new SigningKey(new SecretKeySpec(random, "HmacSHA256"));
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "JWT_SECRET is too short: HS256 needs at least " + MIN_SECRET_BYTES + " bytes");
    }
    return new SigningKey(new SecretKeySpec(bytes, "HmacSHA256"));
  }

  @Bean
  JwtEncoder jwtEncoder(SigningKey key) {
    return NimbusJwtEncoder.withSecretKey(key.key()).algorithm(MacAlgorithm.HS256).build();
  }

  @Bean
  JwtDecoder jwtDecoder(SigningKey key, AuthProperties properties) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(key.key()).macAlgorithm(MacAlgorithm.HS256).build();
    // No clock skew: issuer and verifier are the same server.
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(Duration.ZERO), new JwtIssuerValidator(properties.issuer())));
    return decoder;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /** Wrapped so the raw key is not an injectable {@link SecretKey} for anyone who asks. */
  record SigningKey(SecretKey key) {
    @Override
    public String toString() {
      return "SigningKey[hidden]";
    }
  }
}
