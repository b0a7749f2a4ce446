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
 * One game at one table: what it is dealt from, its rules, its state snapshot, and how it ended.
 * The deal secret (column {@code deal_secret}) is read by the journal's own SQL only and is not
 * mapped here; {@code seed} is set only for games recorded before deal secrets.
 */
@Entity
@Table(name = "game_sessions")
public class GameSession {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(name = "room_id", nullable = false)
  private String roomId;

  @Column(name = "session_key", nullable = false)
  private String sessionKey;

  @Convert(converter = LowerCaseEnumConverters.Status.class)
  @Column(nullable = false)
  private GameStatus status = GameStatus.WAITING;

  private Long seed;

  @Column(name = "target_points", nullable = false)
  private short targetPoints;

  @Column(name = "kot_scoring", nullable = false)
  private boolean kotScoring;

  @Column(name = "is_private", nullable = false)
  private boolean privateGame;

  @Column(name = "join_code")
  private String joinCode;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "game_state")
  private String gameState;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private String scores = "{\"team1\": 0, \"team2\": 0}";

  @Convert(converter = LowerCaseEnumConverters.EndReason.class)
  @Column(name = "end_reason")
  private GameEndReason endReason;

  @Column(name = "winner_team")
  private Short winnerTeam;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  protected GameSession() {}

  public GameSession(
      String roomId, String sessionKey, long seed, int targetPoints, boolean kotScoring) {
    this.roomId = roomId;
    this.sessionKey = sessionKey;
    this.seed = seed;
    this.targetPoints = (short) targetPoints;
    this.kotScoring = kotScoring;
    this.createdAt = Instant.now();
  }

  public void start(Instant at) {
    this.status = GameStatus.ACTIVE;
    this.startedAt = at;
  }

  /** Records the end; {@code winnerTeam} is null for abandoned and aborted games. */
  public void end(GameEndReason reason, Integer winnerTeam, Instant at) {
    this.status =
        reason == GameEndReason.FINISHED || reason == GameEndReason.FORFEIT
            ? GameStatus.COMPLETED
            : GameStatus.ABANDONED;
    this.endReason = reason;
    this.winnerTeam = winnerTeam == null ? null : winnerTeam.shortValue();
    this.completedAt = at;
  }

  public UUID getId() {
    return id;
  }

  public String getRoomId() {
    return roomId;
  }

  public String getSessionKey() {
    return sessionKey;
  }

  public GameStatus getStatus() {
    return status;
  }

  /** The 64-bit seed of a game recorded before deal secrets, else null. */
  public Long getSeed() {
    return seed;
  }

  public int getTargetPoints() {
    return targetPoints;
  }

  public boolean isKotScoring() {
    return kotScoring;
  }

  public boolean isPrivateGame() {
    return privateGame;
  }

  public String getJoinCode() {
    return joinCode;
  }

  public void makePrivate(String joinCode) {
    this.privateGame = true;
    this.joinCode = joinCode;
  }

  public String getGameState() {
    return gameState;
  }

  public void setGameState(String gameStateJson) {
    this.gameState = gameStateJson;
  }

  public String getScores() {
    return scores;
  }

  public void setScores(String scoresJson) {
    this.scores = scoresJson;
  }

  public GameEndReason getEndReason() {
    return endReason;
  }

  public Integer getWinnerTeam() {
    return winnerTeam == null ? null : winnerTeam.intValue();
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }
}
