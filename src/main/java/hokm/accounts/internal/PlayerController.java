package hokm.accounts.internal;

import hokm.platform.ApiDocs;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/players")
@Tag(name = AuthController.TAG)
class PlayerController {

  private final AuthService auth;

  PlayerController(AuthService auth) {
    this.auth = auth;
  }

  @GetMapping("/me")
  @Operation(
      summary = "The caller's account",
      description = "The bearer token's player, with the private parts (email, last seen).")
  @SecurityRequirement(name = ApiDocs.BEARER)
  @ApiResponse(responseCode = "200", description = "The caller's account.")
  @ApiResponse(
      responseCode = "404",
      description = "The account was deleted while the request was served.")
  @ApiErrors(ApiErrorCode.NOT_FOUND)
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
  @Schema(name = "Account", description = "The caller's own account.")
  record Me(
      UUID id,
      String username,
      @Schema(description = "As given at registration; null for a guest or when none was given")
          String email,
      @Schema(description = "A guest: no password, never rated") boolean guest,
      @Schema(description = "The ordinal `mu - 3 sigma` the leaderboard ranks by (new: 0)")
          double rating,
      @Schema(description = "OpenSkill's mean of the skill (new: 25)") double mu,
      @Schema(description = "OpenSkill's uncertainty of it (new: 8.33)") double sigma,
      @Schema(description = "Games played, wins and losses counted") int totalGames,
      int wins,
      int losses,
      Instant createdAt,
      @Schema(description = "The latest sign-in, refresh or request of this kind")
          Instant lastSeen) {}
}
