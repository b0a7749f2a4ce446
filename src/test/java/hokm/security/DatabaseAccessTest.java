package hokm.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hokm.platform.embedded.EmbeddedPostgresServer;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.SqlSession;
import hokm.testsupport.TestBackends;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Least privilege in practice: the running application's own connections cannot change the schema,
 * Flyway migrated as the owner, and the audit log and deal secrets are out of the read-only role's
 * reach.
 */
@IntegrationTest
class DatabaseAccessTest {
  private static final String DENIED = "42501";

  @Autowired DataSource applicationDataSource;

  @Test
  void theApplicationsOwnConnectionCannotChangeTheSchema() {
    Assumptions.assumeTrue(
        TestBackends.embeddedDatabase(), "only the embedded database has the login roles");
    JdbcTemplate app = new JdbcTemplate(applicationDataSource);
    assertThat(app.queryForObject("SELECT current_user", String.class))
        .isEqualTo(EmbeddedPostgresServer.APP_USER);
    for (String ddl :
        List.of(
            "CREATE TABLE public.intruder (i int)",
            "DROP TABLE audit_log",
            "ALTER TABLE players ADD COLUMN intruder int",
            "TRUNCATE audit_log",
            "DELETE FROM players WHERE false",
            "UPDATE audit_log SET event = 'x' WHERE false",
            "UPDATE audit_log SET ip = NULL, subject = NULL WHERE false",
            "DELETE FROM audit_log WHERE false",
            "CREATE TEMP TABLE intruder (i int)",
            "UPDATE game_moves SET seat = 0 WHERE false")) {
      assertThatThrownBy(() -> app.execute(ddl))
          .as(ddl)
          .isInstanceOf(DataAccessException.class)
          .satisfies(
              e ->
                  assertThat(
                          ((SQLException) ((DataAccessException) e).getMostSpecificCause())
                              .getSQLState())
                      .isEqualTo(DENIED));
    }
    // Retention goes through the owner's functions, which touch nothing younger than their floor.
    java.sql.Timestamp tomorrow =
        java.sql.Timestamp.from(java.time.Instant.now().plus(java.time.Duration.ofDays(1)));
    String marker = "{\"floor\":\"" + System.nanoTime() + "\"}";
    JdbcTemplate owner = new JdbcTemplate(TestBackends.superuser());
    owner.update(
        "INSERT INTO audit_log (occurred_at, event, outcome, subject, ip, detail) VALUES"
            + " (now() - interval '6 days', 'auth.login', 'failure', 'a', '198.51.100.9', ?::jsonb),"
            + " (now() - interval '89 days', 'auth.login', 'failure', NULL, NULL, ?::jsonb)",
        marker,
        marker);
    app.queryForObject("SELECT audit_log_blank_addresses(?, 100000)", Integer.class, tomorrow);
    app.queryForObject("SELECT audit_log_delete_old(?, 100000)", Integer.class, tomorrow);
    assertThat(
            owner.queryForList(
                "SELECT ip FROM audit_log WHERE detail = ?::jsonb ORDER BY occurred_at DESC",
                String.class,
                marker))
        .as("a cut-off in the future still spares rows younger than the floors")
        .containsExactly("198.51.100.9", null);
    // Likewise for unused guests: one seen half a day ago stays, one seen two days ago goes.
    java.util.UUID halfDay = java.util.UUID.randomUUID();
    java.util.UUID twoDays = java.util.UUID.randomUUID();
    owner.update(
        "INSERT INTO players (id, username, is_guest, created_at, last_seen) VALUES"
            + " (?, ?, true, now() - interval '30 days', now() - interval '12 hours'),"
            + " (?, ?, true, now() - interval '30 days', now() - interval '2 days')",
        halfDay,
        "floor-" + Long.toString(System.nanoTime(), 36),
        twoDays,
        "floor-" + Long.toString(System.nanoTime() + 1, 36));
    app.queryForObject("SELECT players_delete_unused_guests(?, 100000)", Integer.class, tomorrow);
    assertThat(
            owner.queryForList(
                "SELECT id FROM players WHERE id IN (?, ?)",
                java.util.UUID.class,
                halfDay,
                twoDays))
        .as("a guest seen within the floor (a day) stays whatever the cut-off")
        .containsExactly(halfDay);
  }

  @Test
  void noRoleButTheOwnerMayCreateTemporaryTables() {
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      for (String role : List.of("hokm_app", "hokm_readonly")) {
        assertThat(
                sql.value(
                    "SELECT has_database_privilege('" + role + "', current_database(), 'TEMP')"))
            .as(role)
            .isEqualTo(false);
      }
    }
  }

  @Test
  void flywayMigratedAsTheOwner() {
    Assumptions.assumeTrue(
        TestBackends.embeddedDatabase(), "only the embedded database has the login roles");
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      assertThat(
              sql.query("SELECT DISTINCT installed_by FROM flyway_schema_history").stream()
                  .map(r -> r.get("installed_by"))
                  .toList())
          .containsExactly(EmbeddedPostgresServer.OWNER);
      assertThat(sql.value("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'"))
          .isEqualTo(EmbeddedPostgresServer.OWNER);
    }
  }

  @Test
  void theReadOnlyRoleSeesNeitherTheAuditLogNorPasswordHashes() {
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      sql.update("SET LOCAL ROLE hokm_readonly");
      assertThat(sql.refusal("SELECT * FROM audit_log")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT password_hash FROM players")).isEqualTo(DENIED);
      assertThat(sql.refusal("INSERT INTO audit_log (event, outcome) VALUES ('x', 'success')"))
          .isEqualTo(DENIED);
      assertThat(sql.refusal("UPDATE players SET rating_mu = 0 WHERE false")).isEqualTo(DENIED);
    }
  }

  /** A game's deal secret tells every hidden card: the application reads it, analysts never. */
  @Test
  void theReadOnlyRoleCannotReadDealSecrets() {
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      assertThat(
              sql.value(
                  "SELECT has_column_privilege('hokm_readonly', 'game_sessions', 'deal_secret',"
                      + " 'SELECT')"))
          .isEqualTo(false);
      assertThat(
              sql.value(
                  "SELECT has_column_privilege('hokm_app', 'game_sessions', 'deal_secret',"
                      + " 'SELECT, INSERT')"))
          .isEqualTo(true);
      assertThat(
              sql.value(
                  "SELECT count(*) FROM pg_views WHERE schemaname = 'analytics'"
                      + " AND definition LIKE '%deal_secret%'"))
          .as("no analytics view reads the secret")
          .isEqualTo(0L);
      sql.update("SET LOCAL ROLE hokm_readonly");
      assertThat(sql.refusal("SELECT deal_secret FROM game_sessions")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT * FROM game_sessions")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT * FROM analytics.active_sessions LIMIT 1"))
          .as("the views still work")
          .isEqualTo("ACCEPTED");
      assertThat(sql.refusal("SELECT * FROM analytics.game_statistics_summary LIMIT 1"))
          .isEqualTo("ACCEPTED");
    }
  }
}
