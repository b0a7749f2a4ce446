package hokm.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestBackends;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Retention with rows of controlled ages: what is old goes, what is recent or open stays. */
@IntegrationTest
class RetentionJobTest {
  @Autowired RetentionJob retention;

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
}
