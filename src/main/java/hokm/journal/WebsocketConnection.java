package hokm.journal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** One WebSocket connection of a player, from connect to disconnect. */
@Entity
@Table(name = "websocket_connections")
public class WebsocketConnection {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(name = "player_id", nullable = false)
  private UUID playerId;

  @Column(name = "connection_id", nullable = false)
  private String connectionId;

  @Column(name = "connected_at", nullable = false)
  private Instant connectedAt;

  @Column(name = "last_ping")
  private Instant lastPing;

  @Column(name = "disconnected_at")
  private Instant disconnectedAt;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  protected WebsocketConnection() {}

  public WebsocketConnection(UUID playerId, String connectionId, Instant connectedAt) {
    this.playerId = playerId;
    this.connectionId = connectionId;
    this.connectedAt = connectedAt;
    this.active = true;
  }

  public void ping(Instant at) {
    this.lastPing = at;
  }

  public void disconnect(Instant at) {
    this.disconnectedAt = at;
    this.active = false;
  }

  public UUID getId() {
    return id;
  }

  public UUID getPlayerId() {
    return playerId;
  }

  public String getConnectionId() {
    return connectionId;
  }

  public Instant getConnectedAt() {
    return connectedAt;
  }

  public Instant getLastPing() {
    return lastPing;
  }

  public Instant getDisconnectedAt() {
    return disconnectedAt;
  }

  public boolean isActive() {
    return active;
  }
}
