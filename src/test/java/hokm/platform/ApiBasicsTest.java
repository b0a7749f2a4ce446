package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health, the security rules and the error shape outside the account endpoints. */
@IntegrationTest
class ApiBasicsTest {

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @Test
  void healthShowsDatabaseAndRedis() {
    Http.Response health = new Http(managementPort).get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
    assertThat(health.json().get("components").get("redis").get("status").asString())
        .isEqualTo("UP");
    assertThat(new Http(managementPort).get("/actuator/health/readiness").status()).isEqualTo(200);
  }

  @Test
  void prometheusIsOpenAndOtherActuatorsAreNot() {
    assertThat(new Http(managementPort).get("/actuator/prometheus").status()).isEqualTo(200);
    Http.Response metrics = new Http(managementPort).get("/actuator/metrics");
    assertThat(metrics.status()).isEqualTo(401);
    assertThat(metrics.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void unknownAddressesAndMethodsAnswerJson() {
    Http.Response missing = new Http(port).get("/api/auth/nothing-here");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("NOT_FOUND");

    Http.Response protectedMissing = new Http(port).get("/api/nothing-here");
    assertThat(protectedMissing.status()).isEqualTo(401);
    assertThat(protectedMissing.code()).isEqualTo("UNAUTHENTICATED");

    Http.Response wrongMethod = new Http(port).get("/api/auth/login");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void publicStatisticsValidateTheirParameters() {
    Http http = new Http(port);
    assertThat(http.get("/api/leaderboard").status()).isEqualTo(200);
    assertThat(http.get("/api/leaderboard").json().has("players")).isTrue();
    assertThat(http.get("/api/stats/daily?days=7").json().has("days")).isTrue();

    Http.Response zero = http.get("/api/leaderboard?limit=0");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.code()).isEqualTo("VALIDATION");
    assertThat(zero.text("message")).startsWith("limit:");

    Http.Response words = http.get("/api/stats/daily?days=many");
    assertThat(words.status()).isEqualTo(400);
    assertThat(words.code()).isEqualTo("VALIDATION");
    assertThat(words.body()).doesNotContain("Exception");
  }
}
