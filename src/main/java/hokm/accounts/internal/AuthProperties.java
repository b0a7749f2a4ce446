package hokm.accounts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings.
 *
 * @param jwtSecret the HS256 signing secret ({@code JWT_SECRET}), at least 32 bytes; when empty
 *     outside the {@code prod} profile a random one is made per process
 * @param issuer the {@code iss} claim written and required
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long an unused refresh token is valid
 */
@ConfigurationProperties("hokm.auth")
public record AuthProperties(
    String jwtSecret,
    @DefaultValue("hokm") String issuer,
    @DefaultValue("15m") Duration accessTokenTtl,
    @DefaultValue("30d") Duration refreshTokenTtl) {}
