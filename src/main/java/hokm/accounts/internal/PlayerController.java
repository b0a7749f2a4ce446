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
        profile.rating(),
        profile.totalGames(),
        profile.wins(),
        profile.losses(),
        profile.createdAt(),
        player.getLastSeen());
  }

  record Me(
      UUID id,
      String username,
      String email,
      boolean guest,
      int rating,
      int totalGames,
      int wins,
      int losses,
      Instant createdAt,
      Instant lastSeen) {}
}
