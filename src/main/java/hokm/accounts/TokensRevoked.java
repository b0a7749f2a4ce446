package hokm.accounts;

import java.util.UUID;

/**
 * A player's sessions were revoked (log out everywhere, a password change, a reused refresh token):
 * access tokens carrying a version below {@code tokenVersion} are no longer valid. Published on
 * every server instance, whichever one the revocation happened on, so each can close that player's
 * sockets authenticated with such a token.
 */
public record TokensRevoked(UUID playerId, long tokenVersion) {}
