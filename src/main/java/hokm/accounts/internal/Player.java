package hokm.accounts.internal;

import hokm.accounts.PlayerProfile;
import hokm.rating.OpenSkill;
import hokm.rating.Rating;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

@Entity
@Table(name = "players")
public class Player {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(nullable = false)
  private String username;

  private String email;

  @Column(name = "password_hash")
  private String passwordHash;

  @Column(name = "is_guest", nullable = false)
  private boolean guest;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "last_seen")
  private Instant lastSeen;

  // The record and the rating are written only by the journal, when a game's result is recorded;
  // never from this object, so a copy loaded before a game ended cannot put back older numbers.
  @Column(name = "total_games", nullable = false, insertable = false, updatable = false)
  private int totalGames;

  @Column(nullable = false, insertable = false, updatable = false)
  private int wins;

  @Column(nullable = false, insertable = false, updatable = false)
  private int losses;

  @Column(name = "rating_mu", nullable = false, insertable = false, updatable = false)
  private double ratingMu = OpenSkill.MU;

  @Column(name = "rating_sigma", nullable = false, insertable = false, updatable = false)
  private double ratingSigma = OpenSkill.SIGMA;

  @Column(name = "rated_games", nullable = false, insertable = false, updatable = false)
  private int ratedGames;

  /**
   * Written only by {@link PlayerRepository#incrementTokenVersion}, never from this object, so a
   * stale copy flushed later cannot lower it.
   */
  @Column(name = "token_version", nullable = false, insertable = false, updatable = false)
  private long tokenVersion;

  protected Player() {}

  private Player(String username, String email, String passwordHash, Instant now) {
    this.username = username;
    this.email = email;
    this.passwordHash = passwordHash;
    this.guest = passwordHash == null;
    this.createdAt = now;
    this.updatedAt = now;
    this.lastSeen = now;
  }

  static Player registered(String username, String email, String passwordHash, Instant now) {
    return new Player(username, email, passwordHash, now);
  }

  static Player guest(String username, Instant now) {
    return new Player(username, null, null, now);
  }

  @PreUpdate
  void touch() {
    this.updatedAt = Instant.now();
  }

  void changePassword(String newHash, Instant now) {
    this.passwordHash = newHash;
    this.updatedAt = now;
  }

  void seen(Instant now) {
    this.lastSeen = now;
  }

  public PlayerProfile toProfile() {
    return new PlayerProfile(
        id,
        username,
        guest,
        new Rating(ratingMu, ratingSigma),
        ratedGames,
        totalGames,
        wins,
        losses,
        createdAt);
  }

  UUID getId() {
    return id;
  }

  String getUsername() {
    return username;
  }

  String getEmail() {
    return email;
  }

  String getPasswordHash() {
    return passwordHash;
  }

  boolean isGuest() {
    return guest;
  }

  Instant getLastSeen() {
    return lastSeen;
  }

  /** The version access tokens issued now carry (as loaded; see {@link TokenVersions}). */
  long getTokenVersion() {
    return tokenVersion;
  }
}
