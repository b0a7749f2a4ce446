package hokm.table.internal;

import hokm.platform.ApiDocs;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import hokm.platform.ApiException;
import hokm.table.LiveTable;
import hokm.table.Lobby;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Tables", description = "The tables being played now, to watch over the WebSocket.")
class LiveTablesController {
  private final Lobby lobby;

  LiveTablesController(Lobby lobby) {
    this.lobby = lobby;
  }

  @GetMapping("/api/tables/live")
  @Operation(
      summary = "Public tables being played",
      description =
          "Public tables with a game under way, to watch with the WebSocket's `spectate` by"
              + " `tableId`. Private tables are never listed; nothing in an entry is hidden from"
              + " a spectator.")
  @SecurityRequirement(name = ApiDocs.BEARER)
  @ApiResponse(responseCode = "200", description = "The tables being played.")
  @ApiErrors(ApiErrorCode.VALIDATION)
  LiveTables live(
      @Parameter(description = "How many tables, 1 to `hokm.table.live-tables-max` (50)")
          @RequestParam(defaultValue = "20")
          int limit) {
    int max = lobby.properties().liveTablesMax();
    if (limit < 1 || limit > max) {
      throw new ApiException(ApiErrorCode.VALIDATION, "limit must be between 1 and " + max);
    }
    return new LiveTables(lobby.liveTables(limit));
  }

  @Schema(description = "Public tables with a game being played.")
  record LiveTables(List<LiveTable> tables) {}
}
