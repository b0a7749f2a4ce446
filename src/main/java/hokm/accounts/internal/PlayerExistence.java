package hokm.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hokm.security.SecuritySettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * "Does this player still exist?", asked when a token is presented (REST requests and WebSocket
 * hello, never per game frame). A yes is remembered for {@code hokm.security.player-check-ttl}; a
 * no is not remembered, so it is always current.
 */
@Component
public class PlayerExistence {
  private static final int MAX_REMEMBERED = 100_000;

  private final PlayerRepository players;

  /** Players confirmed to exist, each for the configured time; null when nothing is remembered. */
  private final Cache<UUID, Boolean> confirmed;

  private final CircuitBreaker postgres;

  PlayerExistence(
      PlayerRepository players, SecuritySettings settings, CircuitBreakerRegistry breakers) {
    this.players = players;
    this.postgres = breakers.circuitBreaker("postgres");
    Duration ttl = settings.playerCheckTtl();
    this.confirmed =
        ttl.isZero() || ttl.isNegative()
            ? null
            : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_REMEMBERED).build();
  }

  public boolean exists(UUID playerId) {
    if (confirmed != null && confirmed.getIfPresent(playerId) != null) {
      return true;
    }
    if (postgres.getState() == CircuitBreaker.State.OPEN) {
      // The database is away: a validly signed token is trusted rather than refused, so players
      // keep playing; a deleted player's token is refused again once the database answers.
      return true;
    }
    boolean exists;
    try {
      exists = players.existsById(playerId);
    } catch (DataAccessException e) {
      return true;
    }
    if (exists && confirmed != null) {
      confirmed.put(playerId, Boolean.TRUE);
    }
    return exists;
  }
}
