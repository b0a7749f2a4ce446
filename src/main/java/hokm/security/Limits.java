package hokm.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts abuse limits as they fire: {@code hokm_limits_triggered_total{limit="..."}}. The names are
 * the constants below, listed in docs/security.md.
 */
@Component
public class Limits {
  public static final String MESSAGE_RATE = "message_rate";
  public static final String FLOOD = "flood";
  public static final String FRAME_SIZE = "frame_size";
  public static final String OUTBOUND_BUFFER = "outbound_buffer";
  public static final String CONNECTION_RATE = "connection_rate";
  public static final String SOCKETS_PER_IP = "sockets_per_ip";
  public static final String IDLE = "idle";
  public static final String TOKEN_EXPIRED = "token_expired";
  public static final String TABLES_PER_MINUTE = "tables_per_minute";
  public static final String LOGIN_ATTEMPTS = "login_attempts";
  public static final String REGISTRATIONS = "registrations";
  public static final String GUESTS = "guests";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public Limits(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One more time this limit refused something. */
  public void triggered(String limit) {
    counters
        .computeIfAbsent(
            limit,
            name ->
                Counter.builder("hokm.limits.triggered")
                    .description("Requests, frames or sockets refused by an abuse limit")
                    .tag("limit", name)
                    .register(registry))
        .increment();
  }

  /** How often this limit fired since start-up. */
  public double count(String limit) {
    Counter counter = counters.get(limit);
    return counter == null ? 0 : counter.count();
  }
}
