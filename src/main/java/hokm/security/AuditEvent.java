package hokm.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One sensitive event for the audit log.
 *
 * @param event what happened, e.g. {@code auth.login} (lower case, dots and underscores)
 * @param outcome {@code success}, {@code failure} or {@code refused}
 * @param playerId the player concerned, when known
 * @param subject the name given, when the player is not known (a failed login); at most 64 chars
 * @param ip the client's address as the server sees it (after trusted proxies)
 * @param detail a few short facts; keys and values are cut to 64 and 200 characters, at most 8
 */
public record AuditEvent(
    String event,
    String outcome,
    UUID playerId,
    String subject,
    String ip,
    Map<String, String> detail) {

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String REFUSED = "refused";

  public AuditEvent {
    subject = cut(subject, 64);
    ip = cut(ip, 64);
    Map<String, String> bounded = new LinkedHashMap<>();
    if (detail != null) {
      for (Map.Entry<String, String> e : detail.entrySet()) {
        if (bounded.size() == 8) {
          break;
        }
        bounded.put(cut(e.getKey(), 64), cut(e.getValue(), 200));
      }
    }
    detail = Map.copyOf(bounded);
  }

  public static AuditEvent of(String event, String outcome, UUID playerId, String ip) {
    return new AuditEvent(event, outcome, playerId, null, ip, Map.of());
  }

  public AuditEvent with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(detail);
    more.put(key, value);
    return new AuditEvent(event, outcome, playerId, subject, ip, more);
  }

  public AuditEvent subject(String name) {
    return new AuditEvent(event, outcome, playerId, name, ip, detail);
  }

  private static String cut(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max);
  }
}
