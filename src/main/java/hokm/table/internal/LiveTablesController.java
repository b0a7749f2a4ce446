package hokm.table.internal;

import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
import hokm.table.LiveTable;
import hokm.table.Lobby;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tables/live?limit=20}: public tables with a game being played, for the lobby's
 * list of games to watch (with {@code spectate} by {@code tableId}). Private tables are never
 * listed; nothing in an entry is hidden from a spectator.
 */
@RestController
class LiveTablesController {
  private final Lobby lobby;

  LiveTablesController(Lobby lobby) {
    this.lobby = lobby;
  }

  @GetMapping("/api/tables/live")
  LiveTables live(@RequestParam(defaultValue = "20") int limit) {
    int max = lobby.properties().liveTablesMax();
    if (limit < 1 || limit > max) {
      throw new ApiException(ApiErrorCode.VALIDATION, "limit must be between 1 and " + max);
    }
    return new LiveTables(lobby.liveTables(limit));
  }

  record LiveTables(List<LiveTable> tables) {}
}
