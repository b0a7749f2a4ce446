package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.platform.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The development database keeps its data between runs, and bootstrapping is repeatable. */
class EmbeddedPostgresPersistenceTest {

  @Test
  void dataSurvivesARestart(@TempDir Path dir) {
    Path data = dir.resolve("pg");
    try (EmbeddedPostgresServer first =
        EmbeddedPostgresServer.start(data, 0, "hokm_app", "hokm_readonly")) {
      JdbcTemplate db = new JdbcTemplate(first.superuserDataSource());
      db.execute("CREATE TABLE kept (v text)");
      db.update("INSERT INTO kept VALUES ('still here')");
    }
    try (EmbeddedPostgresServer second =
        EmbeddedPostgresServer.start(data, 0, "hokm_app", "hokm_readonly")) {
      JdbcTemplate db = new JdbcTemplate(second.superuserDataSource());
      assertThat(db.queryForObject("SELECT v FROM kept", String.class)).isEqualTo("still here");
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM pg_roles WHERE rolname IN"
                      + " ('hokm_owner', 'hokm_app', 'hokm_readonly', 'hokm_app_user',"
                      + " 'hokm_readonly_user')",
                  Integer.class))
          .isEqualTo(5);
      assertThat(second.dataDirectory()).isEqualTo(data);
    }
  }
}
