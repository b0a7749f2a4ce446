package hokm.journal.internal;

import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
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
class GameHistoryController {
  private final JdbcTemplate jdbc;
  private final int max;
  private final JsonMapper json = JsonMapper.builder().build();

  GameHistoryController(
      JdbcTemplate jdbc, @Value("${hokm.journal.history-max:100}") int historyMax) {
    this.jdbc = jdbc;
    this.max = historyMax;
  }

  /** A finished game as the caller sat at it. */
  record FinishedGame(
      UUID gameId,
      Instant startedAt,
      Instant endedAt,
      boolean privateTable,
      int targetPoints,
      String endReason,
      Integer winnerTeam,
      Map<String, Integer> scores,
      int seat,
      int team,
      List<Seat> seats) {}

  record Seat(int seat, int team, String username, boolean bot) {}

  record Games(List<FinishedGame> games) {}

  @GetMapping("/api/players/me/games")
  Games mine(@RequestParam(defaultValue = "20") int limit, @AuthenticationPrincipal Jwt caller) {
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
