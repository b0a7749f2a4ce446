package hokm.journal;

import jakarta.persistence.Column;
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
 * One hand of a game: the seed it was dealt from (games recorded before deal secrets only), the
 * hakem, trump and result.
 */
@Entity
@Table(name = "game_hands")
public class GameHand {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(name = "game_session_id", nullable = false)
  private UUID gameSessionId;

  @Column(name = "hand_number", nullable = false)
  private short handNumber;

  @Column(name = "hand_seed")
  private Long handSeed;

  @Column(name = "hakem_seat", nullable = false)
  private short hakemSeat;

  private String trump;

  @JdbcTypeCode(SqlTypes.JSON)
  private String deal;

  @Column(name = "team1_tricks", nullable = false)
  private short team1Tricks;

  @Column(name = "team2_tricks", nullable = false)
  private short team2Tricks;

  @Column(name = "winner_team")
  private Short winnerTeam;

  private Short points;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  protected GameHand() {}

  public GameHand(UUID gameSessionId, int handNumber, Long handSeed, int hakemSeat, String deal) {
    this.gameSessionId = gameSessionId;
    this.handNumber = (short) handNumber;
    this.handSeed = handSeed;
    this.hakemSeat = (short) hakemSeat;
    this.deal = deal;
    this.startedAt = Instant.now();
  }

  public void chooseTrump(String suit) {
    this.trump = suit;
  }

  public void complete(int team1Tricks, int team2Tricks, int winnerTeam, int points, Instant at) {
    this.team1Tricks = (short) team1Tricks;
    this.team2Tricks = (short) team2Tricks;
    this.winnerTeam = (short) winnerTeam;
    this.points = (short) points;
    this.completedAt = at;
  }

  public UUID getId() {
    return id;
  }

  public UUID getGameSessionId() {
    return gameSessionId;
  }

  public int getHandNumber() {
    return handNumber;
  }

  /** The hand's seed in a game dealt from a seed; null in a game dealt from a secret. */
  public Long getHandSeed() {
    return handSeed;
  }

  public int getHakemSeat() {
    return hakemSeat;
  }

  public String getTrump() {
    return trump;
  }

  public String getDeal() {
    return deal;
  }

  public int getTeam1Tricks() {
    return team1Tricks;
  }

  public int getTeam2Tricks() {
    return team2Tricks;
  }

  public Integer getWinnerTeam() {
    return winnerTeam == null ? null : winnerTeam.intValue();
  }

  public Integer getPoints() {
    return points == null ? null : points.intValue();
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }
}
