package hokm.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Password changes, token revocation, the audit trail and the secure headers, over real HTTP. */
@IntegrationTest
class AccountSecurityTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private Http http() {
    return new Http(port);
  }

  private static String uniqueName(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
      headers.forEach(request::header);
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long auditRows(String event, String outcome, UUID player) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long count = 0;
    while (System.nanoTime() < deadline) {
      count =
          jdbc.queryForObject(
              "SELECT count(*) FROM audit_log WHERE event = ? AND outcome = ? AND player_id = ?"
                  + " AND ip IS NOT NULL",
              Long.class,
              event,
              outcome,
              player);
      if (count > 0) {
        return count;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return count;
  }

  @Test
  void aPasswordChangeNeedsTheCurrentPasswordAndRevokesEverySession() {
    String name = uniqueName("pw");
    Http.Response registered =
        http()
            .post(
                "/api/auth/register",
                Http.json(Map.of("username", name, "password", "first password")));
    assertThat(registered.status()).isEqualTo(201);
    UUID id = UUID.fromString(registered.json().path("player").path("id").asString());
    String access = registered.text("accessToken");
    String refresh = registered.text("refreshToken");

    Http.Response anonymous =
        http()
            .post(
                "/api/auth/password",
                Http.json(Map.of("currentPassword", "first password", "newPassword", "x2345678")));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");

    Http.Response wrong =
        http()
            .post(
                "/api/auth/password",
                Http.json(Map.of("currentPassword", "not it at all", "newPassword", "x2345678")),
                access);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");

    Http.Response tooShort =
        http()
            .post(
                "/api/auth/password",
                Http.json(Map.of("currentPassword", "first password", "newPassword", "short")),
                access);
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.code()).isEqualTo("VALIDATION");

    Http.Response changed =
        http()
            .post(
                "/api/auth/password",
                Http.json(
                    Map.of("currentPassword", "first password", "newPassword", "second password")),
                access);
    assertThat(changed.status()).isEqualTo(204);

    assertThat(
            http()
                .post(
                    "/api/auth/login",
                    Http.json(Map.of("username", name, "password", "first password")))
                .code())
        .isEqualTo("BAD_CREDENTIALS");
    assertThat(
            http()
                .post(
                    "/api/auth/login",
                    Http.json(Map.of("username", name, "password", "second password")))
                .status())
        .isEqualTo(200);
    Http.Response replay =
        http().post("/api/auth/refresh", Http.json(Map.of("refreshToken", refresh)));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.code()).isEqualTo("INVALID_REFRESH_TOKEN");

    assertThat(auditRows("auth.register", "success", id)).isEqualTo(1);
    assertThat(auditRows("auth.password_change", "failure", id)).isEqualTo(1);
    assertThat(auditRows("auth.password_change", "success", id)).isEqualTo(1);
    assertThat(auditRows("auth.login", "success", id)).isEqualTo(1);
    assertThat(auditRows("auth.login", "failure", id)).isEqualTo(1);
  }

  @Test
  void aGuestHasNoPasswordToChange() {
    Http.Response guest = http().post("/api/auth/guest", "{}");
    Http.Response refused =
        http()
            .post(
                "/api/auth/password",
                Http.json(Map.of("currentPassword", "anything", "newPassword", "x2345678")),
                guest.text("accessToken"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("FORBIDDEN");
  }

  @Test
  void aRevokedRefreshTokenIsRefusedAndTheRevocationIsAudited() {
    Http.Response registered =
        http()
            .post(
                "/api/auth/register",
                Http.json(Map.of("username", uniqueName("rv"), "password", "long enough")));
    UUID id = UUID.fromString(registered.json().path("player").path("id").asString());
    String refresh = registered.text("refreshToken");
    Http.Response rotated =
        http().post("/api/auth/refresh", Http.json(Map.of("refreshToken", refresh)));
    assertThat(rotated.status()).isEqualTo(200);
    // Presenting the rotated-away token again: refused, and the whole family is revoked.
    Http.Response replayed =
        http().post("/api/auth/refresh", Http.json(Map.of("refreshToken", refresh)));
    assertThat(replayed.code()).isEqualTo("INVALID_REFRESH_TOKEN");
    assertThat(
            http()
                .post(
                    "/api/auth/refresh",
                    Http.json(Map.of("refreshToken", rotated.text("refreshToken"))))
                .code())
        .isEqualTo("INVALID_REFRESH_TOKEN");
    assertThat(auditRows("auth.token_revoked", "success", id)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT detail->>'reason' FROM audit_log WHERE event = 'auth.token_revoked'"
                    + " AND player_id = ?",
                String.class,
                id))
        .isEqualTo("reuse");

    Http.Response registered2 =
        http()
            .post(
                "/api/auth/register",
                Http.json(Map.of("username", uniqueName("lo"), "password", "long enough")));
    UUID id2 = UUID.fromString(registered2.json().path("player").path("id").asString());
    String refresh2 = registered2.text("refreshToken");
    assertThat(
            http().post("/api/auth/logout", Http.json(Map.of("refreshToken", refresh2))).status())
        .isEqualTo(204);
    assertThat(http().post("/api/auth/refresh", Http.json(Map.of("refreshToken", refresh2))).code())
        .isEqualTo("INVALID_REFRESH_TOKEN");
    assertThat(auditRows("auth.token_revoked", "success", id2)).isEqualTo(1);
  }

  @Test
  void everyAnswerCarriesTheSecureHeaders() {
    for (String path : new String[] {"/api/leaderboard", "/api/players/me", "/nothing-here"}) {
      HttpResponse<String> response = get(path, Map.of());
      var headers = response.headers();
      assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(headers.firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue("default-src 'none'; frame-ancestors 'none'");
      assertThat(headers.firstValue("Strict-Transport-Security"))
          .as("no HSTS over plain HTTP")
          .isEmpty();
    }
    // Behind the TLS-terminating proxy (a trusted address) the request counts as HTTPS.
    HttpResponse<String> viaProxy =
        get("/api/leaderboard", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "1.2.3.4"));
    assertThat(viaProxy.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000"));
  }

  @Test
  void oversizedAndMalformedAuthBodiesAreRefusedCleanly() {
    Http.Response longName =
        http()
            .post(
                "/api/auth/login",
                Http.json(Map.of("username", "x".repeat(5000), "password", "whatever1")));
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.code()).isEqualTo("VALIDATION");
    Http.Response injection =
        http()
            .post(
                "/api/auth/register",
                Http.json(
                    Map.of("username", "a'; DROP TABLE players; --", "password", "x2345678")));
    assertThat(injection.status()).isEqualTo(400);
    assertThat(injection.code()).isEqualTo("VALIDATION");
    Http.Response wrongType =
        http().post("/api/auth/login", "{\"username\": {\"$gt\": \"\"}, \"password\": 1}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body()).doesNotContain("Exception", "hokm.", "jackson");
  }
}
