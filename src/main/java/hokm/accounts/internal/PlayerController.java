package hokm.accounts.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/players")
class PlayerController {

  private final AuthService auth;

  PlayerController(AuthService auth) {
    this.auth = auth;
  }

  @GetMapping("/me")
  Me me(@AuthenticationPrincipal Jwt caller) {
    Player player = auth.me(UUID.fromString(caller.getSubject()));
    var profile = player.toProfile();
    return new Me(
        profile.id(),
        profile.username(),
        player.getEmail(),
        profile.guest(),
        profile.rating().ordinal(),
        profile.rating().mu(),
        profile.rating().sigma(),
        profile.totalGames(),
        profile.wins(),
        profile.losses(),
        profile.createdAt(),
        player.getLastSeen());
  }

  /**
   * The caller's account. {@code rating} is the ordinal ({@code mu - 3 sigma}) that the leaderboard
   * ranks by; {@code mu} and {@code sigma} are the rating itself.
   */
  record Me(
      UUID id,
      String username,
      String email,
      boolean guest,
      double rating,
      double mu,
      double sigma,
      int totalGames,
      int wins,
      int losses,
      Instant createdAt,
      Instant lastSeen) {}
}
