package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browser client's files inside the jar: the page at {@code /} under its strict policy,
 * revalidated with ETags, compressed; the API keeps its own policy.
 */
@IntegrationTest
class ClientFilesTest {
  @LocalServerPort int port;
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void thePageIsServedAtTheRootUnderAStrictPolicy() throws Exception {
    HttpResponse<byte[]> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(html).contains("<script type=\"module\" src=\"/assets/js/app.js\">");
    // No inline script or style, nothing from another host.
    assertThat(html).doesNotContain("<script>", "style=", "<style", "http://", "https://");
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy)
        .contains(
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'")
        .doesNotContain("unsafe", "*", "http");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void filesCarryAnEtagAndAnswer304WhileUnchanged() throws Exception {
    for (String path : List.of("/", "/assets/js/app.js", "/assets/css/app.css", "/favicon.svg")) {
      HttpResponse<byte[]> first = get(path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
  }

  @Test
  void textFilesAreCompressedAndApiAnswersAreNot() throws Exception {
    HttpResponse<byte[]> script = get("/assets/js/app.js", "Accept-Encoding", "gzip");
    assertThat(script.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    HttpResponse<byte[]> api = get("/api/leaderboard?limit=100", "Accept-Encoding", "gzip");
    assertThat(api.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(api.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; frame-ancestors 'none'");
    assertThat(get("/assets/js/app.js").headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void unknownPathsStillAnswerJson404() throws Exception {
    HttpResponse<byte[]> missing = get("/assets/js/nothing.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse("")).contains("json");
  }
}
