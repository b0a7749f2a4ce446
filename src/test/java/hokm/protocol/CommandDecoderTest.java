package hokm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every client frame is read strictly, and a bad one is answered with its field's own words. */
class CommandDecoderTest {
  private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
  private static final CommandDecoder DECODER = new CommandDecoder(VALIDATION.getValidator());
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Schema SCHEMA = ProtocolSchema.committedClientFrames();

  @AfterAll
  static void close() {
    VALIDATION.close();
  }

  private static CommandDecoder.Decoded decode(String frame) {
    JsonNode tree = JSON.readTree(frame);
    CommandDecoder.Decoded envelope = DECODER.envelope(tree);
    if (!(envelope instanceof CommandDecoder.Envelope known)) {
      return envelope;
    }
    return DECODER.command(tree, known.replyTo());
  }

  @Test
  void validFramesBecomeTheirCommandsWithEveryField() {
    assertThat(decode("{\"type\":\"hello\",\"id\":\"1\",\"token\":\"abc\"}"))
        .isEqualTo(new CommandDecoder.Valid(new ClientCommand.Hello("1", "abc")));
    assertThat(
            decode(
                "{\"type\":\"create_table\",\"private\":true,\"targetPoints\":13,\"kot\":false,"
                    + "\"turnSeconds\":30,\"fillWithBots\":true,\"botLevel\":\"hard\","
                    + "\"somethingNew\":[1,2]}"))
        .isEqualTo(
            new CommandDecoder.Valid(
                new ClientCommand.CreateTable(null, true, 13, false, 30, true, "hard")));
    assertThat(
            decode(
                "{\"type\":\"join_table\",\"tableId\":\"6f1c2d7e-4c1b-4d1e-9a3f-0b5e8c2d1a77\","
                    + "\"seat\":3}"))
        .isEqualTo(
            new CommandDecoder.Valid(
                new ClientCommand.JoinTable(
                    null, null, "6f1c2d7e-4c1b-4d1e-9a3f-0b5e8c2d1a77", 3)));
    assertThat(
            decode(
                "{\"type\":\"play_card\",\"id\":\"9\",\"card\":{\"suit\":\"spades\",\"rank\":\"10\"}}"))
        .isEqualTo(
            new CommandDecoder.Valid(
                new ClientCommand.PlayCard("9", new WireCard("spades", "10"))));
    assertThat(decode("{\"type\":\"quick_match\",\"fillWithBots\":null}"))
        .isEqualTo(new CommandDecoder.Valid(new ClientCommand.QuickMatch(null, null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[1]| A frame is a JSON object with a type. | schema",
        "{}| type is required and must be a string. | schema",
        "{\"type\":7}| type is required and must be a string. | schema",
        "{\"type\":\"ping\",\"id\":5}| id must be a string of at most 64 characters. | schema",
        "{\"type\":\"hello\"}| hello needs a token (a string). | schema",
        "{\"type\":\"hello\",\"token\":123}| hello needs a token (a string). | schema",
        "{\"type\":\"hello\",\"token\":\"\"}| hello needs a token (a string). | schema",
        "{\"type\":\"hello\",\"token\":{\"a\":1}}| hello needs a token (a string). | schema",
        "{\"type\":\"create_table\",\"targetPoints\":\"7\"}| targetPoints must be a whole number from 1 to 13. | schema",
        "{\"type\":\"create_table\",\"targetPoints\":7.5}| targetPoints must be a whole number from 1 to 13. | schema",
        "{\"type\":\"create_table\",\"targetPoints\":7.0}| targetPoints must be a whole number from 1 to 13. | server",
        "{\"type\":\"create_table\",\"targetPoints\":14}| targetPoints must be a whole number from 1 to 13. | schema",
        "{\"type\":\"create_table\",\"targetPoints\":99999999999}| targetPoints must be a whole number from 1 to 13. | schema",
        "{\"type\":\"create_table\",\"private\":\"yes\"}| private must be true or false. | schema",
        "{\"type\":\"create_table\",\"kot\":1}| kot must be true or false. | schema",
        "{\"type\":\"create_table\",\"turnSeconds\":[30]}| turnSeconds must be a whole number. | schema",
        "{\"type\":\"quick_match\",\"fillWithBots\":\"true\"}| fillWithBots must be true or false. | schema",
        "{\"type\":\"quick_match\",\"botLevel\":\"HARD\"}| `botLevel must be \"easy\", \"normal\" or \"hard\".` | schema",
        "{\"type\":\"quick_match\",\"botLevel\":3}| `botLevel must be \"easy\", \"normal\" or \"hard\".` | schema",
        "{\"type\":\"join_table\"}| join_table needs code or tableId. | server",
        "{\"type\":\"join_table\",\"code\":\"AB-12\"}| code must be letters and digits. | schema",
        "{\"type\":\"join_table\",\"code\":\"\"}| code must be letters and digits. | schema",
        "{\"type\":\"join_table\",\"code\":\"ABC\",\"seat\":4}| seat must be a whole number from 0 to 3. | schema",
        "{\"type\":\"join_table\",\"code\":\"ABC\",\"seat\":\"1\"}| seat must be a whole number from 0 to 3. | schema",
        "{\"type\":\"join_table\",\"tableId\":\"b8JdLK5eEeOE6ycA9ckdNg==\"}| tableId must be a table's id. | schema",
        "{\"type\":\"spectate\"}| spectate needs tableId or code. | server",
        "{\"type\":\"spectate\",\"tableId\":42}| tableId must be a table's id. | schema",
        "{\"type\":\"choose_trump\"}| suit must be one of spades, hearts, diamonds, clubs. | schema",
        "{\"type\":\"choose_trump\",\"suit\":\"Hearts\"}| suit must be one of spades, hearts, diamonds, clubs. | schema",
        "{\"type\":\"play_card\"}| `card must be an object like {\"suit\":\"hearts\",\"rank\":\"A\"}.` | schema",
        "{\"type\":\"play_card\",\"card\":\"AH\"}| `card must be an object like {\"suit\":\"hearts\",\"rank\":\"A\"}.` | schema",
        "{\"type\":\"play_card\",\"card\":{\"suit\":1,\"rank\":\"A\"}}| suit must be one of spades, hearts, diamonds, clubs. | schema",
        "{\"type\":\"play_card\",\"card\":{\"suit\":\"hearts\",\"rank\":\"1\"}}| rank must be one of 2..10, J, Q, K, A. | schema",
        "{\"type\":\"play_card\",\"card\":{\"suit\":\"hearts\"}}| rank must be one of 2..10, J, Q, K, A. | schema",
      })
  void aBadFrameIsRefusedWithTheWordsOfItsFirstBadField(
      String frame, String message, String knownTo) {
    CommandDecoder.Decoded decoded = decode(frame);
    assertThat(decoded).isInstanceOf(CommandDecoder.Invalid.class);
    assertThat(((CommandDecoder.Invalid) decoded).message()).isEqualTo(message);
    // The schema says so too, but for the rules only the server checks: a field needed when
    // another is absent, and a whole number written with a fraction (JSON Schema's integer
    // takes 7.0; this server does not).
    List<String> problems = ProtocolSchema.problems(SCHEMA, JSON.readTree(frame));
    if (knownTo.equals("schema")) {
      assertThat(problems).as("the schema refuses " + frame).isNotEmpty();
    } else {
      assertThat(problems).as("the schema cannot tell " + frame).isEmpty();
    }
  }

  @Test
  void severalBadFieldsAreReportedInTheProtocolsFieldOrder() {
    CommandDecoder.Decoded decoded =
        decode("{\"type\":\"create_table\",\"targetPoints\":0,\"botLevel\":\"x\"}");
    assertThat(((CommandDecoder.Invalid) decoded).message())
        .isEqualTo("targetPoints must be a whole number from 1 to 13.");
    assertThat(((CommandDecoder.Invalid) decoded).field()).isEqualTo("targetPoints");
  }

  @Test
  void anUnknownTypeIsToldApartFromABadFrameAndKeepsItsId() {
    assertThat(decode("{\"type\":\"fly\",\"id\":\"x\"}"))
        .isEqualTo(new CommandDecoder.UnknownType("x"));
  }

  @Test
  void theIdOfAFrameWithABadFieldIsStillEchoed() {
    CommandDecoder.Decoded decoded = decode("{\"type\":\"join_table\",\"id\":\"7\"}");
    assertThat(((CommandDecoder.Invalid) decoded).replyTo()).isEqualTo("7");
  }
}
