package hokm.analytics;

import hokm.analytics.internal.AnalyticsReadRouter;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads of the analytics views, routed to the read replica. */
@Service
public class AnalyticsQueries {

  private final AnalyticsReadRouter router;

  AnalyticsQueries(AnalyticsReadRouter router) {
    this.router = router;
  }

  /** The top of the leaderboard, best first. */
  public List<LeaderboardEntry> leaderboard(int limit) {
    return router.read(
        jdbc ->
            jdbc.query(
                "SELECT rank, player_id, username, rating, total_games, wins, losses, win_rate"
                    + " FROM analytics.leaderboard ORDER BY rank, username LIMIT ?",
                (rs, i) ->
                    new LeaderboardEntry(
                        rs.getInt("rank"),
                        rs.getObject("player_id", UUID.class),
                        rs.getString("username"),
                        rs.getInt("rating"),
                        rs.getInt("total_games"),
                        rs.getInt("wins"),
                        rs.getInt("losses"),
                        rs.getBigDecimal("win_rate")),
                limit));
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
