package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What players and operators see while a dependency is down. */
@IntegrationTest
class DependencyFailureTest {
  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired CircuitBreakerRegistry breakers;

  @Test
  void healthShowsEachDependencyAndLivenessIgnoresThem() {
    Http http = new Http(managementPort);
    JsonNode health = http.get("/actuator/health").json();
    JsonNode components = health.path("components");
    assertThat(components.has("db")).isTrue();
    assertThat(components.has("redis")).isTrue();
    assertThat(components.has("replica")).isTrue();
    assertThat(components.has("journal")).isTrue();
    assertThat(components.has("circuitBreakers")).isTrue();
    assertThat(components.path("journal").path("details").has("lagSeconds")).isTrue();
    JsonNode liveness = http.get("/actuator/health/liveness").json().path("components");
    assertThat(liveness.has("db") || liveness.has("redis") || liveness.has("journal")).isFalse();
    assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    String metrics = http.get("/actuator/prometheus").body();
    assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"postgres\"");
    assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"redis\"");
  }

  @Test
  void whileThePostgresBreakerIsOpenLoginsGetA503AndTokensKeepWorking() {
    String token = TestFrames.guestToken(port);
    CircuitBreaker postgres = breakers.circuitBreaker("postgres");
    postgres.transitionToOpenState();
    try {
      Http.Response guest = new Http(port).post("/api/auth/guest", "{}");
      assertThat(guest.status()).isEqualTo(503);
      assertThat(guest.code()).isEqualTo("DATABASE_UNAVAILABLE");
      Http.Response login =
          new Http(port).post("/api/auth/login", "{\"username\":\"someone\",\"password\":\"x\"}");
      assertThat(login.status()).isEqualTo(503);
      // An existing token still opens a socket and a game.
      WsClient client = WsClient.login(port, token);
      JsonNode state =
          client.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
      assertThat(state.path("type").asString()).isEqualTo("table_state");
      client.close();
    } finally {
      postgres.transitionToClosedState();
    }
    assertThat(new Http(port).post("/api/auth/guest", "{}").status()).isIn(200, 201);
  }
}
