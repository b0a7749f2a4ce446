package hokm.journal;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.type.SqlTypes;

/**
 * One entry of a game's move log. The log is append-only (the application role may not update or
 * delete it); replay reads it by {@code sequenceNumber}.
 */
@Entity
@Table(name = "game_moves")
public class GameMove {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(name = "game_session_id", nullable = false)
  private UUID gameSessionId;

  @Column(name = "player_id")
  private UUID playerId;

  private Short seat;

  @Column(name = "is_bot", nullable = false)
  private boolean bot;

  @Convert(converter = LowerCaseEnumConverters.Move.class)
  @Column(name = "move_type", nullable = false)
  private MoveType moveType;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "move_data", nullable = false)
  private String moveData;

  @Column(name = "sequence_number", nullable = false)
  private int sequenceNumber;

  @Column(name = "hand_number", nullable = false)
  private short handNumber;

  @Column(name = "trick_number")
  private Short trickNumber;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected GameMove() {}

  /**
   * @param playerId the human who moved, or null for a bot or a table move
   * @param seat the seat that moved, or null for a table move (forfeit, stop)
   * @param trickNumber 1..13 for a played card, otherwise null
   */
  public GameMove(
      UUID gameSessionId,
      int sequenceNumber,
      MoveType moveType,
      String moveDataJson,
      UUID playerId,
      Integer seat,
      boolean bot,
      int handNumber,
      Integer trickNumber,
      Instant createdAt) {
    this.gameSessionId = gameSessionId;
    this.sequenceNumber = sequenceNumber;
    this.moveType = moveType;
    this.moveData = moveDataJson;
    this.playerId = playerId;
    this.seat = seat == null ? null : seat.shortValue();
    this.bot = bot;
    this.handNumber = (short) handNumber;
    this.trickNumber = trickNumber == null ? null : trickNumber.shortValue();
    this.createdAt = createdAt;
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

  public Integer getSeat() {
    return seat == null ? null : seat.intValue();
  }

  public boolean isBot() {
    return bot;
  }

  public MoveType getMoveType() {
    return moveType;
  }

  public String getMoveData() {
    return moveData;
  }

  public int getSequenceNumber() {
    return sequenceNumber;
  }

  public int getHandNumber() {
    return handNumber;
  }

  public Integer getTrickNumber() {
    return trickNumber == null ? null : trickNumber.intValue();
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
