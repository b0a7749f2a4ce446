package hokm.gateway;

import hokm.table.PlayerRef;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Checks the access token a client sends in {@code hello}. */
public interface PlayerAuthenticator {

  /** The player behind a valid token, or empty for a bad, expired or revoked one. */
  Optional<Authenticated> authenticate(String token);

  /** Whether the player's tokens of this version have been revoked since they were checked. */
  boolean revoked(UUID playerId, long tokenVersion);

  /**
   * @param tokenVersion the version the token carries; a revocation closes the sockets
   *     authenticated with a lower one ({@link CloseCodes#SESSION_REVOKED})
   */
  record Authenticated(PlayerRef player, Instant expiresAt, long tokenVersion) {}
}
