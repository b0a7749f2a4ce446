package hokm.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestBackends;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Retention with rows of controlled ages: what is old goes, what is recent or open stays. */
@IntegrationTest
class RetentionJobTest {
  @Autowired RetentionJob retention;
  @LocalServerPort int port;

  @Test
  void oldConnectionsAndAuditEntriesGoAndAddressesAreBlanked() {
    JdbcTemplate db = new JdbcTemplate(TestBackends.superuser());
    // Rows of other tests are recent; only these are old enough to qualify.
    Instant now = Instant.now();
    UUID player = UUID.randomUUID();
    db.update(
        "INSERT INTO players (id, username, is_guest) VALUES (?, ?, true)",
        player,
        "ret" + Long.toString(System.nanoTime(), 36));
    Map<String, Duration> connections =
        Map.of(
            "ret-old-" + player, Duration.ofDays(100),
            "ret-recent-" + player, Duration.ofDays(10));
    try {
      connections.forEach(
          (id, age) ->
              db.update(
                  "INSERT INTO websocket_connections (player_id, connection_id, connected_at,"
                      + " disconnected_at, is_active) VALUES (?, ?, ?, ?, false)",
                  player,
                  id,
                  Timestamp.from(now.minus(age).minusSeconds(60)),
                  Timestamp.from(now.minus(age))));
      db.update(
          "INSERT INTO websocket_connections (player_id, connection_id, connected_at, is_active)"
              + " VALUES (?, ?, ?, true)",
          player,
          "ret-open-" + player,
          Timestamp.from(now.minus(Duration.ofDays(200))));
      Map<String, Duration> audit =
          Map.of(
              "ancient", Duration.ofDays(400),
              "middle", Duration.ofDays(40),
              "fresh", Duration.ofDays(5));
      audit.forEach(
          (name, age) ->
              db.update(
                  "INSERT INTO audit_log (occurred_at, event, outcome, player_id, subject, ip)"
                      + " VALUES (?, 'auth.login', 'failure', ?, ?, '198.51.100.7')",
                  Timestamp.from(now.minus(age)),
                  player,
                  name));

      RetentionJob.Result result = retention.purge(now);

      assertThat(result.connectionsDeleted()).isEqualTo(1);
      assertThat(
              db.queryForList(
                  "SELECT connection_id FROM websocket_connections WHERE player_id = ?"
                      + " ORDER BY connection_id",
                  String.class,
                  player))
          .containsExactly("ret-open-" + player, "ret-recent-" + player);
      assertThat(
              db.queryForList(
                  "SELECT coalesce(subject, '-') || '@' || coalesce(ip, '-') FROM audit_log"
                      + " WHERE player_id = ? ORDER BY occurred_at",
                  String.class,
                  player))
          .containsExactly("-@-", "fresh@198.51.100.7");
      assertThat(result.auditDeleted()).isEqualTo(1);
      assertThat(result.auditBlanked()).isGreaterThanOrEqualTo(1);
    } finally {
      db.update("DELETE FROM audit_log WHERE player_id = ?", player);
      db.update("DELETE FROM websocket_connections WHERE player_id = ?", player);
      db.update("DELETE FROM players WHERE id = ?", player);
    }
  }

  @Test
  void aScheduledRunWaitsWhileAnotherInstanceHoldsTheLockAndRunsOnceItIsFree() {
    JdbcTemplate db = new JdbcTemplate(TestBackends.superuser());
    UUID player = UUID.randomUUID();
    String connection = "ret-locked-" + player;
    Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(100)));
    db.update(
        "INSERT INTO players (id, username, is_guest) VALUES (?, ?, true)",
        player,
        "ret" + Long.toString(System.nanoTime(), 36));
    try {
      db.update(
          "INSERT INTO websocket_connections (player_id, connection_id, connected_at,"
              + " disconnected_at, is_active) VALUES (?, ?, ?, ?, false)",
          player,
          connection,
          old,
          old);
      db.update(
          "INSERT INTO shedlock (name, lock_until, locked_at, locked_by)"
              + " VALUES ('retention', now() + interval '1 hour', now(), 'another-instance')"
              + " ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until,"
              + " locked_at = excluded.locked_at, locked_by = excluded.locked_by");

      retention.scheduledRun();
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM websocket_connections WHERE connection_id = ?",
                  Integer.class,
                  connection))
          .as("the other instance holds the lock, so this one did not run")
          .isEqualTo(1);

      db.update("UPDATE shedlock SET lock_until = now() WHERE name = 'retention'");
      retention.scheduledRun();
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM websocket_connections WHERE connection_id = ?",
                  Integer.class,
                  connection))
          .isZero();
      assertThat(
              db.queryForObject(
                  "SELECT locked_by FROM shedlock WHERE name = 'retention'", String.class))
          .as("this instance took the lock for its run")
          .isNotEqualTo("another-instance");
    } finally {
      db.update("DELETE FROM websocket_connections WHERE player_id = ?", player);
      db.update("DELETE FROM players WHERE id = ?", player);
    }
  }

  private UUID guest(Http http) {
    Http.Response guest = http.post("/api/auth/guest", "{}");
    assertThat(guest.status()).isEqualTo(201);
    // A rotated refresh token too: its replaced_by points at the guest's newer token.
    assertThat(
            http.post(
                    "/api/auth/refresh",
                    Http.json(Map.of("refreshToken", guest.text("refreshToken"))))
                .status())
        .isEqualTo(200);
    return UUID.fromString(guest.json().path("player").path("id").asString());
  }

  @Test
  void guestsWhoNeverPlayedGoAndEveryoneWhoPlayedOrRegisteredStays() {
    JdbcTemplate db = new JdbcTemplate(TestBackends.superuser());
    Http http = new Http(port);
    UUID unused = guest(http);
    UUID played = guest(http);
    UUID connected = guest(http);
    UUID recent = guest(http);
    Http.Response registration =
        http.post(
            "/api/auth/register",
            Http.json(
                Map.of(
                    "username",
                    "ret" + Long.toString(System.nanoTime(), 36),
                    "password",
                    "long enough")));
    assertThat(registration.status()).isEqualTo(201);
    UUID registered = UUID.fromString(registration.json().path("player").path("id").asString());
    UUID game = UUID.randomUUID();
    String marker = "ret-guests-" + game;
    Timestamp monthAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(30)));
    try {
      db.update(
          "INSERT INTO websocket_connections (player_id, connection_id, connected_at,"
              + " disconnected_at, is_active) VALUES (?, ?, ?, ?, false)",
          unused,
          marker + "-closed",
          monthAgo,
          monthAgo);
      db.update(
          "INSERT INTO websocket_connections (player_id, connection_id, connected_at, is_active)"
              + " VALUES (?, ?, ?, true)",
          connected,
          marker + "-open",
          monthAgo);
      db.update(
          "INSERT INTO game_sessions (id, room_id, session_key, seed) VALUES (?, ?, ?, 7)",
          game,
          marker,
          marker);
      db.update(
          "INSERT INTO game_participants (game_session_id, player_id, position, team)"
              + " VALUES (?, ?, 0, 1)",
          game,
          played);
      // Everyone but the recent guest was created and last seen a month ago.
      for (UUID old : List.of(unused, played, connected, registered)) {
        db.update(
            "UPDATE players SET created_at = ?, last_seen = ? WHERE id = ?",
            monthAgo,
            monthAgo,
            old);
      }
      UUID unusedAudit =
          db.queryForObject(
              "SELECT id FROM audit_log WHERE player_id = ? AND event = 'auth.register'",
              UUID.class,
              unused);

      RetentionJob.Result result = retention.purge(Instant.now());

      assertThat(result.unusedGuestsDeleted()).isPositive();
      assertThat(
              db.queryForList(
                  "SELECT id FROM players WHERE id IN (?, ?, ?, ?, ?)",
                  UUID.class,
                  unused,
                  played,
                  connected,
                  recent,
                  registered))
          .as("only the old guest who never played is gone")
          .containsExactlyInAnyOrder(played, connected, recent, registered);
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM refresh_tokens WHERE player_id = ?", Long.class, unused))
          .isZero();
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM websocket_connections WHERE connection_id = ?",
                  Long.class,
                  marker + "-closed"))
          .isZero();
      assertThat(db.queryForMap("SELECT player_id, event FROM audit_log WHERE id = ?", unusedAudit))
          .as("the guest's audit entry stays, without the player")
          .containsEntry("player_id", null)
          .containsEntry("event", "auth.register");
    } finally {
      db.update("DELETE FROM game_sessions WHERE id = ?", game);
      db.update("DELETE FROM websocket_connections WHERE connection_id LIKE ?", marker + "%");
    }
  }
}
