package hokm.accounts.internal;

import hokm.security.SecuritySettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
  private final long ttlNanos;
  private final Map<UUID, Long> confirmedUntil = new ConcurrentHashMap<>();

  private final CircuitBreaker postgres;

  PlayerExistence(
      PlayerRepository players, SecuritySettings settings, CircuitBreakerRegistry breakers) {
    this.players = players;
    this.postgres = breakers.circuitBreaker("postgres");
    this.ttlNanos = settings.playerCheckTtl().toNanos();
  }

  public boolean exists(UUID playerId) {
    long now = System.nanoTime();
    Long until = confirmedUntil.get(playerId);
    if (until != null && until - now > 0) {
      return true;
    }
    boolean exists;
    if (postgres.getState() == CircuitBreaker.State.OPEN) {
      // The database is away: a validly signed token is trusted rather than refused, so players
      // keep playing; a deleted player's token is refused again once the database answers.
      return true;
    }
    try {
      exists = players.existsById(playerId);
    } catch (DataAccessException e) {
      return true;
    }
    if (!exists) {
      confirmedUntil.remove(playerId);
      return false;
    }
    if (ttlNanos > 0) {
      if (confirmedUntil.size() >= MAX_REMEMBERED) {
        confirmedUntil.values().removeIf(t -> t - now <= 0);
        if (confirmedUntil.size() >= MAX_REMEMBERED) {
          confirmedUntil.clear();
        }
      }
      confirmedUntil.put(playerId, now + ttlNanos);
    }
    return true;
  }
}
