package hokm.testsupport;

import hokm.platform.ConnectionSettings;
import hokm.platform.ConnectionVariablesEnvironmentPostProcessor;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points test applications at the backends {@link TestBackends} chose, before the embedded defaults
 * would start their own, and keeps embedded test data out of the developer's data folder.
 */
public class TestBackendsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.matchesProfiles("prod")) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("hokm.embedded.persistent", "false");
    ConnectionSettings database = TestBackends.externalDatabase();
    if (database != null) {
      properties.put("spring.datasource.url", database.jdbcUrl());
      properties.put("spring.datasource.username", database.username());
      properties.put("spring.datasource.password", database.password());
      properties.put("spring.flyway.url", database.jdbcUrl());
      properties.put("spring.flyway.user", database.username());
      properties.put("spring.flyway.password", database.password());
    }
    String redis = TestBackends.externalRedis();
    if (redis != null) {
      properties.put("spring.data.redis.url", redis);
    }
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("hokmTestBackends", properties));
  }

  @Override
  public int getOrder() {
    return ConnectionVariablesEnvironmentPostProcessor.ORDER + 5;
  }
}
