package hokm.accounts;

import hokm.accounts.internal.PlayerExistence;
import hokm.accounts.internal.PlayerRepository;
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

  AccountService(JwtDecoder jwtDecoder, PlayerRepository players, PlayerExistence existence) {
    this.jwtDecoder = jwtDecoder;
    this.players = players;
    this.existence = existence;
  }

  /**
   * Checks an access token (signature, issuer, expiry) and that its player still exists (a cached
   * look-up, see {@link PlayerExistence}). Anything wrong with it, including null, yields empty; it
   * never throws for a bad token. Meant for the moment a client authenticates, not for every frame.
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
      return Optional.of(new AuthenticatedPlayer(id, username, jwt.getExpiresAt()));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
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
