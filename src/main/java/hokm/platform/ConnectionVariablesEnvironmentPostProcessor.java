package hokm.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Maps the variables operators set ({@code DATABASE_URL}, {@code DATABASE_READ_URL}, {@code
 * DATABASE_MIGRATION_URL}, {@code REDIS_URL} and their {@code _USERNAME}/{@code _PASSWORD}
 * companions) onto Spring properties. They rank just below the Spring-style variables and system
 * properties, so {@code SPRING_DATASOURCE_URL} still wins where both are set.
 */
public class ConnectionVariablesEnvironmentPostProcessor
    implements EnvironmentPostProcessor, Ordered {

  public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;
  static final String SOURCE_NAME = "hokmConnectionVariables";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> properties = new LinkedHashMap<>();
    database(
        environment,
        "DATABASE",
        "spring.datasource.url",
        "spring.datasource.username",
        "spring.datasource.password",
        properties);
    database(
        environment,
        "DATABASE_READ",
        "hokm.datasource.replica.url",
        "hokm.datasource.replica.username",
        "hokm.datasource.replica.password",
        properties);
    database(
        environment,
        "DATABASE_MIGRATION",
        "spring.flyway.url",
        "spring.flyway.user",
        "spring.flyway.password",
        properties);
    String redis = environment.getProperty("REDIS_URL");
    if (StringUtils.hasText(redis)) {
      properties.put("spring.data.redis.url", redis.trim());
    }
    if (properties.isEmpty()) {
      return;
    }
    MutablePropertySources sources = environment.getPropertySources();
    MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
    if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
      sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
    } else {
      sources.addFirst(source);
    }
  }

  private static void database(
      ConfigurableEnvironment environment,
      String prefix,
      String urlKey,
      String userKey,
      String passwordKey,
      Map<String, Object> properties) {
    String url = environment.getProperty(prefix + "_URL");
    if (StringUtils.hasText(url)) {
      ConnectionSettings settings;
      try {
        settings = ConnectionSettings.parse(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(prefix + "_URL is not usable: " + e.getMessage(), e);
      }
      properties.put(urlKey, settings.jdbcUrl());
      if (settings.username() != null) {
        properties.put(userKey, settings.username());
      }
      if (settings.password() != null) {
        properties.put(passwordKey, settings.password());
      }
    }
    String user = environment.getProperty(prefix + "_USERNAME");
    if (StringUtils.hasText(user)) {
      properties.put(userKey, user);
    }
    String password = environment.getProperty(prefix + "_PASSWORD");
    if (password != null && !password.isEmpty()) {
      properties.put(passwordKey, password);
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
