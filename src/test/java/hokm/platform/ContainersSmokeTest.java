package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The migrations on the official PostgreSQL 15 image. Skipped where no Docker engine runs; the
 * whole suite can run on containers with {@code -Dhokm.test.containers=true}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersSmokeTest {

  @Container static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");

  @Test
  void migrationsApplyOnTheOfficialImage() {
    Flyway.configure()
        .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
        .placeholders(Map.of("app_role", "hokm_app", "readonly_role", "hokm_readonly"))
        .load()
        .migrate();
    JdbcTemplate db =
        new JdbcTemplate(
            new DriverManagerDataSource(
                postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()));
    assertThat(
            db.queryForObject(
                "SELECT count(*) FROM pg_views WHERE schemaname = 'analytics'", Integer.class))
        .isEqualTo(6);
  }
}
