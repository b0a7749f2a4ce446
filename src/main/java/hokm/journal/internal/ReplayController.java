package hokm.journal.internal;

import hokm.journal.ReplayService;
import hokm.platform.ApiDocs;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import hokm.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/games/{id}/replay}: a finished game, every hand visible, checked by replay. A
 * private game's replay is for its players only; to anyone else it does not exist.
 */
@RestController
@Tag(name = GameHistoryController.TAG)
class ReplayController {
  private final ReplayService replays;

  ReplayController(ReplayService replays) {
    this.replays = replays;
  }

  @GetMapping("/api/games/{id}/replay")
  @Operation(
      summary = "Replay a finished game",
      description =
          "Every hand with every card, dealt again from the game's secret and checked against its"
              + " record (`verified`). A public table's games are for any signed-in player, a"
              + " private table's for its players only.")
  @SecurityRequirement(name = ApiDocs.BEARER)
  @ApiResponse(
      responseCode = "200",
      description = "The game, replayed.",
      content = @Content(schema = @Schema(implementation = ReplayDocument.class)))
  @ApiResponse(
      responseCode = "404",
      description =
          "No such game (or not an id), or a private table's game the caller did not play.")
  @ApiResponse(responseCode = "409", description = "The game is still waiting or being played.")
  @ApiErrors({ApiErrorCode.NOT_FOUND, ApiErrorCode.GAME_NOT_FINISHED})
  Map<String, Object> replay(
      @Parameter(
              description =
                  "The game's id: `gameId` of `game_started`, `game_over` and `table_state`, and"
                      + " of `GET /api/players/me/games`")
          @PathVariable("id")
          String id,
      @AuthenticationPrincipal Jwt caller) {
    UUID gameId;
    try {
      gameId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.NOT_FOUND, "No such game.");
    }
    if (!replays.mayRead(gameId, UUID.fromString(caller.getSubject()))) {
      throw new ApiException(ApiErrorCode.NOT_FOUND, "No such game.");
    }
    ReplayService.Outcome outcome = replays.replay(gameId);
    if (outcome.refusal() == ReplayService.Refusal.NOT_FOUND) {
      throw new ApiException(ApiErrorCode.NOT_FOUND, "No such game.");
    }
    if (outcome.refusal() == ReplayService.Refusal.NOT_FINISHED) {
      throw new ApiException(
          ApiErrorCode.GAME_NOT_FINISHED,
          "A game is replayed once it is over: its cards are still in play.");
    }
    return outcome.replay();
  }
}
