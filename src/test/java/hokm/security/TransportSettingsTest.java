package hokm.security;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.platform.ConnectionSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Encrypted connections to PostgreSQL and Redis are a matter of the URL operators give. */
class TransportSettingsTest {

  @Test
  void postgresUrlsKeepTheirSslParameters() {
    ConnectionSettings settings =
        ConnectionSettings.parse(
            "postgres://app:secret@db.internal:5432/hokm?sslmode=verify-full"
                + "&sslrootcert=/etc/hokm/ca.pem");
    assertThat(settings.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://db.internal:5432/hokm?sslmode=verify-full"
                + "&sslrootcert=/etc/hokm/ca.pem");
    assertThat(ConnectionSettings.parse("jdbc:postgresql://db/hokm?sslmode=require").jdbcUrl())
        .endsWith("?sslmode=require");
  }

  @Test
  void aRedissUrlTurnsOnTls() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.url=rediss://:secret@cache.internal:6380")
        .run(
            context -> {
              LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
              assertThat(factory.isUseSsl()).isTrue();
              assertThat(factory.getHostName()).isEqualTo("cache.internal");
              assertThat(factory.getPort()).isEqualTo(6380);
            });
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.url=redis://cache.internal:6379")
        .run(
            context ->
                assertThat(context.getBean(LettuceConnectionFactory.class).isUseSsl()).isFalse());
  }
}
