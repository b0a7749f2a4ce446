package hokm.analytics;

import hokm.analytics.internal.AnalyticsReadRouter;
import hokm.analytics.internal.LeaderboardProperties;
import hokm.analytics.internal.ProfileProperties;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the analytics views, routed to the read replica. */
@Service
@EnableConfigurationProperties({LeaderboardProperties.class, ProfileProperties.class})
public class AnalyticsQueries {

  private final AnalyticsReadRouter router;
  private final LeaderboardProperties leaderboard;
  private final ProfileProperties profile;
  private final JsonMapper json = JsonMapper.builder().build();

  AnalyticsQueries(
      AnalyticsReadRouter router, LeaderboardProperties leaderboard, ProfileProperties profile) {
    this.router = router;
    this.leaderboard = leaderboard;
    this.profile = profile;
  }

  /**
   * The top of the leaderboard, best first: registered players with at least {@code
   * hokm.leaderboard.min-games} rated games, by ordinal (equal ordinals share a rank).
   */
  public List<LeaderboardEntry> leaderboard(int limit) {
    return router.read(
        jdbc ->
            jdbc.query(
                "SELECT rank() OVER (ORDER BY rating_ordinal DESC) AS rank, player_id, username,"
                    + " rating_mu, rating_sigma, rating_ordinal, rated_games, total_games, wins,"
                    + " losses, win_rate FROM analytics.leaderboard WHERE rated_games >= ?"
                    + " ORDER BY rating_ordinal DESC, username LIMIT ?",
                (rs, i) ->
                    new LeaderboardEntry(
                        rs.getInt("rank"),
                        rs.getObject("player_id", UUID.class),
                        rs.getString("username"),
                        rs.getDouble("rating_ordinal"),
                        rs.getDouble("rating_mu"),
                        rs.getDouble("rating_sigma"),
                        rs.getInt("rated_games"),
                        rs.getInt("total_games"),
                        rs.getInt("wins"),
                        rs.getInt("losses"),
                        rs.getBigDecimal("win_rate")),
                leaderboard.minGames(),
                limit));
  }

  /** The public profile of the player with exactly this name, if there is one. */
  public Optional<PublicProfile> profile(String username) {
    return router.read(
        jdbc -> {
          List<PublicProfile> found =
              jdbc.query(
                  "SELECT player_id, username, is_guest, created_at, rating_mu, rating_sigma,"
                      + " rating_ordinal, rated_games, total_games, wins, losses"
                      + " FROM analytics.player_profiles WHERE username = ?",
                  (rs, i) -> {
                    UUID id = rs.getObject("player_id", UUID.class);
                    boolean guest = rs.getBoolean("is_guest");
                    return new PublicProfile(
                        rs.getString("username"),
                        guest,
                        instant(rs.getTimestamp("created_at")),
                        guest
                            ? null
                            : new PublicProfile.RatingValue(
                                rs.getDouble("rating_mu"),
                                rs.getDouble("rating_sigma"),
                                rs.getDouble("rating_ordinal")),
                        rs.getInt("rated_games"),
                        rs.getInt("total_games"),
                        rs.getInt("wins"),
                        rs.getInt("losses"),
                        recent(jdbc, id),
                        guest ? List.of() : ratingHistory(jdbc, id));
                  },
                  username);
          return found.stream().findFirst();
        });
  }

  private List<PublicProfile.Result> recent(JdbcTemplate jdbc, UUID player) {
    return jdbc.query(
        "SELECT r.game_session_id, r.completed_at, r.end_reason, r.team, r.won, r.scores::text,"
            + " r.is_private, r.bot_level, h.ordinal_before, h.ordinal_after"
            + " FROM analytics.player_results r LEFT JOIN analytics.rating_history h"
            + " ON h.player_id = r.player_id AND h.game_session_id = r.game_session_id"
            + " WHERE r.player_id = ? ORDER BY r.completed_at DESC, r.game_session_id LIMIT ?",
        (rs, i) -> {
          JsonNode scores = json.readTree(rs.getString(6));
          Map<String, Integer> points = new LinkedHashMap<>();
          points.put("team1", scores.path("team1").asInt());
          points.put("team2", scores.path("team2").asInt());
          return new PublicProfile.Result(
              rs.getObject(1, UUID.class),
              instant(rs.getTimestamp(2)),
              rs.getString(3),
              rs.getInt(4),
              rs.getBoolean(5),
              points,
              rs.getBoolean(7),
              rs.getString(8),
              (Double) rs.getObject(9),
              (Double) rs.getObject(10));
        },
        player,
        profile.recentGames());
  }

  private List<PublicProfile.RatingPoint> ratingHistory(JdbcTemplate jdbc, UUID player) {
    List<PublicProfile.RatingPoint> latest =
        new ArrayList<>(
            jdbc.query(
                "SELECT game_session_id, played_at, mu_after, sigma_after, ordinal_after"
                    + " FROM analytics.rating_history WHERE player_id = ?"
                    + " ORDER BY played_at DESC, game_session_id DESC LIMIT ?",
                (rs, i) ->
                    new PublicProfile.RatingPoint(
                        rs.getObject(1, UUID.class),
                        instant(rs.getTimestamp(2)),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5)),
                player,
                profile.historyPoints()));
    Collections.reverse(latest);
    return latest;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Game statistics of the last {@code days} UTC days (today included), newest first. */
  public List<DailyGameStats> daily(int days) {
    return router.read(
        jdbc ->
            jdbc.query(
                "SELECT * FROM analytics.game_statistics_summary"
                    + " WHERE day > (now() AT TIME ZONE 'UTC')::date - ? ORDER BY day DESC",
                (rs, i) ->
                    new DailyGameStats(
                        rs.getObject("day", java.time.LocalDate.class),
                        rs.getLong("games_created"),
                        rs.getLong("games_started"),
                        rs.getLong("games_completed"),
                        rs.getLong("games_abandoned"),
                        rs.getLong("games_forfeited"),
                        rs.getLong("team1_wins"),
                        rs.getLong("team2_wins"),
                        rs.getLong("games_with_bots"),
                        rs.getBigDecimal("avg_duration_seconds"),
                        rs.getBigDecimal("avg_hands_per_completed_game")),
                days));
  }
}
