package hokm.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A PostgreSQL 15 server run from the binaries on the classpath, laid out like production: a
 * database owned by a migrating login role, and login users for the application and read-only group
 * roles that the migrations grant privileges to. Only for development and tests: it trusts every
 * local connection, so it listens on the loopback interface only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  public static final String DATABASE = "hokm";
  public static final String OWNER = "hokm_owner";
  public static final String APP_USER = "hokm_app_user";
  public static final String READONLY_USER = "hokm_readonly_user";
  public static final String SUPERUSER = "postgres";

  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts a server and creates the database and roles if they are missing.
   *
   * @param dataDirectory where the cluster lives between runs, or null for a throw-away one
   * @param port the port, or 0 for any free one
   */
  public static EmbeddedPostgresServer start(
      Path dataDirectory, int port, String appRole, String readonlyRole) {
    requireRoleName(appRole);
    requireRoleName(readonlyRole);
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "localhost")
              // Dev machines are small; the defaults of the library (300) waste memory.
              .setServerConfig("max_connections", "60");
      if (dataDirectory != null) {
        Files.createDirectories(dataDirectory);
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
      server.bootstrap(appRole, readonlyRole);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
    }
  }

  private static void requireRoleName(String name) {
    if (name == null || !ROLE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain PostgreSQL role name: " + name);
    }
  }

  private void bootstrap(String appRole, String readonlyRole) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN "
              + createRoleIfMissing(OWNER, "LOGIN CREATEROLE")
              + createRoleIfMissing(appRole, "NOLOGIN")
              + createRoleIfMissing(readonlyRole, "NOLOGIN")
              + createRoleIfMissing(APP_USER, "LOGIN")
              + createRoleIfMissing(READONLY_USER, "LOGIN")
              + "END $$");
      s.execute("GRANT " + appRole + " TO " + APP_USER);
      s.execute("GRANT " + readonlyRole + " TO " + READONLY_USER);
      boolean exists;
      try (PreparedStatement q =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        q.setString(1, DATABASE);
        try (ResultSet rs = q.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prepare the embedded PostgreSQL database", e);
    }
  }

  private static String createRoleIfMissing(String role, String options) {
    return "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
        + role
        + "') THEN CREATE ROLE "
        + role
        + " "
        + options
        + "; END IF; ";
  }

  public int port() {
    return postgres.getPort();
  }

  /** The JDBC URL of the application database; credentials are the role names (trust auth). */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /** A superuser connection to the application database, for tests and bootstrapping. */
  public DataSource superuserDataSource() {
    return postgres.getDatabase(SUPERUSER, DATABASE);
  }

  /** The data directory, or null when the cluster is thrown away on exit. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
