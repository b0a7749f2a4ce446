package hokm.table.internal;

import hokm.security.AuditEvent;
import hokm.security.AuditLog;
import hokm.table.Lobby;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * Operators end a table on the management port: {@code DELETE /actuator/tables/{tableId}} (HTTP
 * Basic as the operator, see docs/operations.md). The game in play ends as {@code aborted}, its
 * players are told ({@code game_over}, {@code table_closed}), and the audit log records who did it.
 */
@Component
@Endpoint(id = "tables")
class OperatorEndpoint {
  private final Lobby lobby;
  private final AuditLog audit;

  OperatorEndpoint(Lobby lobby, AuditLog audit) {
    this.lobby = lobby;
    this.audit = audit;
  }

  @DeleteOperation
  public WebEndpointResponse<Map<String, String>> abort(
      @Selector String tableId, Principal operator) {
    UUID id;
    try {
      id = UUID.fromString(tableId);
    } catch (IllegalArgumentException e) {
      return new WebEndpointResponse<>(
          Map.of("code", "VALIDATION", "message", "A table id is a UUID."),
          WebEndpointResponse.STATUS_BAD_REQUEST);
    }
    boolean found = lobby.abort(id);
    audit.record(
        new AuditEvent(
            "operator.table_aborted",
            found ? "success" : "failure",
            null,
            operator == null ? null : operator.getName(),
            null,
            Map.of("table", id.toString())));
    if (!found) {
      return new WebEndpointResponse<>(
          Map.of("code", "NOT_FOUND", "message", "No open table with this id on this instance."),
          WebEndpointResponse.STATUS_NOT_FOUND);
    }
    return new WebEndpointResponse<>(
        Map.of("table", id.toString(), "status", "aborted"), WebEndpointResponse.STATUS_OK);
  }
}
