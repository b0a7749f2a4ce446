package hokm.platform.web;

import hokm.platform.ApiDocs;
import hokm.platform.ApiError;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The API's OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}). Each
 * operation's error answers are written here from the codes it declares ({@link ApiErrors}) and
 * those the platform answers for every operation of its kind, grouped by status, each with the
 * {@link ApiError} body and an example per code; the code list itself is {@link ApiErrorCode}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
class OpenApiConfiguration {

  /** Codes an operation answered, carried from its handler to the whole document's pass. */
  private static final String CODES = "x-hokm-error-codes";

  private static final String ERROR_SCHEMA = "#/components/schemas/ApiError";

  private static final String DESCRIPTION =
      """
      The HTTP API of the Hokm server: accounts and tokens, profiles, statistics, the tables \
      being played and finished games. Games themselves are played over the WebSocket `/ws` \
      (docs/protocol.md in the repository describes its frames).

      **Tokens.** Operations marked with a lock need `Authorization: Bearer <accessToken>`, \
      from `POST /api/auth/guest`, `/register` or `/login` (15 minutes; renew it with \
      `POST /api/auth/refresh`). The others need none.

      **Errors.** Every error answer is `{"code": "...", "message": "..."}`: `code` is stable \
      (schema `ApiErrorCode`), `message` is for people. Each operation lists the codes it can \
      answer under their statuses. Besides those, any address answers `NOT_FOUND` (404) when \
      nothing is there, `METHOD_NOT_ALLOWED` (405) to a method it does not accept, and \
      `CLIENT_ERROR` with the status of any other refusal of the web server (4xx). `429` and \
      `503` answers carry `Retry-After` (seconds).
      """;

  @Bean
  OpenAPI hokmOpenApi() {
    String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Hokm server API")
                .version(version == null ? "development" : version)
                .description(DESCRIPTION))
        .components(
            new Components()
                .addSecuritySchemes(
                    ApiDocs.BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                            "An access token from /api/auth: guest, register, login or"
                                + " refresh.")));
  }

  /** Records the codes that the handler itself tells: its declared ones and its body's. */
  @Bean
  OperationCustomizer handlerErrorCodes() {
    return (operation, handler) -> {
      Set<ApiErrorCode> codes = EnumSet.noneOf(ApiErrorCode.class);
      ApiErrors declared = handler.getMethodAnnotation(ApiErrors.class);
      if (declared != null) {
        codes.addAll(Arrays.asList(declared.value()));
      }
      for (MethodParameter parameter : handler.getMethodParameters()) {
        if (parameter.hasParameterAnnotation(RequestBody.class)) {
          codes.addAll(
              List.of(
                  ApiErrorCode.MALFORMED_REQUEST,
                  ApiErrorCode.PAYLOAD_TOO_LARGE,
                  ApiErrorCode.UNSUPPORTED_MEDIA_TYPE));
        }
      }
      operation.addExtension(
          CODES, codes.stream().map(ApiErrorCode::name).collect(Collectors.joining(",")));
      return operation;
    };
  }

  /** Writes every operation's error answers, and the error schemas. */
  @Bean
  OpenApiCustomizer errorAnswers() {
    return openApi -> {
      Components components = openApi.getComponents();
      ModelConverters.getInstance().readAll(ApiError.class).forEach(components::addSchemas);
      Schema<?> codeSchema = components.getSchemas().get(ApiErrorCode.class.getSimpleName());
      if (codeSchema != null) {
        codeSchema.setDescription(codeList());
      }
      AntPathMatcher paths = new AntPathMatcher();
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) -> {
                for (Operation operation : operations(item)) {
                  Set<ApiErrorCode> codes = recorded(operation);
                  codes.add(ApiErrorCode.NOT_ACCEPTABLE);
                  codes.add(ApiErrorCode.INTERNAL);
                  // A bad token is refused wherever it is sent, so every operation answers these.
                  codes.add(ApiErrorCode.UNAUTHENTICATED);
                  codes.add(ApiErrorCode.TOKEN_REVOKED);
                  if (DatabaseAvailability.GUARDED_PATHS.stream()
                      .anyMatch(p -> paths.match(p, path))) {
                    codes.add(ApiErrorCode.DATABASE_UNAVAILABLE);
                  }
                  boolean secured =
                      operation.getSecurity() != null && !operation.getSecurity().isEmpty();
                  describe(operation, codes, secured);
                  operation.setResponses(byStatus(operation.getResponses()));
                }
              });
    };
  }

  /** The answers in the order of their statuses, successes first. */
  private static ApiResponses byStatus(ApiResponses responses) {
    ApiResponses sorted = new ApiResponses();
    new TreeMap<>(responses).forEach(sorted::addApiResponse);
    sorted.setExtensions(responses.getExtensions());
    return sorted;
  }

  private static List<Operation> operations(PathItem item) {
    return new ArrayList<>(item.readOperationsMap().values());
  }

  private static Set<ApiErrorCode> recorded(Operation operation) {
    Set<ApiErrorCode> codes = EnumSet.noneOf(ApiErrorCode.class);
    Map<String, Object> extensions = operation.getExtensions();
    Object value = extensions == null ? null : extensions.remove(CODES);
    if (value instanceof String list && !list.isEmpty()) {
      for (String name : list.split(",")) {
        codes.add(ApiErrorCode.valueOf(name));
      }
    }
    if (extensions != null && extensions.isEmpty()) {
      operation.setExtensions(null);
    }
    return codes;
  }

  private static void describe(Operation operation, Set<ApiErrorCode> codes, boolean secured) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    Map<Integer, List<ApiErrorCode>> byStatus = new TreeMap<>();
    for (ApiErrorCode code : codes) {
      byStatus.computeIfAbsent(code.status().value(), s -> new ArrayList<>()).add(code);
    }
    for (Map.Entry<Integer, List<ApiErrorCode>> entry : byStatus.entrySet()) {
      String status = Integer.toString(entry.getKey());
      ApiResponse response = responses.get(status);
      if (response == null) {
        response = new ApiResponse();
        responses.addApiResponse(status, response);
      }
      StringBuilder text = new StringBuilder();
      if (response.getDescription() != null && !response.getDescription().isBlank()) {
        text.append(response.getDescription().strip()).append("\n\n");
      }
      Map<String, Example> examples = new LinkedHashMap<>();
      for (ApiErrorCode code : entry.getValue()) {
        text.append("- `").append(code.name()).append("`: ").append(meaning(code, secured));
        text.append('\n');
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", sentence(code.meaning()));
        examples.put(code.name(), new Example().summary(code.meaning()).value(body));
      }
      response.setDescription(text.toString().strip());
      response.setContent(
          new Content()
              .addMediaType(
                  org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                  new MediaType()
                      .schema(new Schema<ApiError>().$ref(ERROR_SCHEMA))
                      .examples(examples)));
      if (entry.getValue().contains(ApiErrorCode.TOO_MANY_ATTEMPTS)
          || entry.getValue().contains(ApiErrorCode.DATABASE_UNAVAILABLE)) {
        response.addHeaderObject(
            "Retry-After",
            new Header()
                .description("Seconds to wait before trying again.")
                .schema(new IntegerSchema()));
      }
    }
  }

  private static String meaning(ApiErrorCode code, boolean secured) {
    if (!secured && code == ApiErrorCode.UNAUTHENTICATED) {
      return "a bearer token was sent and is invalid or expired (this operation needs none:"
          + " send no Authorization header)";
    }
    if (!secured && code == ApiErrorCode.TOKEN_REVOKED) {
      return "a bearer token was sent and has been revoked (this operation needs none)";
    }
    return code.meaning();
  }

  private static String sentence(String meaning) {
    return Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1);
  }

  /** The error codes' schema's description: each code, its status and what it means. */
  private static String codeList() {
    StringBuilder text = new StringBuilder("The stable code of an error answer:\n\n");
    Arrays.stream(ApiErrorCode.values())
        .sorted(Comparator.comparing(c -> c.status() == null ? 499 : c.status().value()))
        .forEach(
            code ->
                text.append("- `")
                    .append(code.name())
                    .append("` (")
                    .append(code.status() == null ? "4xx" : code.status().value())
                    .append("): ")
                    .append(code.meaning())
                    .append('\n'));
    return text.toString().strip();
  }
}
