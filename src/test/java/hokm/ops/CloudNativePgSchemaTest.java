package hokm.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates the {@code spec} of every CloudNativePG object under {@code k8s/} against the {@code
 * openAPIV3Schema} of the operator's CRD in {@code src/test/resources/crds/} (see the README there
 * for the version), the way the API server does on {@code kubectl apply}:
 *
 * <ul>
 *   <li>the manifests are read as kubectl reads them: YAML 1.1 scalars, so an unquoted {@code on}
 *       or {@code yes} is a boolean, while dates stay strings;
 *   <li>an unknown field is an error (kubectl's default strict field validation), so every object
 *       schema without {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields}
 *       is closed;
 *   <li>a list of {@code x-kubernetes-list-type: set} has unique items;
 *   <li>a required field that has a default is filled in before validation, so it may be left out.
 * </ul>
 *
 * Not checked: the CEL rules ({@code x-kubernetes-validations}), the unique keys of lists of type
 * "map", and what only the operator's webhook checks. The typed checks of all objects are in {@link
 * KubernetesManifestsTest}.
 */
class CloudNativePgSchemaTest {

  private static final Path K8S = Path.of("k8s");
  private static final Path CRDS = Path.of("src/test/resources/crds");
  private static final String GROUP = "postgresql.cnpg.io";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** "apiVersion kind" to the schema of its spec. */
  private static final Map<String, Schema> SPEC_SCHEMAS = new HashMap<>();

  @BeforeAll
  static void loadCrds() throws IOException {
    YAMLMapper yaml = YAMLMapper.builder().build();
    // Kubernetes' structural schemas are OpenAPI 3.0 schemas with x-kubernetes-* extensions; those
    // that matter here are applied by asTheApiServerValidates, the rest only describe.
    Dialect crdDialect =
        Dialect.builder(Dialects.getOpenApi30())
            .keywords(
                Stream.of(
                        "embedded-resource",
                        "int-or-string",
                        "list-map-keys",
                        "list-type",
                        "map-type",
                        "preserve-unknown-fields",
                        "validations")
                    .map(k -> new NonValidationKeyword("x-kubernetes-" + k))
                    .toList())
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            crdDialect,
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    List<Path> files;
    try (Stream<Path> s = Files.list(CRDS)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode crd = yaml.readTree(f.toFile());
      assertThat(crd.path("kind").asString())
          .as(f.toString())
          .isEqualTo("CustomResourceDefinition");
      String group = crd.path("spec").path("group").asString();
      String kind = crd.path("spec").path("names").path("kind").asString();
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (!version.path("served").asBoolean()) {
          continue;
        }
        JsonNode spec =
            version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
        assertThat(spec.isObject()).as("%s %s has a spec schema", f, kind).isTrue();
        JsonNode strict = spec.deepCopy();
        asTheApiServerValidates(strict);
        SPEC_SCHEMAS.put(
            group + "/" + version.path("name").asString() + " " + kind, registry.getSchema(strict));
      }
    }
    assertThat(SPEC_SCHEMAS).hasSizeGreaterThanOrEqualTo(3);
  }

  /**
   * Closes object schemas (unknown fields are errors) and drops required fields that the API server
   * defaults before it validates.
   */
  private static void asTheApiServerValidates(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      if (node instanceof ArrayNode list) {
        list.forEach(CloudNativePgSchemaTest::asTheApiServerValidates);
      }
      return;
    }
    JsonNode properties = schema.path("properties");
    boolean object = schema.path("type").asString("").equals("object") || properties.isObject();
    if (object
        && !schema.has("additionalProperties")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      schema.put("additionalProperties", false);
    }
    if (schema.path("x-kubernetes-list-type").asString("").equals("set")) {
      schema.put("uniqueItems", true);
    }
    if (schema.get("required") instanceof ArrayNode required) {
      ArrayNode kept = required.arrayNode();
      required.forEach(
          r -> {
            if (!properties.path(r.asString()).has("default")) {
              kept.add(r);
            }
          });
      schema.set("required", kept);
    }
    properties.forEach(CloudNativePgSchemaTest::asTheApiServerValidates);
    for (String key : List.of("items", "additionalProperties", "not", "anyOf", "allOf", "oneOf")) {
      if (schema.has(key)) {
        asTheApiServerValidates(schema.get(key));
      }
    }
  }

  /**
   * YAML 1.1 scalars as kubectl (go-yaml v2) reads them: booleans include on/off and yes/no,
   * integers and floats have no base-60 forms, and timestamps are left as strings.
   */
  private static final class KubectlResolver extends Resolver {
    private static final Pattern INT =
        Pattern.compile(
            "^(?:[-+]?0b_*[0-1][0-1_]*|[-+]?0_*[0-7][0-7_]*|[-+]?(?:0|[1-9][0-9_]*)"
                + "|[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*)$");
    private static final Pattern FLOAT =
        Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
                + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
                + "|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
                + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }

  /** The objects of one manifest's text, as kubectl sends them. */
  private static List<JsonNode> read(String text) {
    LoaderOptions options = new LoaderOptions();
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new KubectlResolver());
    List<JsonNode> objects = new ArrayList<>();
    for (Object doc : yaml.loadAll(text)) {
      if (doc != null) {
        objects.add(JSON.valueToTree(doc));
      }
    }
    return objects;
  }

  private static List<JsonNode> cnpgObjects(Path file) throws IOException {
    return read(Files.readString(file)).stream()
        .filter(o -> o.path("apiVersion").asString("").startsWith(GROUP + "/"))
        .toList();
  }

  static Stream<Arguments> manifests() throws IOException {
    List<Arguments> all = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(K8S)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      for (JsonNode o : cnpgObjects(f)) {
        String name = o.path("kind").asString() + " " + o.path("metadata").path("name").asString();
        all.add(Arguments.of(name + " (" + f + ")", o));
      }
    }
    return all.stream();
  }

  /** What the API server would refuse in the object's spec, one line each; empty when valid. */
  private static List<String> violations(JsonNode object) {
    String type = object.path("apiVersion").asString() + " " + object.path("kind").asString();
    Schema schema = SPEC_SCHEMAS.get(type);
    assertThat(schema).as("a CRD in %s for %s", CRDS, type).isNotNull();
    assertThat(object.path("spec").isObject()).as("%s has a spec", type).isTrue();
    List<String> lines = new ArrayList<>();
    for (Error e : schema.validate(object.path("spec"))) {
      // "spec.template.spec.containers.0", and the field itself for an unknown or missing one
      String where = "spec" + e.getInstanceLocation().toString().replace('/', '.');
      if (e.getProperty() != null
          && Set.of("additionalProperties", "required").contains(e.getKeyword())) {
        where += "." + e.getProperty();
      }
      lines.add(e.getKeyword() + " " + where + ": " + e.getMessage());
    }
    return lines;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void specIsValidForTheCrd(String name, JsonNode object) {
    assertThat(object.propertyNames())
        .as("%s top-level fields", name)
        .isSubsetOf("apiVersion", "kind", "metadata", "spec");
    assertThat(violations(object)).as("%s against its CRD schema", name).isEmpty();
  }

  @Test
  void theManifestsHaveTheClusterItsPoolerAndItsScheduledBackup() throws IOException {
    Set<String> kinds = new TreeSet<>();
    manifests().forEach(a -> kinds.add(((JsonNode) a.get()[1]).path("kind").asString()));
    assertThat(kinds).containsExactly("Cluster", "Pooler", "ScheduledBackup");
  }

  /**
   * One mistake put into a copy of a manifest (the text is changed in memory, k8s/ stays as it is)
   * is reported, and only that one: the field path and the kind of violation.
   */
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "cluster.yaml",
            "  instances: 2\n",
            "  instance: 2\n",
            "additionalProperties spec.instance"),
        Arguments.of(
            "cluster.yaml",
            "wal_compression: \"on\"",
            "wal_compression: on",
            "type spec.postgresql.parameters.wal_compression"),
        Arguments.of(
            "cluster.yaml",
            "      memory: 4Gi\n    limits:",
            "      memory: 4GB\n    limits:",
            "pattern spec.resources.requests.memory"),
        Arguments.of("cluster.yaml", "instances: 2", "instances: two", "type spec.instances"),
        Arguments.of("pooler.yaml", "type: rw", "type: readwrite", "enum spec.type"),
        Arguments.of(
            "pooler.yaml",
            "        - name: pgbouncer\n          resources:",
            "        - name: pgbouncer\n          resource:",
            "additionalProperties spec.template.spec.containers.0.resource"),
        Arguments.of(
            "scheduled-backup.yaml",
            "  schedule: \"0 30 2 * * *\"\n",
            "",
            "required spec.schedule"),
        Arguments.of(
            "scheduled-backup.yaml",
            "backupOwnerReference: self",
            "backupOwnerReference: me",
            "enum spec.backupOwnerReference"));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("mistakes")
  void aMistakeInACopyIsReported(String file, String from, String to, String expected)
      throws IOException {
    String text = Files.readString(K8S.resolve("postgres").resolve(file));
    assertThat(text.split(Pattern.quote(from), -1))
        .as("%s contains %s once", file, from)
        .hasSize(2);
    List<JsonNode> objects = read(text.replace(from, to));
    assertThat(objects).hasSize(1);
    assertThat(violations(read(text).get(0))).as("%s as it is", file).isEmpty();
    List<String> found = violations(objects.get(0));
    assertThat(found).as("%s with %s", file, to).hasSize(1);
    assertThat(found.get(0)).startsWith(expected + ":");
  }
}
