package hokm.journal.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name of this server instance ({@code hokm.instance-id}, by default the host name): tables are
 * restored only by the instance that held them.
 */
@Component
public class InstanceId {
  private final String value;

  public InstanceId(@Value("${hokm.instance-id:${HOSTNAME:local}}") String value) {
    this.value = value == null || value.isBlank() ? "local" : value;
  }

  public String value() {
    return value;
  }
}
