package hokm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationTest {
  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return get(managementPort, path);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePlayersPortServesNoActuatorOnlyBareProbes() throws Exception {
    assertThat(managementPort).isNotEqualTo(port);
    for (String hidden :
        new String[] {
          "/actuator/prometheus", "/%61ctuator/prometheus", "/actuator/health", "/actuator/metrics"
        }) {
      HttpResponse<String> answer = get(port, hidden);
      assertThat(answer.statusCode()).as(hidden).isEqualTo(404);
      assertThat(answer.body()).as(hidden).doesNotContain("jvm_").doesNotContain("components");
    }
    for (String probe : new String[] {"/livez", "/readyz"}) {
      HttpResponse<String> answer = get(port, probe);
      assertThat(answer.statusCode()).as(probe).isEqualTo(200);
      assertThat(answer.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  @Test
  void healthAnswersUp() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
  }

  @Test
  void prometheusMetricsAreExported() throws Exception {
    HttpResponse<String> metrics = get("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }
}
