package hokm.security;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP request bodies over hokm.security.max-request-body (64 KiB) are refused with 413. */
@IntegrationTest
class RequestBodyLimitTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private final HttpClient client = HttpClient.newHttpClient();

  private static String bodyOf(int bytes) {
    return "{\"username\":\"x\",\"pad\":\"" + "a".repeat(bytes) + "\"}";
  }

  private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/register"))
            .header("Content-Type", "application/json")
            .POST(body)
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBodyWithALengthOverTheCapGets413() throws Exception {
    HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString(bodyOf(10_000_000)));
    assertThat(answer.statusCode()).isEqualTo(413);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(body.path("message").asString()).contains("65536");
  }

  @Test
  void aChunkedBodyOverTheCapGets413() throws Exception {
    byte[] big = bodyOf(200_000).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(answer.body()).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void aBodyUnderTheCapIsReadAsUsual() throws Exception {
    HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString(bodyOf(60_000)));
    // The body reaches validation (the name is too short), so it was read whole.
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("code").asString()).isEqualTo("VALIDATION");
  }
}
