package hokm.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hokm.accounts.TokensRevoked;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Each player's token version: PostgreSQL's {@code players.token_version} is the truth, Redis holds
 * a copy every instance reads ({@code hokm:token-version:{playerId}}), and each instance remembers
 * what it read for {@code hokm.auth.revocation-cache-ttl}. An access token is valid only while the
 * version it carries is not below the player's current one.
 *
 * <p>Where the version comes from, in order: this instance's memory; Redis (through the {@code
 * redis} circuit breaker); PostgreSQL when Redis has no copy or does not answer (and the copy is
 * written then, when Redis answered); and when neither answers, the last version this instance knew
 * of the player (kept for the access-token lifetime), or, knowing none, the token is trusted. A
 * Redis outage therefore costs one PostgreSQL read per player and cache period, never a refusal;
 * and nobody can revoke sessions while PostgreSQL is away, since that needs a write to it.
 */
@Component
public class TokenVersions {
  private static final Logger log = LoggerFactory.getLogger(TokenVersions.class);

  /**
   * Raises the stored copy to ARGV[1] (never lowers it: a reader that copies an old version from
   * PostgreSQL cannot undo a revocation written meanwhile), renews its expiry to ARGV[2]
   * milliseconds when it writes, and publishes ARGV[4] on channel ARGV[3] unless that is empty.
   * Answers how many subscribers heard the message (0 without one).
   */
  static final RedisScript<Long> RAISE_SCRIPT =
      new DefaultRedisScript<>(
          """
          local stored = tonumber(redis.call('GET', KEYS[1]))
          if stored == nil or tonumber(ARGV[1]) > stored then
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          end
          if ARGV[3] ~= '' then
            return redis.call('PUBLISH', ARGV[3], ARGV[4])
          end
          return 0
          """,
          Long.class);

  private final PlayerRepository players;
  private final StringRedisTemplate redis;
  private final CircuitBreaker redisBreaker;
  private final CircuitBreaker postgres;
  private final ApplicationEventPublisher events;
  private final String mirrorTtlMillis;

  /** What was read lately: trusted for the cache TTL. */
  private final Cache<UUID, Long> recent;

  /** What was last known, for when neither Redis nor PostgreSQL answers. */
  private final Cache<UUID, Long> lastKnown;

  TokenVersions(
      PlayerRepository players,
      StringRedisTemplate redis,
      CircuitBreakerRegistry breakers,
      ApplicationEventPublisher events,
      AuthProperties properties) {
    this.players = players;
    this.redis = redis;
    this.redisBreaker = breakers.circuitBreaker("redis");
    this.postgres = breakers.circuitBreaker("postgres");
    this.events = events;
    this.mirrorTtlMillis = Long.toString(Math.max(1, properties.revocationMirrorTtl().toMillis()));
    this.recent =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.revocationCacheTtl())
            .maximumSize(properties.revocationCacheSize())
            .build();
    this.lastKnown =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.accessTokenTtl())
            .maximumSize(properties.revocationCacheSize())
            .build();
  }

  static String key(UUID playerId) {
    return "hokm:token-version:" + playerId;
  }

  /**
   * The token version an access token carries: 0 when it has none (issued before versions existed),
   * -1 (older than any version) when the claim is not a whole number.
   */
  public static long versionOf(Jwt jwt) {
    Object claim = jwt.getClaim(TokenIssuer.VERSION_CLAIM);
    if (claim == null) {
      return 0;
    }
    if (claim instanceof Long || claim instanceof Integer) {
      return ((Number) claim).longValue();
    }
    return -1;
  }

  /** Whether an access token of this player carrying this version is still valid. */
  public boolean isCurrent(UUID playerId, long tokenVersion) {
    if (tokenVersion < 0) {
      return false;
    }
    Long current = recent.get(playerId, this::load);
    if (current == null) {
      current = lastKnown.getIfPresent(playerId);
    }
    return current == null || tokenVersion >= current;
  }

  /** This instance learned a player's version first-hand (it wrote it, or heard it announced). */
  void learned(UUID playerId, long tokenVersion) {
    recent.asMap().merge(playerId, tokenVersion, Math::max);
    lastKnown.asMap().merge(playerId, tokenVersion, Math::max);
  }

  /** Applies a revocation here: learns the version and tells this instance's listeners. */
  void revoked(UUID playerId, long tokenVersion) {
    learned(playerId, tokenVersion);
    events.publishEvent(new TokensRevoked(playerId, tokenVersion));
  }

  /**
   * Raises Redis's copy of the version and, with a channel, announces it there. Returns how many
   * subscribers heard the announcement, or -1 if Redis could not be reached.
   */
  long raiseInRedis(UUID playerId, long tokenVersion, String channel, String message) {
    try {
      Long heard =
          redisBreaker.executeSupplier(
              () ->
                  redis.execute(
                      RAISE_SCRIPT,
                      List.of(key(playerId)),
                      Long.toString(tokenVersion),
                      mirrorTtlMillis,
                      channel,
                      message));
      return heard == null ? 0 : heard;
    } catch (RuntimeException e) {
      log.debug("token version of {} not written to Redis: {}", playerId, e.toString());
      return -1;
    }
  }

  /** The player's current version from Redis or PostgreSQL, or null if neither answered. */
  private Long load(UUID playerId) {
    Long version = null;
    boolean redisAnswered = false;
    try {
      String stored = redisBreaker.executeSupplier(() -> redis.opsForValue().get(key(playerId)));
      redisAnswered = true;
      version = stored == null ? null : Long.valueOf(stored);
    } catch (RuntimeException e) {
      log.debug("token version of {} not read from Redis: {}", playerId, e.toString());
    }
    if (version == null) {
      version = fromDatabase(playerId);
      if (version != null && redisAnswered) {
        raiseInRedis(playerId, version, "", "");
      }
    }
    if (version != null) {
      lastKnown.asMap().merge(playerId, version, Math::max);
    }
    return version;
  }

  private Long fromDatabase(UUID playerId) {
    CircuitBreaker.State state = postgres.getState();
    if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
      return null;
    }
    try {
      // A player who does not exist has no valid tokens anyway (PlayerExistence refuses them).
      return players.findTokenVersion(playerId).orElse(0L);
    } catch (DataAccessException e) {
      return null;
    }
  }
}
