package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.platform.embedded.EmbeddedPostgresServer;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.SqlSession;
import hokm.testsupport.TestBackends;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The three roles can do what they need and nothing they should not. */
@IntegrationTest
class DatabaseRolesTest {

  private static final String DENIED = "42501";
  private static final List<String> VIEWS =
      List.of(
          "player_performance",
          "game_statistics_summary",
          "active_sessions",
          "leaderboard",
          "player_activity_heatmap",
          "connection_statistics",
          "player_profiles",
          "player_results",
          "rating_history");

  @Autowired DataSource applicationDataSource;

  @Test
  void readOnlyRoleReadsTheViewsAndNothingElse() {
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      sql.update("SET LOCAL ROLE hokm_readonly");
      for (String view : VIEWS) {
        assertThat(sql.refusal("SELECT * FROM analytics." + view + " LIMIT 1"))
            .as(view)
            .isEqualTo("ACCEPTED");
      }
      assertThat(sql.refusal("SELECT password_hash FROM players")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT username FROM players")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT seed FROM game_sessions")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT deal_secret FROM game_sessions")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT hand_seed FROM game_hands")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT * FROM game_moves")).isEqualTo(DENIED);
      assertThat(sql.refusal("SELECT * FROM refresh_tokens")).isEqualTo(DENIED);
      assertThat(
              sql.refusal(
                  "INSERT INTO players (username, password_hash) VALUES ('ro_writer', 'x')"))
          .isEqualTo(DENIED);
      assertThat(sql.refusal("UPDATE players SET rating_mu = 0")).isEqualTo(DENIED);
      assertThat(sql.refusal("DELETE FROM game_sessions")).isEqualTo(DENIED);
      for (String view : VIEWS) {
        assertThat(
                sql.value(
                    "SELECT has_table_privilege('analytics."
                        + view
                        + "', 'INSERT, UPDATE, DELETE')"))
            .as(view)
            .isEqualTo(false);
      }
      assertThat(sql.refusal("CREATE TABLE analytics.mine (i int)")).isEqualTo(DENIED);
      assertThat(sql.refusal("CREATE TABLE public.mine (i int)")).isEqualTo(DENIED);
    }
  }

  @Test
  void noViewExposesSecrets() {
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      Object leaks =
          sql.value(
              "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'analytics'"
                  + " AND (column_name LIKE '%seed%' OR column_name LIKE '%password%'"
                  + " OR column_name LIKE '%secret%'"
                  + " OR column_name IN ('deal', 'game_state', 'email', 'token_hash'))");
      assertThat(((Number) leaks).intValue()).isZero();
      Object views =
          sql.value(
              "SELECT count(*) FROM pg_views WHERE schemaname = 'analytics'"
                  + " AND viewname = ANY (?)",
              (Object) VIEWS.toArray(new String[0]));
      assertThat(((Number) views).intValue()).isEqualTo(VIEWS.size());
    }
  }

  @Test
  void applicationRoleHasDmlButNoDdl() {
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      sql.update("SET LOCAL ROLE hokm_app");
      assertThat(
              sql.refusal(
                  "INSERT INTO players (username, password_hash) VALUES ('app_writer', 'x')"))
          .isEqualTo("ACCEPTED");
      assertThat(sql.refusal("SELECT * FROM analytics.leaderboard")).isEqualTo("ACCEPTED");
      assertThat(sql.refusal("UPDATE players SET last_seen = now() WHERE false"))
          .isEqualTo("ACCEPTED");

      assertThat(sql.refusal("CREATE TABLE public.mine (i int)")).isEqualTo(DENIED);
      assertThat(sql.refusal("CREATE SCHEMA mine")).isEqualTo(DENIED);
      assertThat(sql.refusal("CREATE VIEW public.v AS SELECT 1")).isEqualTo(DENIED);
      assertThat(sql.refusal("CREATE INDEX players_x ON players (rating_mu)")).isEqualTo(DENIED);
      assertThat(sql.refusal("ALTER TABLE players ADD COLUMN x int")).isEqualTo(DENIED);
      assertThat(sql.refusal("ALTER TABLE players DROP CONSTRAINT players_rating_finite"))
          .isEqualTo(DENIED);
      assertThat(sql.refusal("DROP TABLE game_moves")).isEqualTo(DENIED);
      assertThat(sql.refusal("DROP VIEW analytics.leaderboard")).isEqualTo(DENIED);
      assertThat(sql.refusal("TRUNCATE players")).isEqualTo(DENIED);
      // History stays: players are never deleted and the move log is append-only.
      assertThat(sql.refusal("DELETE FROM players WHERE false")).isEqualTo(DENIED);
      assertThat(sql.refusal("UPDATE game_moves SET move_data = '{}' WHERE false"))
          .isEqualTo(DENIED);
      assertThat(sql.refusal("DELETE FROM game_moves WHERE false")).isEqualTo(DENIED);
      assertThat(sql.refusal("DELETE FROM flyway_schema_history")).isEqualTo(DENIED);
    }
  }

  @Test
  void theRunningApplicationConnectsAsTheApplicationLoginRole() {
    Assumptions.assumeTrue(
        TestBackends.embeddedDatabase(), "only the embedded database has the login roles");
    JdbcTemplate app = new JdbcTemplate(applicationDataSource);
    assertThat(app.queryForObject("SELECT current_user", String.class))
        .isEqualTo(EmbeddedPostgresServer.APP_USER);
    assertThat(
            app.queryForObject(
                "SELECT pg_has_role(current_user, 'hokm_app', 'MEMBER')", Boolean.class))
        .isTrue();
    assertThat(
            app.queryForObject(
                "SELECT tableowner FROM pg_tables WHERE tablename = 'players'", String.class))
        .isEqualTo(EmbeddedPostgresServer.OWNER);
  }
}
