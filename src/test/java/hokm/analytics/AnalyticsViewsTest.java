package hokm.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.SqlSession;
import hokm.testsupport.TestBackends;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The views against a small fixture whose numbers were worked out by hand. Monday 2021-03-01 (D1)
 * and Tuesday 2021-03-02 (D2), all times UTC.
 *
 * <pre>
 * S1 D1 09:00 created, 09:05-09:35 finished, team 1 won; ann(0,t1) ben(1,t2) cat(2,t1) bot(3,t2)
 *    3 completed hands; moves 09:06-09:08: ann trump, ann/ben/cat/bot cards
 * S2 D1 14:00 created, 14:10-14:30 forfeit, team 2 won; ben(0,t1) ann(1,t2) dan(2,t1) bot(3,t2)
 *    1 completed hand, 1 unfinished
 * S3 D1 20:00 created, abandoned 20:10 without starting; cat(0)
 * S4 D2 08:00 created, started 08:01, active; ann(0, connected) bot(1) bot(2) ben(3)
 *    1 completed hand, 1 running; moves 08:02-08:03: ann trump, ann card, bot card
 * mu (sigma 25/3) and counters, every game rated: ann 32 2/2/0, ben 30 2/1/1, cat 30 1/0/1,
 * dan (guest) 34 1/1/0, eve 36 0
 * connections D1: ann 10:00-10:30, ben 10:00-11:00, ann 12:00 open
 * </pre>
 */
@IntegrationTest
class AnalyticsViewsTest {

  SqlSession sql;
  Map<String, UUID> p = new HashMap<>();
  Map<String, UUID> s = new HashMap<>();
  Map<String, Long> heatBefore;

  @BeforeEach
  void fixture() {
    sql = new SqlSession(TestBackends.superuser());
    // Players other tests left behind would crowd the leaderboard; hide them in this transaction.
    sql.update("UPDATE players SET total_games = 0, wins = 0, losses = 0, rated_games = 0");
    heatBefore = heat();

    player("v_ann", 32, 2, 2, 0, false);
    player("v_ben", 30, 2, 1, 1, false);
    player("v_cat", 30, 1, 0, 1, false);
    player("v_dan", 34, 1, 1, 0, true);
    player("v_eve", 36, 0, 0, 0, false);

    session(
        "S1",
        "completed",
        "2021-03-01T09:00Z",
        "2021-03-01T09:05Z",
        "2021-03-01T09:35Z",
        "finished",
        1);
    session(
        "S2",
        "completed",
        "2021-03-01T14:00Z",
        "2021-03-01T14:10Z",
        "2021-03-01T14:30Z",
        "forfeit",
        2);
    session("S3", "abandoned", "2021-03-01T20:00Z", null, "2021-03-01T20:10Z", "abandoned", null);
    session("S4", "active", "2021-03-02T08:00Z", "2021-03-02T08:01Z", null, null, null);

    seat("S1", 0, "v_ann", false);
    seat("S1", 1, "v_ben", false);
    seat("S1", 2, "v_cat", false);
    seat("S1", 3, null, false);
    seat("S2", 0, "v_ben", false);
    seat("S2", 1, "v_ann", false);
    seat("S2", 2, "v_dan", false);
    seat("S2", 3, null, false);
    seat("S3", 0, "v_cat", false);
    seat("S4", 0, "v_ann", true);
    seat("S4", 1, null, false);
    seat("S4", 2, null, false);
    seat("S4", 3, "v_ben", false);

    hand("S1", 1, true);
    hand("S1", 2, true);
    hand("S1", 3, true);
    hand("S2", 1, true);
    hand("S2", 2, false);
    hand("S4", 1, true);
    hand("S4", 2, false);

    move("S1", 1, "v_ann", 0, "choose_trump", "2021-03-01T09:06Z");
    move("S1", 2, "v_ann", 0, "play_card", "2021-03-01T09:07Z");
    move("S1", 3, "v_ben", 1, "play_card", "2021-03-01T09:07Z");
    move("S1", 4, "v_cat", 2, "play_card", "2021-03-01T09:08Z");
    move("S1", 5, null, 3, "play_card", "2021-03-01T09:08Z");
    move("S4", 1, "v_ann", 0, "choose_trump", "2021-03-02T08:02Z");
    move("S4", 2, "v_ann", 0, "play_card", "2021-03-02T08:03Z");
    move("S4", 3, null, 1, "play_card", "2021-03-02T08:03Z");

    connection("v_ann", "vc1", "2021-03-01T10:00Z", "2021-03-01T10:30Z");
    connection("v_ben", "vc2", "2021-03-01T10:00Z", "2021-03-01T11:00Z");
    connection("v_ann", "vc3", "2021-03-01T12:00Z", null);
  }

  @AfterEach
  void rollback() {
    sql.close();
  }

  @Test
  void leaderboardListsRegisteredPlayersWithRatedGamesByOrdinal() {
    List<Map<String, Object>> rows =
        sql.query(
            "SELECT username, rating_mu, rating_ordinal, rated_games, win_rate"
                + " FROM analytics.leaderboard");
    assertThat(rows).extracting(r -> r.get("username")).containsExactly("v_ann", "v_ben", "v_cat");
    assertThat(rows)
        .extracting(r -> (Double) r.get("rating_ordinal"))
        .containsExactly(32 - 25.0, 30 - 25.0, 30 - 25.0);
    assertThat(rows).extracting(r -> r.get("rated_games")).containsExactly(2, 2, 1);
    assertThat(rows)
        .extracting(r -> (BigDecimal) r.get("win_rate"))
        .containsExactly(
            new BigDecimal("1.0000"), new BigDecimal("0.5000"), new BigDecimal("0.0000"));
  }

  @Test
  void playerResultsAreTheDecidedGamesAsEachHumanSatAtThem() {
    List<Map<String, Object>> ann =
        sql.query(
            "SELECT game_session_id, team, won, end_reason FROM analytics.player_results"
                + " WHERE player_id = ? ORDER BY completed_at",
            p.get("v_ann"));
    assertThat(ann)
        .extracting(r -> r.get("game_session_id"))
        .containsExactly(s.get("S1"), s.get("S2"));
    assertThat(ann).extracting(r -> ((Number) r.get("team")).intValue()).containsExactly(1, 2);
    assertThat(ann).extracting(r -> r.get("won")).containsExactly(true, true);
    assertThat(ann).extracting(r -> r.get("end_reason")).containsExactly("finished", "forfeit");
    // An abandoned game has no result.
    assertThat(
            sql.query(
                "SELECT game_session_id FROM analytics.player_results WHERE player_id = ?",
                p.get("v_cat")))
        .extracting(r -> r.get("game_session_id"))
        .containsExactly(s.get("S1"));
    assertThat(
            sql.one(
                "SELECT is_guest, rating_ordinal FROM analytics.player_profiles"
                    + " WHERE username = 'v_dan'"))
        .containsEntry("is_guest", true)
        .containsEntry("rating_ordinal", 34 - 25.0);
  }

  @Test
  void playerPerformanceCountsFromTheGameRecord() {
    Map<String, Object> ann = performance("v_ann");
    assertThat(ann)
        .containsEntry("games_played", 2L)
        .containsEntry("games_won", 2L)
        .containsEntry("games_lost", 0L)
        .containsEntry("games_abandoned", 0L)
        .containsEntry("win_rate", new BigDecimal("1.0000"))
        .containsEntry("cards_played", 2L)
        .containsEntry("trumps_chosen", 2L);
    assertThat(ann.get("last_game_at").toString()).startsWith("2021-03-01 14:30");

    assertThat(performance("v_ben"))
        .containsEntry("games_played", 2L)
        .containsEntry("games_won", 0L)
        .containsEntry("games_lost", 2L)
        .containsEntry("win_rate", new BigDecimal("0.0000"))
        .containsEntry("cards_played", 1L)
        .containsEntry("trumps_chosen", 0L);
    assertThat(performance("v_cat"))
        .containsEntry("games_played", 1L)
        .containsEntry("games_won", 1L)
        .containsEntry("games_abandoned", 1L)
        .containsEntry("cards_played", 1L);
    assertThat(performance("v_dan"))
        .containsEntry("is_guest", true)
        .containsEntry("games_played", 1L)
        .containsEntry("games_lost", 1L);
    Map<String, Object> eve = performance("v_eve");
    assertThat(eve).containsEntry("games_played", 0L).containsEntry("cards_played", 0L);
    assertThat(eve.get("win_rate")).isNull();
  }

  @Test
  void dailySummary() {
    Map<String, Object> d1 =
        sql.one("SELECT * FROM analytics.game_statistics_summary WHERE day = '2021-03-01'");
    assertThat(d1)
        .containsEntry("games_created", 3L)
        .containsEntry("games_started", 2L)
        .containsEntry("games_completed", 2L)
        .containsEntry("games_abandoned", 1L)
        .containsEntry("games_forfeited", 1L)
        .containsEntry("team1_wins", 1L)
        .containsEntry("team2_wins", 1L)
        .containsEntry("games_with_bots", 2L)
        .containsEntry("avg_duration_seconds", new BigDecimal("1500.0"))
        .containsEntry("avg_hands_per_completed_game", new BigDecimal("2.00"));

    Map<String, Object> d2 =
        sql.one("SELECT * FROM analytics.game_statistics_summary WHERE day = '2021-03-02'");
    assertThat(d2)
        .containsEntry("games_created", 1L)
        .containsEntry("games_started", 1L)
        .containsEntry("games_completed", 0L)
        .containsEntry("games_with_bots", 1L);
    assertThat(d2.get("avg_duration_seconds")).isNull();
    assertThat(d2.get("avg_hands_per_completed_game")).isNull();
  }

  @Test
  void activeSessionsShowOpenGamesOnly() {
    List<Map<String, Object>> rows =
        sql.query(
            "SELECT * FROM analytics.active_sessions WHERE session_id = ANY (?)",
            (Object) s.values().toArray(new UUID[0]));
    assertThat(rows).hasSize(1);
    Map<String, Object> s4 = rows.get(0);
    assertThat(s4)
        .containsEntry("session_id", s.get("S4"))
        .containsEntry("room_id", "v-S4")
        .containsEntry("status", "active")
        .containsEntry("humans", 2L)
        .containsEntry("bots", 2L)
        .containsEntry("connected_humans", 1L)
        .containsEntry("hands_completed", 1L)
        .containsEntry("moves_made", 3);
    assertThat(s4.get("last_move_at").toString()).startsWith("2021-03-02 08:03");
  }

  @Test
  void heatmapCountsByWeekdayAndHour() {
    Map<String, Long> after = heat();
    assertThat(after).hasSize(7 * 24 * 3);
    // Games other tests left to bots may still be recorded meanwhile: they land in the current
    // hour's cell (and the one before, should the hour turn), never in the fixture's 2021 cells.
    List<String> live = new java.util.ArrayList<>();
    for (Map<String, Object> row :
        sql.query(
            "SELECT extract(isodow FROM t)::int AS weekday, extract(hour FROM t)::int AS hour"
                + " FROM (VALUES (now() AT TIME ZONE 'UTC'),"
                + " (now() AT TIME ZONE 'UTC' - interval '1 hour')) AS v(t)")) {
      live.add(row.get("weekday") + "/" + row.get("hour") + "/");
    }
    Map<String, Long> delta = new HashMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - heatBefore.get(k);
          if (d != 0 && live.stream().noneMatch(k::startsWith)) {
            delta.put(k, d);
          }
        });
    Map<String, Long> expected = new HashMap<>();
    expected.put("1/9/games_started", 1L);
    expected.put("1/14/games_started", 1L);
    expected.put("2/8/games_started", 1L);
    expected.put("1/9/moves_made", 5L);
    expected.put("2/8/moves_made", 3L);
    expected.put("1/9/active_players", 3L);
    expected.put("2/8/active_players", 1L);
    expected.keySet().removeIf(k -> live.stream().anyMatch(k::startsWith));
    assertThat(delta).isEqualTo(expected);
  }

  @Test
  void connectionStatisticsPerDay() {
    Map<String, Object> d1 =
        sql.one("SELECT * FROM analytics.connection_statistics WHERE day = '2021-03-01'");
    assertThat(d1)
        .containsEntry("connections", 3L)
        .containsEntry("distinct_players", 2L)
        .containsEntry("still_active", 1L)
        .containsEntry("avg_duration_seconds", new BigDecimal("2700.0"))
        .containsEntry("max_duration_seconds", new BigDecimal("3600.0"));
  }

  private Map<String, Long> heat() {
    Map<String, Long> cells = new HashMap<>();
    for (Map<String, Object> row : sql.query("SELECT * FROM analytics.player_activity_heatmap")) {
      String cell = row.get("weekday") + "/" + row.get("hour") + "/";
      for (String column : List.of("games_started", "moves_made", "active_players")) {
        cells.put(cell + column, ((Number) row.get(column)).longValue());
      }
    }
    return cells;
  }

  private Map<String, Object> performance(String name) {
    return sql.one("SELECT * FROM analytics.player_performance WHERE player_id = ?", p.get(name));
  }

  private void player(String name, double mu, int games, int wins, int losses, boolean guest) {
    p.put(
        name,
        (UUID)
            sql.value(
                "INSERT INTO players (username, password_hash, is_guest, rating_mu, rated_games,"
                    + " total_games, wins, losses) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                name,
                guest ? null : "$2a$10$x",
                guest,
                mu,
                guest ? 0 : games,
                games,
                wins,
                losses));
  }

  private void session(
      String key,
      String status,
      String created,
      String started,
      String completed,
      String reason,
      Integer winner) {
    s.put(
        key,
        (UUID)
            sql.value(
                "INSERT INTO game_sessions (room_id, session_key, seed, status, created_at,"
                    + " started_at, completed_at, end_reason, winner_team)"
                    + " VALUES (?, ?, 99, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?)"
                    + " RETURNING id",
                "v-" + key,
                "v-key-" + key,
                status,
                created,
                started,
                completed,
                reason,
                winner));
  }

  private void seat(String session, int position, String player, boolean connected) {
    sql.update(
        "INSERT INTO game_participants (game_session_id, player_id, position, team, is_bot,"
            + " bot_kind, is_connected) VALUES (?, ?, ?, ?, ?, ?, ?)",
        s.get(session),
        player == null ? null : p.get(player),
        position,
        position % 2 + 1,
        player == null,
        player == null ? "basic" : null,
        connected);
  }

  private void hand(String session, int number, boolean completed) {
    sql.update(
        "INSERT INTO game_hands (game_session_id, hand_number, hand_seed, hakem_seat, trump,"
            + " team1_tricks, team2_tricks, winner_team, points, completed_at)"
            + " VALUES (?, ?, ?, 0, 'spades', ?, ?, ?, ?, ?)",
        s.get(session),
        number,
        1000L + number,
        completed ? 7 : 0,
        completed ? 2 : 0,
        completed ? 1 : null,
        completed ? 1 : null,
        completed ? java.sql.Timestamp.valueOf("2021-03-01 00:00:00") : null);
  }

  private void move(String session, int seq, String player, int seat, String type, String at) {
    sql.update(
        "INSERT INTO game_moves (game_session_id, player_id, seat, is_bot, move_type, move_data,"
            + " sequence_number, hand_number, trick_number, created_at)"
            + " VALUES (?, ?, ?, ?, ?, '{}', ?, 1, ?, ?::timestamptz)",
        s.get(session),
        player == null ? null : p.get(player),
        seat,
        player == null,
        type,
        seq,
        type.equals("play_card") ? 1 : null,
        at);
  }

  private void connection(String player, String id, String from, String to) {
    sql.update(
        "INSERT INTO websocket_connections (player_id, connection_id, connected_at,"
            + " disconnected_at, is_active) VALUES (?, ?, ?::timestamptz, ?::timestamptz, ?)",
        p.get(player),
        id,
        from,
        to,
        to == null);
  }
}
