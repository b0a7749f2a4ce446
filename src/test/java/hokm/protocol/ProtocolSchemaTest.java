package hokm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/protocol/client-frames.schema.json is the one the records generate; every example frame of
 * docs/protocol.md is valid by it and decodes to its command.
 */
class ProtocolSchemaTest {

  @Test
  void theCommittedSchemaIsTheOneTheRecordsGenerate() throws IOException {
    String generated = ProtocolSchema.pretty(ProtocolSchema.generateClientFrames());
    if (Boolean.getBoolean("hokm.docs.write")) {
      Files.createDirectories(ProtocolSchema.CLIENT_FRAMES.getParent());
      Files.writeString(ProtocolSchema.CLIENT_FRAMES, generated);
    }
    assertThat(ProtocolSchema.read(Files.readString(ProtocolSchema.CLIENT_FRAMES)))
        .as(
            "docs/protocol/client-frames.schema.json; run mvn test -Dtest=ProtocolSchemaTest"
                + " -Dhokm.docs.write=true")
        .isEqualTo(ProtocolSchema.read(generated));
  }

  @Test
  void everyExampleFrameOfTheProtocolDocumentIsValidAndDecodes() throws IOException {
    List<JsonNode> examples = clientExamples();
    assertThat(examples).as("the client examples in docs/protocol.md").hasSizeGreaterThan(10);
    Schema schema = ProtocolSchema.committedClientFrames();
    try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
      CommandDecoder decoder = new CommandDecoder(validation.getValidator());
      for (JsonNode frame : examples) {
        assertThat(ProtocolSchema.problems(schema, frame)).as(frame.toString()).isEmpty();
        CommandDecoder.Decoded envelope = decoder.envelope(frame);
        assertThat(envelope).isInstanceOf(CommandDecoder.Envelope.class);
        assertThat(decoder.command(frame, ((CommandDecoder.Envelope) envelope).replyTo()))
            .as(frame.toString())
            .isInstanceOf(CommandDecoder.Valid.class);
      }
    }
  }

  /** The lines of the first JSON block after "## Client to server" that are frames. */
  private static List<JsonNode> clientExamples() throws IOException {
    String doc = Files.readString(Path.of("docs", "protocol.md"));
    int section = doc.indexOf("## Client to server");
    int start = doc.indexOf("```json", section);
    int end = doc.indexOf("```", start + 7);
    List<JsonNode> frames = new ArrayList<>();
    for (String line : doc.substring(start + 7, end).strip().split("\n")) {
      if (line.startsWith("{")) {
        frames.add(ProtocolSchema.read(line));
      }
    }
    return frames;
  }
}
