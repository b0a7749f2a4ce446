package hokm.accounts.internal;

import hokm.security.SecuritySettings;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

  PlayerExistence(PlayerRepository players, SecuritySettings settings) {
    this.players = players;
    this.ttlNanos = settings.playerCheckTtl().toNanos();
  }

  public boolean exists(UUID playerId) {
    long now = System.nanoTime();
    Long until = confirmedUntil.get(playerId);
    if (until != null && until - now > 0) {
      return true;
    }
    boolean exists = players.existsById(playerId);
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
