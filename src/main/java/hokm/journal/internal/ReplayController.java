package hokm.journal.internal;

import hokm.journal.ReplayService;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
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
class ReplayController {
  private final ReplayService replays;

  ReplayController(ReplayService replays) {
    this.replays = replays;
  }

  @GetMapping("/api/games/{id}/replay")
  Map<String, Object> replay(@PathVariable("id") String id, @AuthenticationPrincipal Jwt caller) {
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
