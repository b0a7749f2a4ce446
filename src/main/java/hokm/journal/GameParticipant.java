package hokm.journal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** A seat at a game, held by a player or by a bot (which has no player row). */
@Entity
@Table(name = "game_participants")
public class GameParticipant {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(name = "game_session_id", nullable = false)
  private UUID gameSessionId;

  @Column(name = "player_id")
  private UUID playerId;

  @Column(nullable = false)
  private short position;

  @Column(nullable = false)
  private short team;

  @Column(name = "is_bot", nullable = false)
  private boolean bot;

  @Column(name = "bot_kind")
  private String botKind;

  @Column(name = "is_connected", nullable = false)
  private boolean connected;

  @Column(name = "joined_at", nullable = false)
  private Instant joinedAt;

  @Column(name = "left_at")
  private Instant leftAt;

  protected GameParticipant() {}

  private GameParticipant(
      UUID gameSessionId, UUID playerId, int position, String botKind, boolean connected) {
    this.gameSessionId = gameSessionId;
    this.playerId = playerId;
    this.position = (short) position;
    // Partners sit opposite: seats 0 and 2 are team 1.
    this.team = (short) (position % 2 + 1);
    this.bot = playerId == null;
    this.botKind = botKind;
    this.connected = connected;
    this.joinedAt = Instant.now();
  }

  public static GameParticipant player(UUID gameSessionId, UUID playerId, int position) {
    return new GameParticipant(gameSessionId, playerId, position, null, true);
  }

  public static GameParticipant bot(UUID gameSessionId, int position, String botKind) {
    return new GameParticipant(gameSessionId, null, position, botKind, false);
  }

  public UUID getId() {
    return id;
  }

  public UUID getGameSessionId() {
    return gameSessionId;
  }

  public UUID getPlayerId() {
    return playerId;
  }

  public int getPosition() {
    return position;
  }

  public int getTeam() {
    return team;
  }

  public boolean isBot() {
    return bot;
  }

  public String getBotKind() {
    return botKind;
  }

  public boolean isConnected() {
    return connected;
  }

  public void setConnected(boolean connected) {
    this.connected = connected;
  }

  public Instant getJoinedAt() {
    return joinedAt;
  }

  public Instant getLeftAt() {
    return leftAt;
  }

  public void leave(Instant at) {
    this.leftAt = at;
    this.connected = false;
  }
}
