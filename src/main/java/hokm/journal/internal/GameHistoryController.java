package hokm.journal.internal;

import hokm.platform.ApiDocs;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import hokm.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/players/me/games?limit=20}: the caller's finished games, newest first, each with
 * its seats and result; {@code GET /api/games/{id}/replay} replays any of them.
 */
@RestController
@Tag(name = GameHistoryController.TAG, description = GameHistoryController.TAG_DESCRIPTION)
class GameHistoryController {
  static final String TAG = "Games";
  static final String TAG_DESCRIPTION =
      "Finished games: the caller's, and the replay of any game with every hand visible.";
  private final JdbcTemplate jdbc;
  private final int max;
  private final JsonMapper json = JsonMapper.builder().build();

  GameHistoryController(
      JdbcTemplate jdbc, @Value("${hokm.journal.history-max:100}") int historyMax) {
    this.jdbc = jdbc;
    this.max = historyMax;
  }

  /** A finished game as the caller sat at it. */
  @Schema(description = "A finished game as the caller sat at it.")
  record FinishedGame(
      @Schema(description = "For `GET /api/games/{id}/replay`") UUID gameId,
      Instant startedAt,
      Instant endedAt,
      boolean privateTable,
      int targetPoints,
      @Schema(
              description = "How it ended: finished, forfeit, abandoned or aborted",
              example = "finished")
          String endReason,
      @Schema(description = "1 or 2; null when no team won") Integer winnerTeam,
      @Schema(description = "Points of `team1` and `team2`", example = "{\"team1\":7,\"team2\":3}")
          Map<String, Integer> scores,
      @Schema(description = "The caller's seat, 0 to 3") int seat,
      @Schema(description = "The caller's team, 1 or 2") int team,
      @Schema(description = "The four seats, in order") List<Seat> seats) {}

  @Schema(name = "GameSeat", description = "A seat of a finished game.")
  record Seat(
      int seat,
      int team,
      @Schema(description = "Null for a bot, or a player whose account is gone") String username,
      boolean bot) {}

  @Schema(name = "MyGames", description = "The caller's finished games, newest first.")
  record Games(List<FinishedGame> games) {}

  @GetMapping("/api/players/me/games")
  @Operation(
      summary = "The caller's finished games",
      description = "Newest first, each with its seats and result (completed or abandoned games).")
  @SecurityRequirement(name = ApiDocs.BEARER)
  @ApiResponse(responseCode = "200", description = "The caller's games, newest first.")
  @ApiErrors(ApiErrorCode.VALIDATION)
  Games mine(
      @Parameter(description = "How many games, 1 to `hokm.journal.history-max` (100)")
          @RequestParam(defaultValue = "20")
          int limit,
      @AuthenticationPrincipal Jwt caller) {
    if (limit < 1 || limit > max) {
      throw new ApiException(ApiErrorCode.VALIDATION, "limit must be between 1 and " + max);
    }
    UUID me = UUID.fromString(caller.getSubject());
    List<FinishedGame> games =
        jdbc.query(
            "SELECT s.id, s.started_at, s.completed_at, s.is_private, s.target_points,"
                + " s.end_reason, s.winner_team, s.scores::text, p.position, p.team"
                + " FROM game_participants p JOIN game_sessions s ON s.id = p.game_session_id"
                + " WHERE p.player_id = ? AND s.status IN ('completed', 'abandoned')"
                + " AND s.started_at IS NOT NULL"
                + " ORDER BY s.completed_at DESC, s.id LIMIT ?",
            (row, n) -> {
              JsonNode scores = json.readTree(row.getString(8));
              Map<String, Integer> points = new LinkedHashMap<>();
              points.put("team1", scores.path("team1").asInt());
              points.put("team2", scores.path("team2").asInt());
              return new FinishedGame(
                  row.getObject(1, UUID.class),
                  instant(row.getTimestamp(2)),
                  instant(row.getTimestamp(3)),
                  row.getBoolean(4),
                  row.getInt(5),
                  row.getString(6),
                  (Integer) row.getObject(7),
                  points,
                  row.getInt(9),
                  row.getInt(10),
                  new ArrayList<>());
            },
            me,
            limit);
    if (games.isEmpty()) {
      return new Games(games);
    }
    Map<UUID, FinishedGame> byId = new LinkedHashMap<>();
    for (FinishedGame game : games) {
      byId.put(game.gameId(), game);
    }
    jdbc.query(
        connection -> {
          var statement =
              connection.prepareStatement(
                  "SELECT p.game_session_id, p.position, p.team, p.is_bot, pl.username"
                      + " FROM game_participants p LEFT JOIN players pl ON pl.id = p.player_id"
                      + " WHERE p.game_session_id = ANY(?) ORDER BY p.game_session_id,"
                      + " p.position");
          Array ids = connection.createArrayOf("uuid", byId.keySet().toArray());
          statement.setArray(1, ids);
          return statement;
        },
        row -> {
          FinishedGame game = byId.get(row.getObject(1, UUID.class));
          boolean bot = row.getBoolean(4);
          game.seats()
              .add(new Seat(row.getInt(2), row.getInt(3), bot ? null : row.getString(5), bot));
        });
    return new Games(games);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
