package hokm.testsupport;

import hokm.platform.ConnectionSettings;
import hokm.platform.embedded.EmbeddedPostgresServer;
import hokm.platform.embedded.EmbeddedServices;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' PostgreSQL and Redis come from, in this order: {@code TEST_DB_URL} / {@code
 * TEST_REDIS_URL} (real servers; the database user must be a superuser, since tests switch roles),
 * Testcontainers when {@code -Dhokm.test.containers=true} and a Docker engine exists, otherwise the
 * application's own embedded servers, shared by every Spring context of the test JVM.
 */
public final class TestBackends {

  private static PostgreSQLContainer postgresContainer;
  private static GenericContainer<?> redisContainer;

  private TestBackends() {}

  public static boolean containersRequested() {
    return Boolean.getBoolean("hokm.test.containers");
  }

  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static String env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? System.getProperty(name) : value;
  }

  /** The external or container database, or null when the embedded one is used. */
  static synchronized ConnectionSettings externalDatabase() {
    String url = env("TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      ConnectionSettings parsed = ConnectionSettings.parse(url);
      String user = env("TEST_DB_USERNAME");
      String password = env("TEST_DB_PASSWORD");
      return new ConnectionSettings(
          parsed.jdbcUrl(),
          user != null ? user : parsed.username(),
          password != null ? password : parsed.password());
    }
    if (containersRequested() && dockerAvailable()) {
      if (postgresContainer == null) {
        postgresContainer = new PostgreSQLContainer("postgres:15-alpine");
        postgresContainer.start();
      }
      return new ConnectionSettings(
          postgresContainer.getJdbcUrl(),
          postgresContainer.getUsername(),
          postgresContainer.getPassword());
    }
    return null;
  }

  /** The external or container Redis URL, or null when the embedded one is used. */
  static synchronized String externalRedis() {
    String url = env("TEST_REDIS_URL");
    if (url != null && !url.isBlank()) {
      return url;
    }
    if (containersRequested() && dockerAvailable()) {
      if (redisContainer == null) {
        redisContainer = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redisContainer.start();
      }
      return "redis://" + redisContainer.getHost() + ":" + redisContainer.getMappedPort(6379);
    }
    return null;
  }

  /** A superuser connection to the application database (after a context has started). */
  public static DataSource superuser() {
    ConnectionSettings external = externalDatabase();
    if (external != null) {
      return new DriverManagerDataSource(
          external.jdbcUrl(), external.username(), external.password());
    }
    return EmbeddedServices.runningPostgres()
        .map(EmbeddedPostgresServer::superuserDataSource)
        .orElseThrow(() -> new IllegalStateException("No test database has been started yet"));
  }

  /** Whether the tests run on the application's embedded PostgreSQL (and its login roles). */
  public static boolean embeddedDatabase() {
    return externalDatabase() == null;
  }
}
