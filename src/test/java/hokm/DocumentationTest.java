package hokm;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.platform.ApiErrorCode;
import hokm.table.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The names a client or an operator depends on are documented: every error code the server can
 * answer, and every environment variable the server, Compose or Kubernetes reads.
 */
class DocumentationTest {
  private static final Path ROOT = Path.of(".");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path));
  }

  /** Every code: the HTTP API's and the WebSocket protocol's. */
  private static Set<String> errorCodes() {
    Set<String> codes = new TreeSet<>();
    for (ApiErrorCode code : ApiErrorCode.values()) {
      codes.add(code.name());
    }
    for (ErrorCode code : ErrorCode.values()) {
      codes.add(code.name());
    }
    return codes;
  }

  @Test
  void everyErrorCodeIsDocumented() throws IOException {
    String docs = read("README.md") + read("docs/protocol.md");
    Set<String> codes = errorCodes();
    assertThat(codes).contains("DATABASE_UNAVAILABLE", "GAME_NOT_FINISHED", "NOT_YOUR_TURN");
    List<String> missing = new ArrayList<>();
    for (String code : codes) {
      if (!docs.contains("`" + code + "`")) {
        missing.add(code);
      }
    }
    assertThat(missing).as("error codes missing from README.md and docs/protocol.md").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> variablesPassedToTheServer() throws IOException {
    Set<String> names = new TreeSet<>();
    Yaml yaml = new Yaml();
    for (String compose : List.of("docker-compose.yml", "docker-compose.prod.yml")) {
      Map<String, Object> file = yaml.load(read(compose));
      Map<String, Object> server =
          (Map<String, Object>) ((Map<String, Object>) file.get("services")).get("server");
      Object environment = server.get("environment");
      if (environment instanceof Map<?, ?> map) {
        map.keySet().forEach(k -> names.add(k.toString()));
      }
    }
    for (Object document : yaml.loadAll(read("k8s/server/configmap.yaml"))) {
      ((Map<String, Object>) ((Map<String, Object>) document).get("data"))
          .keySet()
          .forEach(names::add);
    }
    for (Object document : yaml.loadAll(read("k8s/server/deployment.yaml"))) {
      Map<String, Object> spec =
          (Map<String, Object>)
              ((Map<String, Object>)
                      ((Map<String, Object>) ((Map<String, Object>) document).get("spec"))
                          .get("template"))
                  .get("spec");
      for (Object container : (List<Object>) spec.get("containers")) {
        for (Object env : (List<Object>) ((Map<String, Object>) container).get("env")) {
          names.add((String) ((Map<String, Object>) env).get("name"));
        }
      }
    }
    return names;
  }

  /** The variables the server itself reads: its placeholders and its connection variables. */
  private static Set<String> variablesTheServerReads() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("src/main/resources"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        Matcher m = PLACEHOLDER.matcher(Files.readString(file));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    for (String prefix : List.of("DATABASE", "DATABASE_READ", "DATABASE_MIGRATION")) {
      for (String part : List.of("_URL", "_USERNAME", "_PASSWORD")) {
        names.add(prefix + part);
      }
    }
    names.add("REDIS_URL");
    return names;
  }

  @Test
  void everyEnvironmentVariableIsDocumented() throws IOException {
    String readme = read("README.md");
    String envExample = read(".env.example");
    Set<String> server = variablesTheServerReads();
    server.addAll(variablesPassedToTheServer());
    assertThat(server).contains("DATABASE_URL", "MANAGEMENT_PORT", "HOKM_GATEWAY_ALLOWED_ORIGINS");
    List<String> missing = new ArrayList<>();
    for (String name : server) {
      if (!readme.contains("`" + name + "`")) {
        missing.add(name);
      }
    }
    assertThat(missing).as("server variables missing from the README's table").isEmpty();

    // What Compose reads from the operator's environment (.env).
    Set<String> compose = new TreeSet<>();
    for (String file :
        List.of(
            "docker-compose.yml",
            "docker-compose.prod.yml",
            "docker-compose.override.yml",
            "docker-compose.backup-s3.yml")) {
      Matcher m = PLACEHOLDER.matcher(read(file));
      while (m.find()) {
        compose.add(m.group(1));
      }
    }
    assertThat(compose).contains("JWT_SECRET", "REDIS_MEMORY_LIMIT_MB", "BACKUP_BUCKET");
    List<String> undocumented = new ArrayList<>();
    for (String name : compose) {
      if (!Pattern.compile("(?m)^#?\\s*" + name + "=").matcher(envExample).find()) {
        undocumented.add(name);
      }
    }
    assertThat(undocumented).as("Compose variables missing from .env.example").isEmpty();
  }
}
