package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document, fetched over HTTP, describes the whole API: every endpoint the server maps,
 * every error code it can answer, each operation's success and errors, and the security the server
 * really enforces. Its browsable page loads under its Content-Security-Policy.
 */
@IntegrationTest
class ApiDocumentTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /**
   * Mappings of the players' port outside the API, each left out of the document on purpose: the
   * browser client's page, the error dispatch, and the document and its page themselves. The
   * management port's actuator and operator endpoints are not described either (never published;
   * docs/operations.md).
   */
  private static final Set<String> NOT_IN_THE_DOCUMENT =
      Set.of(
          "GET /",
          "ANY /error",
          "GET /v3/api-docs",
          "GET /v3/api-docs.yaml",
          "GET /v3/api-docs/swagger-config",
          "GET /swagger-ui.html");

  /** A valid body for the operations that check the caller's token only after reading it. */
  private static final Map<String, String> BODIES =
      Map.of(
          "/api/auth/password",
          "{\"currentPassword\":\"not-the-password\",\"newPassword\":\"another-password\"}");

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private JsonNode document;

  @BeforeEach
  void fetchTheDocument() {
    HttpResponse<String> answer = send(request("/v3/api-docs").GET().build());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("json");
    document = JSON.readTree(answer.body());
  }

  @Test
  void everyEndpointTheServerMapsIsInTheDocument() {
    Set<String> documented = new TreeSet<>(operations().keySet());
    Set<String> api = new TreeSet<>();
    Set<String> others = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .keySet()
        .forEach(
            info -> {
              for (String mapping : endpoints(info)) {
                (mapping.contains(" /api/") ? api : others).add(mapping);
              }
            });
    assertThat(api).as("the API's endpoints").isNotEmpty().allMatch(m -> !m.startsWith("ANY "));
    assertThat(documented).as("operations of the document").containsExactlyElementsOf(api);
    assertThat(others)
        .as("mappings outside /api, each left out of the document on purpose")
        .isSubsetOf(NOT_IN_THE_DOCUMENT);
  }

  @Test
  void everyErrorCodeIsInTheDocument() {
    Set<String> all = new TreeSet<>();
    for (ApiErrorCode code : ApiErrorCode.values()) {
      all.add(code.name());
    }
    JsonNode schemas = document.path("components").path("schemas");
    Set<String> enumerated = new TreeSet<>();
    schemas.path("ApiErrorCode").path("enum").forEach(v -> enumerated.add(v.asString()));
    assertThat(enumerated).as("the error code schema's values").isEqualTo(all);
    assertThat(schemas.path("ApiError").path("properties").path("code").path("$ref").asString())
        .isEqualTo("#/components/schemas/ApiErrorCode");
    String codeList = schemas.path("ApiErrorCode").path("description").asString();

    Set<String> answered = new TreeSet<>();
    operations()
        .forEach(
            (operation, spec) ->
                spec.path("responses")
                    .properties()
                    .forEach(
                        response -> {
                          JsonNode examples =
                              response
                                  .getValue()
                                  .path("content")
                                  .path("application/json")
                                  .path("examples");
                          for (String code : examples.propertyNames()) {
                            answered.add(code);
                            assertThat(ApiErrorCode.valueOf(code).status().value())
                                .as("the status of %s in %s", code, operation)
                                .isEqualTo(Integer.parseInt(response.getKey()));
                            assertThat(response.getValue().path("description").asString())
                                .as("%s %s", operation, response.getKey())
                                .contains("`" + code + "`");
                          }
                        }));
    // These answer addresses and methods that no operation serves.
    Set<String> outside = Set.of("METHOD_NOT_ALLOWED", "CLIENT_ERROR");
    Set<String> expected = new TreeSet<>(all);
    expected.removeAll(outside);
    assertThat(answered).as("codes some operation answers").isEqualTo(expected);
    String overview = document.path("info").path("description").asString();
    for (String code : all) {
      assertThat(codeList).as("the code list").contains("`" + code + "`");
    }
    for (String code : outside) {
      assertThat(overview).as("codes of no operation, in the overview").contains("`" + code + "`");
    }
  }

  @Test
  void everyOperationDescribesItsSuccessAndItsErrors() {
    Set<String> tags = new TreeSet<>();
    document
        .path("tags")
        .forEach(
            tag -> {
              assertThat(tag.path("description").asString()).isNotBlank();
              tags.add(tag.path("name").asString());
            });
    operations()
        .forEach(
            (operation, spec) -> {
              assertThat(spec.path("summary").asString()).as(operation).isNotBlank();
              assertThat(spec.path("description").asString()).as(operation).isNotBlank();
              assertThat(spec.path("tags").size()).as(operation).isEqualTo(1);
              assertThat(tags).as(operation).contains(spec.path("tags").get(0).asString());
              List<String> successes = new ArrayList<>();
              List<String> errors = new ArrayList<>();
              spec.path("responses")
                  .properties()
                  .forEach(
                      response -> {
                        String status = response.getKey();
                        JsonNode answer = response.getValue();
                        String what = operation + " " + status;
                        assertThat(answer.path("description").asString())
                            .as(what)
                            .isNotBlank()
                            .isNotIn("OK", "Created", "No Content");
                        JsonNode json = answer.path("content").path("application/json");
                        if (status.startsWith("2")) {
                          successes.add(status);
                          if (status.equals("204")) {
                            assertThat(answer.has("content")).as(what).isFalse();
                          } else {
                            assertThat(json.path("schema").path("$ref").asString())
                                .as(what + ": a named body")
                                .startsWith("#/components/schemas/");
                          }
                        } else {
                          errors.add(status);
                          assertThat(json.path("schema").path("$ref").asString())
                              .as(what)
                              .isEqualTo("#/components/schemas/ApiError");
                          assertThat(json.path("examples").size()).as(what).isPositive();
                        }
                      });
              assertThat(successes).as(operation).hasSize(1);
              assertThat(errors).as(operation).isNotEmpty().contains("401", "500");
            });
    // Every body the document names is described, down to each property's schema.
    document
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema ->
                assertThat(schema.getValue().path("description").asString())
                    .as(schema.getKey())
                    .isNotBlank());
  }

  @Test
  void theDocumentsTokensAreTheOnesTheServerAsksFor() {
    operations()
        .forEach(
            (operation, spec) -> {
              boolean secured = spec.path("security").size() > 0;
              String method = operation.substring(0, operation.indexOf(' '));
              String path = concrete(operation.substring(operation.indexOf(' ') + 1));
              HttpResponse<String> anonymous = call(method, path, null, secured);
              if (secured) {
                assertThat(anonymous.statusCode())
                    .as(operation + " without a token")
                    .isEqualTo(401);
                assertThat(code(anonymous)).as(operation).isEqualTo("UNAUTHENTICATED");
              } else {
                assertThat(anonymous.statusCode())
                    .as(operation + " without a token")
                    .isNotEqualTo(401);
              }
              // The document says a bad token is refused even where none is needed.
              HttpResponse<String> badToken = call(method, path, "not-a-token", secured);
              assertThat(badToken.statusCode()).as(operation + " with a bad token").isEqualTo(401);
              assertThat(code(badToken)).as(operation).isEqualTo("UNAUTHENTICATED");
            });
  }

  @Test
  void theDocumentIsTheSameForEveryAddressOfTheServer() {
    HttpResponse<String> again =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                .GET()
                .build());
    JsonNode other = JSON.readTree(again.body());
    assertThat(other.path("servers").get(0).path("url").asString()).contains("127.0.0.1");
    assertThat(other.path("paths")).isEqualTo(document.path("paths"));
    assertThat(other.path("components")).isEqualTo(document.path("components"));
  }

  @Test
  void theBrowsablePageLoadsUnderItsPolicy() {
    HttpResponse<String> entry = send(request("/swagger-ui.html").GET().build());
    assertThat(entry.statusCode()).isEqualTo(302);
    String location = entry.headers().firstValue("Location").orElseThrow();
    assertThat(URI.create(location).getPath()).isEqualTo("/swagger-ui/index.html");

    HttpResponse<String> page = send(request("/swagger-ui/index.html").GET().build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(policy)
        .contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
        .contains("connect-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    String html = page.body();
    // The policy allows no inline code or styles: the page has none.
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>\\s*\\S");
    assertThat(html)
        .doesNotContain("<style", " style=", "javascript:")
        .doesNotContainPattern("\\son[a-z]+\\s*=");

    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<script[^>]*\\bsrc=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      files.put(m.group(1), "javascript");
    }
    m = Pattern.compile("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      files.put(m.group(1), "text/css");
    }
    assertThat(files.values()).contains("javascript", "text/css");
    files.forEach(
        (file, type) -> {
          URI uri = URI.create("http://localhost:" + port + "/swagger-ui/").resolve(file);
          assertThat(uri.getHost()).as(file + " from this server").isEqualTo("localhost");
          HttpResponse<String> answer = send(HttpRequest.newBuilder(uri).GET().build());
          assertThat(answer.statusCode()).as(file).isEqualTo(200);
          assertThat(answer.headers().firstValue("Content-Type").orElse(""))
              .as(file)
              .contains(type);
        });

    HttpResponse<String> config = send(request("/v3/api-docs/swagger-config").GET().build());
    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(config.body()).path("url").asString()).isEqualTo("/v3/api-docs");
  }

  /** Every operation as "METHOD /path", with its description. */
  private Map<String, JsonNode> operations() {
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            operations.put(
                                op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                          }
                        }));
    return operations;
  }

  private static List<String> endpoints(RequestMappingInfo info) {
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    List<String> endpoints = new ArrayList<>();
    for (String pattern : info.getPatternValues()) {
      if (methods.isEmpty()) {
        endpoints.add("ANY " + pattern);
      }
      for (RequestMethod method : methods) {
        endpoints.add(method.name() + " " + pattern);
      }
    }
    return endpoints;
  }

  /** A path of the document with its variables filled in: nothing that exists. */
  private static String concrete(String template) {
    return template
        .replace("{username}", "nobody-by-this-name")
        .replace("{id}", UUID.randomUUID().toString());
  }

  /**
   * A request that creates nothing: for an open operation with a body, a body that is not JSON; for
   * one that needs a token, the body it would take (or none where it is optional).
   */
  private HttpResponse<String> call(String method, String path, String bearer, boolean secured) {
    HttpRequest.Builder builder = request(path);
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    if (method.equals("GET")) {
      builder.GET();
    } else if (!secured) {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString("{not json"));
    } else if (BODIES.containsKey(path)) {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(BODIES.get(path)));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(builder.build());
  }

  private static String code(HttpResponse<String> answer) {
    return JSON.readTree(answer.body()).path("code").asString();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
