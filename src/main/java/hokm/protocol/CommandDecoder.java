package hokm.protocol;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a parsed client frame into a {@link ClientCommand}, or says exactly what is wrong with it.
 * In two steps, because the server answers some questions in between: {@link #envelope} reads the
 * frame's {@code id} and {@code type}; {@link #command} reads the rest.
 *
 * <p>JSON types are strict: a number is never read from a string, a whole number never from a
 * fraction, a boolean never from a number, a string never from anything else.
 */
public final class CommandDecoder {

  /** What {@link #envelope} or {@link #command} found. */
  public sealed interface Decoded {}

  /** A frame of a known type whose fields are all valid. */
  public record Valid(ClientCommand command) implements Decoded {}

  /**
   * A frame that breaks the protocol: {@code message} says how; {@code field} names the field at
   * fault (null when the fault is the frame's shape, or a rule about several fields).
   */
  public record Invalid(String replyTo, String field, String message) implements Decoded {}

  /** A well-formed frame whose type the protocol does not have. */
  public record UnknownType(String replyTo) implements Decoded {}

  /** The frame's id and type, before the rest is read. */
  public record Envelope(String replyTo, String type) implements Decoded {}

  static final String NOT_AN_OBJECT = "A frame is a JSON object with a type.";
  static final String NO_TYPE = "type is required and must be a string.";
  static final String WRONG_TYPE = "A field has the wrong JSON type; see the protocol.";

  private final JsonMapper json;
  private final Validator validator;

  public CommandDecoder(Validator validator) {
    this.validator = validator;
    this.json =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(
                config -> {
                  config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                  config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                  config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                  config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                  config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                  config.setCoercion(CoercionInputShape.Array, CoercionAction.Fail);
                })
            .build();
  }

  /** The frame's id (echoed as replyTo) and type, or why they are unusable. */
  public Decoded envelope(JsonNode frame) {
    if (!frame.isObject()) {
      return new Invalid(null, null, NOT_AN_OBJECT);
    }
    JsonNode idNode = frame.get("id");
    String replyTo = null;
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isString() || idNode.stringValue().length() > ClientCommand.MAX_ID_LENGTH) {
        return new Invalid(null, "id", ClientCommand.ID);
      }
      replyTo = idNode.stringValue();
    }
    JsonNode typeNode = frame.get("type");
    if (typeNode == null || !typeNode.isString()) {
      return new Invalid(replyTo, "type", NO_TYPE);
    }
    return new Envelope(replyTo, typeNode.stringValue());
  }

  /** The whole command, for a frame whose {@link #envelope} was readable. */
  public Decoded command(JsonNode frame, String replyTo) {
    ClientCommand command;
    try {
      command = json.treeToValue(frame, ClientCommand.class);
    } catch (InvalidTypeIdException e) {
      return new UnknownType(replyTo);
    } catch (JacksonException e) {
      return mismatch(frame, e, replyTo);
    }
    Set<ConstraintViolation<ClientCommand>> violations = validator.validate(command);
    if (violations.isEmpty()) {
      return new Valid(command);
    }
    // Several fields may be wrong: the client hears of the first, in the protocol's field order.
    List<RecordComponent> order = List.of(command.getClass().getRecordComponents());
    ConstraintViolation<ClientCommand> first =
        violations.stream()
            .min(
                Comparator.comparingInt((ConstraintViolation<ClientCommand> v) -> rank(order, v))
                    .thenComparing(ConstraintViolation::getMessage))
            .orElseThrow();
    String field = rootField(first.getPropertyPath());
    boolean isComponent = order.stream().anyMatch(c -> c.getName().equals(field));
    return new Invalid(replyTo, isComponent ? field : null, first.getMessage());
  }

  private static int rank(List<RecordComponent> order, ConstraintViolation<?> violation) {
    String field = rootField(violation.getPropertyPath());
    for (int i = 0; i < order.size(); i++) {
      if (order.get(i).getName().equals(field)) {
        return i;
      }
    }
    return order.size();
  }

  private static String rootField(Path path) {
    for (Path.Node node : path) {
      return node.getName();
    }
    return null;
  }

  /** A field of the wrong JSON type: the words of its {@link Mismatch}. */
  private Invalid mismatch(JsonNode frame, JacksonException e, String replyTo) {
    Class<?> type = commandClass(frame.get("type").stringValue());
    String root = null;
    Mismatch words = null;
    for (JacksonException.Reference reference : e.getPath()) {
      String name = reference.getPropertyName();
      if (name == null || type == null || !type.isRecord()) {
        break;
      }
      RecordComponent component = component(type, name);
      if (component == null) {
        break;
      }
      if (root == null) {
        root = name;
      }
      Mismatch here = component.getAnnotation(Mismatch.class);
      if (here != null) {
        words = here;
      }
      type = component.getType();
    }
    return new Invalid(replyTo, root, words == null ? WRONG_TYPE : words.value());
  }

  private static RecordComponent component(Class<?> record, String jsonName) {
    for (RecordComponent component : record.getRecordComponents()) {
      com.fasterxml.jackson.annotation.JsonProperty renamed =
          // @JsonProperty does not target record components: it lands on the accessor.
          component
              .getAccessor()
              .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      String name =
          renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
      if (name.equals(jsonName)) {
        return component;
      }
    }
    return null;
  }

  private static Class<?> commandClass(String type) {
    for (com.fasterxml.jackson.annotation.JsonSubTypes.Type subtype :
        ClientCommand.class
            .getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class)
            .value()) {
      if (subtype.name().equals(type)) {
        return subtype.value();
      }
    }
    return null;
  }
}
