package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hokm.HokmApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Production never falls back to embedded servers. */
class ProdProfileTest {

  @Test
  void prodRefusesToStartWithoutRealUrls() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(HokmApplication.class)
                    .profiles("prod")
                    .web(WebApplicationType.NONE)
                    .run())
        .hasMessageContaining("prod profile needs real services")
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("DATABASE_MIGRATION_URL");
  }

  @Test
  void prodRefusesToMigrateThroughThePooledUrl() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(HokmApplication.class)
                    .profiles("prod")
                    .web(WebApplicationType.NONE)
                    .properties(
                        "spring.datasource.url=jdbc:postgresql://pgbouncer:6432/hokm",
                        "spring.data.redis.url=redis://cache:6379")
                    .run())
        .hasMessageContaining("DATABASE_MIGRATION_URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REDIS_URL"));
  }

  @Test
  void prodRefusesAnyOriginAndTheDefaultProxyRange() {
    String[] services = {
      "spring.datasource.url=jdbc:postgresql://pgbouncer:6432/hokm",
      "spring.flyway.url=jdbc:postgresql://db:5432/hokm",
      "spring.data.redis.url=redis://cache:6379"
    };
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(HokmApplication.class)
                    .profiles("prod")
                    .web(WebApplicationType.NONE)
                    .properties(services)
                    .run())
        .hasMessageContaining("refuses to start with open edges")
        .hasMessageContaining("HOKM_GATEWAY_ALLOWED_ORIGINS")
        .hasMessageContaining("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES");
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(HokmApplication.class)
                    .profiles("prod")
                    .web(WebApplicationType.NONE)
                    .properties(services)
                    .properties(
                        "hokm.gateway.allowed-origins=https://hokm.example,*",
                        "server.tomcat.remoteip.internal-proxies=10\\.0\\.3\\.\\d{1,3}")
                    .run())
        .hasMessageContaining("HOKM_GATEWAY_ALLOWED_ORIGINS")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"));
  }
}
