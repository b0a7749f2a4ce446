package hokm.platform.embedded;

import hokm.platform.ConnectionVariablesEnvironmentPostProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL and Redis when no URL names real ones, and points the data source,
 * Flyway and Redis at them. It runs while the environment is prepared, because the data source is
 * built from these properties before any bean could start a server. Under the {@code prod} profile
 * it starts nothing and refuses a configuration without real URLs.
 */
public class EmbeddedServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  public static final int ORDER = ConnectionVariablesEnvironmentPostProcessor.ORDER + 10;
  static final String SOURCE_NAME = "hokmEmbeddedServices";

  private final Log log;

  public EmbeddedServicesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(EmbeddedServicesEnvironmentPostProcessor.class);
  }

  /**
   * Production names the sites browsers may open /ws from and the proxies whose X-Forwarded-For it
   * believes: with origins {@code *} any web page can play as its visitors, and with the default
   * proxy range (all private networks) anyone on them chooses the address that per-address limits
   * and the audit log record.
   */
  private static void refuseOpenEdges(ConfigurableEnvironment environment) {
    List<String> problems = new ArrayList<>();
    List<String> origins =
        Binder.get(environment)
            .bind("hokm.gateway.allowed-origins", Bindable.listOf(String.class))
            .orElse(List.of("*"));
    if (origins.stream().anyMatch(origin -> origin.trim().equals("*"))) {
      problems.add(
          "HOKM_GATEWAY_ALLOWED_ORIGINS (the sites players use, e.g. https://hokm.example.com;"
              + " not '*')");
    }
    if (!hasText(environment, "server.tomcat.remoteip.internal-proxies")) {
      problems.add(
          "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES (a regular expression matching your reverse"
              + " proxies' addresses only)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The prod profile refuses to start with open edges; set "
              + String.join(", ", problems)
              + " (docs/security.md, Transport)");
    }
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    boolean databaseConfigured = hasText(environment, "spring.datasource.url");
    boolean redisConfigured =
        hasText(environment, "spring.data.redis.url")
            || hasText(environment, "spring.data.redis.host");
    boolean prod = environment.matchesProfiles("prod");
    if (prod) {
      List<String> missing = new ArrayList<>();
      if (!databaseConfigured) {
        missing.add("DATABASE_URL");
      }
      if (!redisConfigured) {
        missing.add("REDIS_URL");
      }
      // Migrations take advisory locks and run DDL, which transaction pooling breaks: they must
      // reach the primary directly, not through the pooled DATABASE_URL.
      boolean flywayEnabled = environment.getProperty("spring.flyway.enabled", Boolean.class, true);
      if (flywayEnabled && !hasText(environment, "spring.flyway.url")) {
        missing.add("DATABASE_MIGRATION_URL (or SPRING_FLYWAY_ENABLED=false)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "The prod profile needs real services; set " + String.join(", ", missing));
      }
      refuseOpenEdges(environment);
      return;
    }
    EmbeddedProperties settings =
        Binder.get(environment).bindOrCreate("hokm.embedded", EmbeddedProperties.class);
    if (Boolean.FALSE.equals(settings.enabled()) || (databaseConfigured && redisConfigured)) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    if (!databaseConfigured) {
      Path dataDirectory =
          settings.persistent() ? Path.of(settings.dataDir()).toAbsolutePath() : null;
      EmbeddedPostgresServer postgres =
          EmbeddedServices.postgres(
              dataDirectory,
              settings.postgresPort(),
              environment.getProperty("hokm.db.app-role", "hokm_app"),
              environment.getProperty("hokm.db.readonly-role", "hokm_readonly"));
      properties.put("spring.datasource.url", postgres.jdbcUrl());
      properties.put("spring.datasource.username", EmbeddedPostgresServer.APP_USER);
      properties.put("spring.datasource.password", "");
      properties.put("spring.flyway.url", postgres.jdbcUrl());
      properties.put("spring.flyway.user", EmbeddedPostgresServer.OWNER);
      properties.put("spring.flyway.password", "");
      log.info(
          "Embedded PostgreSQL 15 listening on "
              + postgres.jdbcUrl()
              + (dataDirectory != null
                  ? " with its data in " + dataDirectory
                  : " with throw-away data"));
    }
    if (!redisConfigured) {
      EmbeddedRedisServer redis = EmbeddedServices.redis(settings.redisPort());
      properties.put("spring.data.redis.host", "127.0.0.1");
      properties.put("spring.data.redis.port", redis.port());
      log.info("Embedded Redis listening on redis://127.0.0.1:" + redis.port());
    }
    EmbeddedServices.acquire(application);
    // Last, so anything configured explicitly still wins.
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties));
  }

  private static boolean hasText(ConfigurableEnvironment environment, String key) {
    return StringUtils.hasText(environment.getProperty(key));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
