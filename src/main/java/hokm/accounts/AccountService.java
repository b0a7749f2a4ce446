package hokm.accounts;

import hokm.accounts.internal.PlayerExistence;
import hokm.accounts.internal.PlayerRepository;
import hokm.accounts.internal.TokenVersions;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask of accounts. */
@Service
public class AccountService {

  private final JwtDecoder jwtDecoder;
  private final PlayerRepository players;
  private final PlayerExistence existence;
  private final TokenVersions versions;

  AccountService(
      JwtDecoder jwtDecoder,
      PlayerRepository players,
      PlayerExistence existence,
      TokenVersions versions) {
    this.jwtDecoder = jwtDecoder;
    this.players = players;
    this.existence = existence;
    this.versions = versions;
  }

  /**
   * Checks an access token (signature, issuer, expiry), that its player still exists (a cached
   * look-up, see {@link PlayerExistence}) and that it was not revoked since (see {@link
   * #isRevoked}). Anything wrong with it, including null, yields empty; it never throws for a bad
   * token. Meant for the moment a client authenticates, not for every frame.
   */
  public Optional<AuthenticatedPlayer> authenticate(String accessToken) {
    if (accessToken == null || accessToken.isBlank()) {
      return Optional.empty();
    }
    try {
      Jwt jwt = jwtDecoder.decode(accessToken.trim());
      String subject = jwt.getSubject();
      String username = jwt.getClaimAsString("username");
      if (subject == null || username == null || jwt.getExpiresAt() == null) {
        return Optional.empty();
      }
      UUID id = UUID.fromString(subject);
      if (!existence.exists(id)) {
        return Optional.empty();
      }
      long version = TokenVersions.versionOf(jwt);
      if (!versions.isCurrent(id, version)) {
        return Optional.empty();
      }
      return Optional.of(new AuthenticatedPlayer(id, username, jwt.getExpiresAt(), version));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether access tokens of this player carrying this version were revoked since they were issued
   * (log out everywhere, a password change, a reused refresh token). Current within {@code
   * hokm.auth.revocation-cache-ttl} on every instance; a revocation made here counts at once.
   */
  public boolean isRevoked(UUID playerId, long tokenVersion) {
    return !versions.isCurrent(playerId, tokenVersion);
  }

  /** A player's public profile, or empty if there is no such player. */
  @Transactional(readOnly = true)
  public Optional<PlayerProfile> findProfile(UUID playerId) {
    if (playerId == null) {
      return Optional.empty();
    }
    return players.findById(playerId).map(p -> p.toProfile());
  }
}
