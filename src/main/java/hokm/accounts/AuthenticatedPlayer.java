package hokm.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * Who an access token speaks for, until when, and the token version it carries (see {@link
 * TokensRevoked}).
 */
public record AuthenticatedPlayer(UUID id, String username, Instant expiresAt, long tokenVersion) {}
