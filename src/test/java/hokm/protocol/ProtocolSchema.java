package hokm.protocol;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of the frames clients send, as generated from {@link ClientCommand}'s records,
 * and the committed copy under docs/protocol that client authors read.
 */
public final class ProtocolSchema {
  public static final Path CLIENT_FRAMES = Path.of("docs", "protocol", "client-frames.schema.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProtocolSchema() {}

  /** The schema the records give today. */
  public static ObjectNode generateClientFrames() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonSchemaModule())
            .with(
                new JakartaValidationModule(
                    JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                    JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
            .with(Option.NULLABLE_FIELDS_BY_DEFAULT);
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(ClientCommand.class);
    schema.put("$id", "https://hokm.example/protocol/v1/client-frames.schema.json");
    schema.put(
        "title",
        "Hokm protocol v1: a frame from client to server (generated from hokm.protocol.ClientCommand)");
    return schema;
  }

  /** The committed schema, ready to validate frames with. */
  public static Schema committedClientFrames() {
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(Files.readString(CLIENT_FRAMES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with a frame by the committed schema (nothing, when it is valid). */
  public static List<String> problems(Schema schema, JsonNode frame) {
    return schema.validate(frame).stream().map(Object::toString).toList();
  }

  static String pretty(JsonNode schema) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
  }

  static JsonNode read(String text) {
    return JSON.readTree(text);
  }
}
