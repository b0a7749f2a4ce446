package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConnectionSettingsTest {

  @Test
  void jdbcUrlsPassThrough() {
    ConnectionSettings s =
        ConnectionSettings.parse("jdbc:postgresql://pgbouncer:6432/hokm?prepareThreshold=0");
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://pgbouncer:6432/hokm?prepareThreshold=0");
    assertThat(s.username()).isNull();
  }

  @Test
  void postgresUrlsAreSplitIntoJdbcUrlAndCredentials() {
    ConnectionSettings s =
        ConnectionSettings.parse(
            "postgres://hokm_app:p%40ss%3Aword@db.internal:6432/hokm?sslmode=require&prepareThreshold=0");
    assertThat(s.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:6432/hokm?sslmode=require&prepareThreshold=0");
    assertThat(s.username()).isEqualTo("hokm_app");
    assertThat(s.password()).isEqualTo("p@ss:word");
    assertThat(s.toString()).doesNotContain("p@ss");

    ConnectionSettings noPort = ConnectionSettings.parse("postgresql://u@host/db");
    assertThat(noPort.jdbcUrl()).isEqualTo("jdbc:postgresql://host/db");
    assertThat(noPort.password()).isNull();
  }

  @Test
  void otherUrlsAreRefused() {
    assertThatThrownBy(() -> ConnectionSettings.parse("mysql://x/y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConnectionSettings.parse(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void operatorVariablesBecomeSpringProperties() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "operator",
                Map.of(
                    "DATABASE_URL", "postgres://app:secret@bouncer:6432/hokm?prepareThreshold=0",
                    "DATABASE_READ_URL", "jdbc:postgresql://replica:5432/hokm",
                    "DATABASE_READ_USERNAME", "analyst",
                    "DATABASE_READ_PASSWORD", "pw",
                    "DATABASE_MIGRATION_URL", "postgres://owner:o@primary:5432/hokm",
                    "REDIS_URL", "rediss://:pw@cache:6380")));
    new ConnectionVariablesEnvironmentPostProcessor().postProcessEnvironment(env, null);

    assertThat(env.getProperty("spring.datasource.url"))
        .isEqualTo("jdbc:postgresql://bouncer:6432/hokm?prepareThreshold=0");
    assertThat(env.getProperty("spring.datasource.username")).isEqualTo("app");
    assertThat(env.getProperty("spring.datasource.password")).isEqualTo("secret");
    assertThat(env.getProperty("hokm.datasource.replica.url"))
        .isEqualTo("jdbc:postgresql://replica:5432/hokm");
    assertThat(env.getProperty("hokm.datasource.replica.username")).isEqualTo("analyst");
    assertThat(env.getProperty("hokm.datasource.replica.password")).isEqualTo("pw");
    assertThat(env.getProperty("spring.flyway.url"))
        .isEqualTo("jdbc:postgresql://primary:5432/hokm");
    assertThat(env.getProperty("spring.flyway.user")).isEqualTo("owner");
    assertThat(env.getProperty("spring.data.redis.url")).isEqualTo("rediss://:pw@cache:6380");
  }
}
