package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.SqlSession;
import hokm.testsupport.TestBackends;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every check, key and foreign key refuses the rows it exists to refuse. */
@IntegrationTest
class SchemaConstraintsTest {

  SqlSession sql;
  UUID alice;
  UUID bob;
  UUID session;

  @BeforeEach
  void fixture() {
    sql = new SqlSession(TestBackends.superuser());
    alice = player("c_alice", "c_alice@example.org", false);
    bob = player("c_bob", null, false);
    session = session("c-room", "c-key");
  }

  @AfterEach
  void rollback() {
    sql.close();
  }

  UUID player(String name, String email, boolean guest) {
    return (UUID)
        sql.value(
            "INSERT INTO players (username, email, password_hash, is_guest) VALUES (?, ?, ?, ?)"
                + " RETURNING id",
            name,
            email,
            guest ? null : "$2a$10$hash",
            guest);
  }

  UUID session(String room, String key) {
    return (UUID)
        sql.value(
            "INSERT INTO game_sessions (room_id, session_key, seed) VALUES (?, ?, 42) RETURNING id",
            room,
            key);
  }

  @Test
  void players() {
    assertThat(player("c_carol", "carol@example.org", false)).isNotNull();
    assertThat(player("c_guest", null, true)).isNotNull();

    String insert =
        "INSERT INTO players (username, email, password_hash, is_guest, total_games, wins, losses,"
            + " rating_mu) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    assertThat(sql.refusal(insert, "c_alice", null, "h", false, 0, 0, 0, 25.0))
        .isEqualTo("players_username_key");
    assertThat(sql.refusal(insert, "C_ALICE", null, "h", false, 0, 0, 0, 25.0))
        .isEqualTo("players_username_lower_key");
    assertThat(sql.refusal(insert, "c x", null, "h", false, 0, 0, 0, 25.0))
        .isEqualTo("players_username_format");
    assertThat(sql.refusal(insert, "cc", null, "h", false, 0, 0, 0, 25.0))
        .isEqualTo("players_username_format");
    // Emails are unverified contact addresses: two accounts may give the same one (V24).
    assertThat(sql.refusal(insert, "c_e1", "C_Alice@example.org", "h", false, 0, 0, 0, 25.0))
        .isEqualTo("ACCEPTED");
    assertThat(sql.refusal(insert, "c_e2", "no-at-sign", "h", false, 0, 0, 0, 25.0))
        .isEqualTo("players_email_format");
    assertThat(sql.refusal(insert, "c_g1", null, "h", true, 0, 0, 0, 25.0))
        .isEqualTo("players_guest_password");
    assertThat(sql.refusal(insert, "c_g2", null, null, false, 0, 0, 0, 25.0))
        .isEqualTo("players_guest_password");
    assertThat(sql.refusal(insert, "c_n1", null, "h", false, -1, 0, 0, 25.0))
        .isEqualTo("players_counts_non_negative");
    assertThat(sql.refusal(insert, "c_n2", null, "h", false, 2, 2, 1, 25.0))
        .isEqualTo("players_results_within_games");
    assertThat(sql.refusal(insert, "c_n3", null, "h", false, 0, 0, 0, Double.NaN))
        .isEqualTo("players_rating_finite");
    assertThat(
            sql.refusal(
                "INSERT INTO players (username, password_hash, rating_sigma) VALUES (?, ?, ?)",
                "c_n4",
                "h",
                0.0))
        .isEqualTo("players_rating_finite");
    assertThat(
            sql.refusal(
                "INSERT INTO players (username, password_hash, total_games, rated_games)"
                    + " VALUES (?, ?, ?, ?)",
                "c_n5",
                "h",
                1,
                2))
        .isEqualTo("players_rated_games_range");
  }

  @Test
  void aGameIsDealtFromASecretOfExactly256BitsOrFromASeedNeverBoth() {
    String insert =
        "INSERT INTO game_sessions (room_id, session_key, seed, deal_secret) VALUES (?, ?, ?, ?)";
    assertThat(sql.refusal(insert, "d1", "d1", null, new byte[32])).isEqualTo("ACCEPTED");
    assertThat(sql.refusal(insert, "d2", "d2", 42L, null)).isEqualTo("ACCEPTED");
    assertThat(sql.refusal(insert, "d3", "d3", 42L, new byte[32]))
        .isEqualTo("game_sessions_seed_or_deal_secret");
    assertThat(sql.refusal(insert, "d4", "d4", null, null))
        .isEqualTo("game_sessions_seed_or_deal_secret");
    assertThat(sql.refusal(insert, "d5", "d5", null, new byte[16]))
        .isEqualTo("game_sessions_deal_secret_length");
  }

  @Test
  void gameSessions() {
    String insert =
        "INSERT INTO game_sessions (room_id, session_key, seed, status, target_points, end_reason,"
            + " winner_team, started_at, completed_at, is_private, join_code)"
            + " VALUES (?, ?, 1, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?)";
    String t1 = "2024-01-01T10:00:00Z";
    String t2 = "2024-01-01T10:30:00Z";
    // Accepted shapes.
    assertThat(sql.refusal(insert, "r1", "k1", "waiting", 7, null, null, null, null, false, null))
        .isEqualTo("ACCEPTED");
    assertThat(sql.refusal(insert, "r1", "k1", "completed", 7, "finished", 1, t1, t2, false, null))
        .isEqualTo("ACCEPTED");
    assertThat(
            sql.refusal(insert, "r1", "k1", "abandoned", 7, "aborted", null, t1, t2, false, null))
        .isEqualTo("ACCEPTED");
    assertThat(sql.refusal(insert, "r1", "k1", "completed", 7, "forfeit", 2, t1, t2, false, null))
        .isEqualTo("ACCEPTED");

    assertThat(
            sql.refusal(insert, "c-room", "k2", "waiting", 7, null, null, null, null, false, null))
        .isEqualTo("game_sessions_room_id_key");
    assertThat(
            sql.refusal(insert, "r2", "c-key", "waiting", 7, null, null, null, null, false, null))
        .isEqualTo("game_sessions_session_key_key");
    assertThat(sql.refusal(insert, "r2", "k2", "paused", 7, null, null, null, null, false, null))
        .isEqualTo("game_sessions_status_check");
    assertThat(sql.refusal(insert, "r2", "k2", "waiting", 0, null, null, null, null, false, null))
        .isEqualTo("game_sessions_target_points_check");
    assertThat(sql.refusal(insert, "r2", "k2", "waiting", 14, null, null, null, null, false, null))
        .isEqualTo("game_sessions_target_points_check");
    // Any unknown reason also breaks the status-reason pairing; either refusal will do.
    assertThat(sql.refusal(insert, "r2", "k2", "completed", 7, "won", 1, t1, t2, false, null))
        .isIn("game_sessions_end_reason_check", "game_sessions_completed_reason");
    assertThat(sql.refusal(insert, "r2", "k2", "completed", 7, "finished", 3, t1, t2, false, null))
        .isEqualTo("game_sessions_winner_team_check");
    assertThat(
            sql.refusal(insert, "r2", "k2", "completed", 7, "finished", null, t1, t2, false, null))
        .isEqualTo("game_sessions_winner_iff_decided");
    assertThat(sql.refusal(insert, "r2", "k2", "abandoned", 7, "abandoned", 1, t1, t2, false, null))
        .isEqualTo("game_sessions_winner_iff_decided");
    assertThat(
            sql.refusal(insert, "r2", "k2", "completed", 7, "aborted", null, t1, t2, false, null))
        .isEqualTo("game_sessions_completed_reason");
    assertThat(sql.refusal(insert, "r2", "k2", "abandoned", 7, "finished", 1, t1, t2, false, null))
        .isEqualTo("game_sessions_abandoned_reason");
    assertThat(sql.refusal(insert, "r2", "k2", "active", 7, "finished", 1, t1, null, false, null))
        .isEqualTo("game_sessions_open_has_no_reason");
    assertThat(
            sql.refusal(insert, "r2", "k2", "completed", 7, "finished", 1, t1, null, false, null))
        .isEqualTo("game_sessions_ended_iff_completed_at");
    assertThat(sql.refusal(insert, "r2", "k2", "active", 7, null, null, null, null, false, null))
        .isEqualTo("game_sessions_active_started");
    assertThat(sql.refusal(insert, "r2", "k2", "completed", 7, "finished", 1, t2, t1, false, null))
        .isEqualTo("game_sessions_time_order");
    assertThat(sql.refusal(insert, "r2", "k2", "waiting", 7, null, null, null, null, true, null))
        .isEqualTo("game_sessions_private_join_code");

    sql.update(insert, "r3", "k3", "waiting", 7, null, null, null, null, true, "ABCD");
    assertThat(sql.refusal(insert, "r4", "k4", "waiting", 7, null, null, null, null, true, "ABCD"))
        .isEqualTo("game_sessions_open_join_code_key");
    // A code is free again once the game that held it is over.
    sql.update(
        "UPDATE game_sessions SET status = 'abandoned', end_reason = 'abandoned',"
            + " completed_at = now() WHERE room_id = 'r3'");
    assertThat(sql.refusal(insert, "r4", "k4", "waiting", 7, null, null, null, null, true, "ABCD"))
        .isEqualTo("ACCEPTED");
    assertThat(
            sql.refusal(
                "INSERT INTO game_sessions (room_id, session_key, seed, scores)"
                    + " VALUES ('r5', 'k5', 1, '[1]')"))
        .isEqualTo("game_sessions_scores_object");
  }

  @Test
  void participants() {
    String insert =
        "INSERT INTO game_participants (game_session_id, player_id, position, team, is_bot,"
            + " bot_kind, is_connected) VALUES (?, ?, ?, ?, ?, ?, ?)";
    sql.update(insert, session, alice, 0, 1, false, null, true);
    sql.update(insert, session, null, 1, 2, true, "basic", false);

    assertThat(sql.refusal(insert, session, bob, 0, 1, false, null, true))
        .isEqualTo("game_participants_seat_key");
    assertThat(sql.refusal(insert, session, alice, 2, 1, false, null, true))
        .isEqualTo("game_participants_player_key");
    assertThat(sql.refusal(insert, session, bob, 4, 1, false, null, true))
        .isEqualTo("game_participants_position_check");
    assertThat(sql.refusal(insert, session, bob, 2, 3, false, null, true))
        .isEqualTo("game_participants_team_check");
    assertThat(sql.refusal(insert, session, bob, 2, 2, false, null, true))
        .isEqualTo("game_participants_team_of_position");
    assertThat(sql.refusal(insert, session, bob, 2, 1, true, "basic", false))
        .isEqualTo("game_participants_bot_or_player");
    assertThat(sql.refusal(insert, session, null, 2, 1, false, null, false))
        .isEqualTo("game_participants_bot_or_player");
    assertThat(sql.refusal(insert, session, null, 2, 1, true, null, false))
        .isEqualTo("game_participants_bot_kind");
    assertThat(sql.refusal(insert, session, bob, 2, 1, false, "basic", true))
        .isEqualTo("game_participants_bot_kind");
    assertThat(sql.refusal(insert, session, null, 2, 1, true, "basic", true))
        .isEqualTo("game_participants_bot_never_connected");
    assertThat(sql.refusal(insert, UUID.randomUUID(), bob, 2, 1, false, null, true))
        .isEqualTo("game_participants_game_session_id_fkey");
    assertThat(sql.refusal(insert, session, UUID.randomUUID(), 2, 1, false, null, true))
        .isEqualTo("game_participants_player_id_fkey");
  }

  @Test
  void hands() {
    String insert =
        "INSERT INTO game_hands (game_session_id, hand_number, hand_seed, hakem_seat, trump,"
            + " team1_tricks, team2_tricks, winner_team, points, completed_at)"
            + " VALUES (?, ?, 7, ?, ?, ?, ?, ?, ?, ?::timestamptz)";
    String done = "2024-01-01T10:00:00Z";
    sql.update(insert, session, 1, 0, "hearts", 7, 3, 1, 1, done);
    sql.update(insert, session, 2, 0, null, 0, 0, null, null, null);

    assertThat(sql.refusal(insert, session, 1, 0, "hearts", 7, 3, 1, 1, done))
        .isEqualTo("game_hands_number_key");
    assertThat(sql.refusal(insert, session, 0, 0, null, 0, 0, null, null, null))
        .isEqualTo("game_hands_number_check");
    assertThat(sql.refusal(insert, session, 3, 4, null, 0, 0, null, null, null))
        .isEqualTo("game_hands_hakem_seat_check");
    assertThat(sql.refusal(insert, session, 3, 0, "stars", 0, 0, null, null, null))
        .isEqualTo("game_hands_trump_check");
    assertThat(sql.refusal(insert, session, 3, 0, "hearts", 7, 7, 1, 1, done))
        .isEqualTo("game_hands_tricks_check");
    assertThat(sql.refusal(insert, session, 3, 0, "hearts", 7, 0, 1, 4, done))
        .isEqualTo("game_hands_points_check");
    assertThat(sql.refusal(insert, session, 3, 0, "hearts", 7, 0, 1, null, done))
        .isEqualTo("game_hands_result_complete");
    assertThat(sql.refusal(insert, session, 3, 0, "hearts", 7, 0, 1, 2, null))
        .isEqualTo("game_hands_result_complete");
  }

  @Test
  void moves() {
    String insert =
        "INSERT INTO game_moves (game_session_id, player_id, seat, is_bot, move_type, move_data,"
            + " sequence_number, hand_number, trick_number) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?)";
    sql.update(insert, session, alice, 0, false, "choose_trump", "{\"suit\":\"hearts\"}", 1, null);
    sql.update(insert, session, null, 1, true, "play_card", "{\"card\":\"AH\"}", 2, 1);
    sql.update(insert, session, null, null, false, "forfeit", "{\"team\":2}", 3, null);

    assertThat(sql.refusal(insert, session, alice, 0, false, "play_card", "{}", 2, 1))
        .isEqualTo("game_moves_sequence_key");
    assertThat(sql.refusal(insert, session, alice, 0, false, "play_card", "{}", 0, 1))
        .isEqualTo("game_moves_sequence_check");
    assertThat(sql.refusal(insert, session, alice, null, false, "dance", "{}", 9, null))
        .isEqualTo("game_moves_type_check");
    assertThat(sql.refusal(insert, session, alice, 5, false, "play_card", "{}", 9, 1))
        .isEqualTo("game_moves_seat_check");
    assertThat(sql.refusal(insert, session, alice, null, false, "play_card", "{}", 9, 1))
        .isEqualTo("game_moves_seat_iff_seat_move");
    assertThat(sql.refusal(insert, session, null, 1, false, "stop", "{}", 9, null))
        .isEqualTo("game_moves_seat_iff_seat_move");
    assertThat(sql.refusal(insert, session, alice, 0, false, "play_card", "{}", 9, null))
        .isEqualTo("game_moves_trick_iff_card");
    assertThat(sql.refusal(insert, session, alice, 0, false, "choose_trump", "{}", 9, 1))
        .isEqualTo("game_moves_trick_iff_card");
    assertThat(sql.refusal(insert, session, alice, 0, false, "play_card", "{}", 9, 14))
        .isEqualTo("game_moves_trick_check");
    assertThat(sql.refusal(insert, session, alice, 0, true, "play_card", "{}", 9, 1))
        .isEqualTo("game_moves_bot_has_no_player");
    assertThat(sql.refusal(insert, session, alice, 0, false, "play_card", "[]", 9, 1))
        .isEqualTo("game_moves_data_object");
    assertThat(sql.refusal(insert, UUID.randomUUID(), alice, 0, false, "play_card", "{}", 9, 1))
        .isEqualTo("game_moves_game_session_id_fkey");
  }

  @Test
  void websocketConnectionsAndRefreshTokens() {
    String insert =
        "INSERT INTO websocket_connections (player_id, connection_id, connected_at,"
            + " disconnected_at, is_active) VALUES (?, ?, ?::timestamptz, ?::timestamptz, ?)";
    String t1 = "2024-01-01T10:00:00Z";
    String t2 = "2024-01-01T11:00:00Z";
    sql.update(insert, alice, "conn-1", t1, null, true);
    sql.update(insert, alice, "conn-2", t1, t2, false);

    assertThat(sql.refusal(insert, bob, "conn-1", t1, null, true))
        .isEqualTo("websocket_connections_connection_id_key");
    assertThat(sql.refusal(insert, bob, "conn-3", t1, null, false))
        .isEqualTo("websocket_connections_active_iff_open");
    assertThat(sql.refusal(insert, bob, "conn-3", t2, t1, false))
        .isEqualTo("websocket_connections_time_order");
    assertThat(sql.refusal(insert, UUID.randomUUID(), "conn-3", t1, null, true))
        .isEqualTo("websocket_connections_player_id_fkey");

    String token =
        "INSERT INTO refresh_tokens (player_id, family_id, token_hash, expires_at)"
            + " VALUES (?, gen_random_uuid(), ?, now() + interval '1 day')";
    assertThat(sql.refusal(token, alice, new byte[31])).isEqualTo("refresh_tokens_hash_length");
    sql.update(token, alice, new byte[32]);
    assertThat(sql.refusal(token, bob, new byte[32])).isEqualTo("refresh_tokens_token_hash_key");
  }
}
