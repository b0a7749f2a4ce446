package hokm.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A frame to send to a client, before encoding: a type and JSON-ready fields (strings, numbers,
 * booleans, null, lists and maps of those). One message may go to many clients, so it keeps its
 * encoded form once computed.
 */
public final class Message {
  private final String type;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private volatile String encoded;

  private Message(String type) {
    this.type = type;
  }

  public static Message of(String type) {
    return new Message(type);
  }

  public static Message error(ErrorCode code, String message, String replyTo) {
    Message error = of("error").put("code", code.name()).put("message", message);
    return replyTo == null ? error : error.put("replyTo", replyTo);
  }

  public Message put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  public String type() {
    return type;
  }

  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  public Object get(String name) {
    return fields.get(name);
  }

  /** The encoded form, computed by {@code encoder} the first time it is asked for. */
  public String encoded(java.util.function.Function<Message, String> encoder) {
    String text = encoded;
    if (text == null) {
      text = encoder.apply(this);
      encoded = text;
    }
    return text;
  }

  @Override
  public String toString() {
    return type + fields;
  }
}
