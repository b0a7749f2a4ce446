package hokm.accounts.internal;

import org.springframework.security.oauth2.jwt.BadJwtException;

/** An access token older than its player's token version: answered 401 {@code TOKEN_REVOKED}. */
class RevokedTokenException extends BadJwtException {
  private static final long serialVersionUID = 1L;

  RevokedTokenException() {
    super("The access token was revoked");
  }
}
