package hokm.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.platform.embedded.EmbeddedPostgresServer;
import hokm.testsupport.BackendsAvailable;
import hokm.testsupport.Http;
import hokm.testsupport.TestBackends;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two real databases: the shared primary and a second embedded PostgreSQL with the same schema
 * standing in for the replica, read through the read-only role. Each holds a player the other does
 * not, so an answer shows which database served it.
 */
@ExtendWith(BackendsAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingTest {

  static EmbeddedPostgresServer replica;

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void replicaProperties(DynamicPropertyRegistry registry) {
    if (replica == null) {
      replica = EmbeddedPostgresServer.start(null, 0, "hokm_app", "hokm_readonly");
      Flyway.configure()
          .dataSource(replica.jdbcUrl(), EmbeddedPostgresServer.OWNER, "")
          .placeholders(Map.of("app_role", "hokm_app", "readonly_role", "hokm_readonly"))
          .load()
          .migrate();
    }
    registry.add("hokm.datasource.replica.url", () -> replica.jdbcUrl());
    registry.add("hokm.datasource.replica.username", () -> EmbeddedPostgresServer.READONLY_USER);
    registry.add("hokm.datasource.replica.password", () -> "");
    registry.add("hokm.datasource.replica.connection-timeout", () -> "1s");
  }

  static boolean seeded;

  /** Runs once the context (and so the migrated primary) exists. */
  @BeforeEach
  void distinguishableData() {
    if (seeded) {
      return;
    }
    seeded = true;
    String insert =
        "INSERT INTO players (username, password_hash, rating_mu, rating_sigma, rated_games,"
            + " total_games, wins) VALUES (?, 'x', 60, 1, 50, 50, 50)";
    new JdbcTemplate(TestBackends.superuser()).update(insert, "rr_on_primary");
    new JdbcTemplate(replica.superuserDataSource()).update(insert, "rr_on_replica");
  }

  @AfterAll
  static void cleanUp() {
    new JdbcTemplate(TestBackends.superuser())
        .update("DELETE FROM players WHERE username IN ('rr_on_primary', 'rr_writer')");
    if (replica != null) {
      replica.close();
      replica = null;
    }
  }

  double fallbacks() {
    return meters.get("hokm.analytics.replica.fallback").counter().count();
  }

  @Test
  @Order(1)
  void analyticsReadsComeFromTheReplica() {
    Http.Response board = new Http(port).get("/api/leaderboard?limit=100");
    assertThat(board.status()).isEqualTo(200);
    assertThat(board.body()).contains("rr_on_replica").doesNotContain("rr_on_primary");
    assertThat(new Http(port).get("/api/stats/daily").status()).isEqualTo(200);
    assertThat(fallbacks()).isZero();
    assertThat(meters.get("hokm.analytics.replica.up").gauge().value()).isEqualTo(1.0);
  }

  @Test
  @Order(2)
  void writesGoToThePrimary() {
    Http.Response r =
        new Http(port)
            .post(
                "/api/auth/register",
                Http.json(Map.of("username", "rr_writer", "password", "long enough")));
    assertThat(r.status()).isEqualTo(201);
    String count = "SELECT count(*) FROM players WHERE username = 'rr_writer'";
    assertThat(new JdbcTemplate(TestBackends.superuser()).queryForObject(count, Integer.class))
        .isEqualTo(1);
    assertThat(new JdbcTemplate(replica.superuserDataSource()).queryForObject(count, Integer.class))
        .isZero();
  }

  @Test
  @Order(3)
  void whenTheReplicaDiesAnalyticsFallsBackToThePrimary() {
    replica.close();
    double before = fallbacks();

    Http.Response board = new Http(port).get("/api/leaderboard?limit=100");
    assertThat(board.status()).isEqualTo(200);
    assertThat(board.body()).contains("rr_on_primary").doesNotContain("rr_on_replica");
    assertThat(fallbacks()).isEqualTo(before + 1);
    assertThat(meters.get("hokm.analytics.replica.up").gauge().value()).isZero();

    // Within the retry window reads skip the replica at once, and still count as fallbacks.
    assertThat(new Http(port).get("/api/stats/daily").status()).isEqualTo(200);
    assertThat(fallbacks()).isEqualTo(before + 2);

    Http.Response scrape = new Http(managementPort).get("/actuator/prometheus");
    assertThat(scrape.body())
        .contains("hokm_analytics_replica_fallback_total")
        .contains("hokm_analytics_replica_up 0.0");
    replica = null;
  }
}
