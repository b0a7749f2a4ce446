package hokm.accounts;

import java.time.Instant;
import java.util.UUID;

/** Who an access token speaks for, and until when. */
public record AuthenticatedPlayer(UUID id, String username, Instant expiresAt) {}
