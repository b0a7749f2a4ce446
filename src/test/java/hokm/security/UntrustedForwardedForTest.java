package hokm.security;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestBackends;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the trusted proxies narrowed to the proxies' own range (as production must set them), a
 * caller that is not one of them cannot choose the address that limits and the audit log record by
 * sending X-Forwarded-For.
 */
@IntegrationTest
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=10\\.0\\.3\\.\\d{1,3}")
class UntrustedForwardedForTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Test
  void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() throws Exception {
    String name = "spoof_" + UUID.randomUUID().toString().substring(0, 8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/guest"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", "203.0.113.77")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\"}"))
            .build();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    UUID player =
        UUID.fromString(JSON.readTree(answer.body()).path("player").path("id").asString());
    String recorded =
        new JdbcTemplate(TestBackends.superuser())
            .queryForObject(
                "SELECT ip FROM audit_log WHERE event = 'auth.register' AND player_id = ?",
                String.class,
                player);
    assertThat(recorded).isIn("127.0.0.1", "0:0:0:0:0:0:0:1").isNotEqualTo("203.0.113.77");
  }
}
