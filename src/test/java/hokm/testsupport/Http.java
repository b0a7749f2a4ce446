package hokm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests to the running server. */
public final class Http {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Http(int port) {
    this.base = "http://localhost:" + port;
  }

  public Response get(String path) {
    return get(path, null);
  }

  public Response get(String path, String bearer) {
    return send(request(path, bearer).GET().build());
  }

  public Response post(String path, String jsonBody) {
    return post(path, jsonBody, null);
  }

  public Response post(String path, String jsonBody, String bearer) {
    HttpRequest.Builder builder = request(path, bearer);
    if (jsonBody == null) {
      builder.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return send(builder.build());
  }

  /** A DELETE with an {@code Authorization} header as given (e.g. "Basic ..."), or none. */
  public Response delete(String path, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).DELETE();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return send(builder.build());
  }

  private HttpRequest.Builder request(String path, String bearer) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return builder;
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer; {@link #json()} parses the body. */
  public record Response(int status, String body, String contentType) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String text(String field) {
      JsonNode node = json().get(field);
      return node == null || node.isNull() ? null : node.asString();
    }

    public String code() {
      return text("code");
    }
  }

  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
