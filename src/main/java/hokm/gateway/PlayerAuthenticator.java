package hokm.gateway;

import hokm.table.PlayerRef;
import java.time.Instant;
import java.util.Optional;

/** Checks the access token a client sends in {@code hello}. */
public interface PlayerAuthenticator {

  /** The player behind a valid token, or empty for a bad, expired or revoked one. */
  Optional<Authenticated> authenticate(String token);

  record Authenticated(PlayerRef player, Instant expiresAt) {}
}
