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
 * @param revocationCacheTtl how long a player's token version, once read, is trusted without asking
 *     Redis again; a revocation made on another instance whose announcement this instance missed
 *     takes effect here at most this long after it (0: ask every time)
 * @param revocationCacheSize players whose token version is remembered at once (memory bound)
 * @param revocationMirrorTtl expiry of the copy of a player's token version in Redis, renewed
 *     whenever it is written; bounds how long a copy that missed a revocation (Redis unreachable at
 *     that moment and the server stopped before it could try again) can be believed
 * @param revocationRetryInterval how often a revocation that could not reach Redis is written and
 *     announced again, and how often an instance not yet subscribed to the announcements (Redis was
 *     down when it started) tries to subscribe
 */
@ConfigurationProperties("hokm.auth")
public record AuthProperties(
    String jwtSecret,
    @DefaultValue("hokm") String issuer,
    @DefaultValue("15m") Duration accessTokenTtl,
    @DefaultValue("30d") Duration refreshTokenTtl,
    @DefaultValue("2s") Duration revocationCacheTtl,
    @DefaultValue("100000") int revocationCacheSize,
    @DefaultValue("15m") Duration revocationMirrorTtl,
    @DefaultValue("1s") Duration revocationRetryInterval) {}
