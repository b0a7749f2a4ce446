package hokm.accounts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/**
 * A refresh token, known only by its SHA-256. Tokens descending from one login form a family: when
 * a rotated-away token comes back, someone holds a copy, and the whole family is revoked.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

  @Id @GeneratedValue @UuidGenerator private UUID id;

  @Column(name = "player_id", nullable = false)
  private UUID playerId;

  @Column(name = "family_id", nullable = false)
  private UUID familyId;

  @Column(name = "token_hash", nullable = false)
  private byte[] tokenHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "replaced_by")
  private UUID replacedBy;

  protected RefreshToken() {}

  RefreshToken(UUID playerId, UUID familyId, byte[] tokenHash, Instant now, Instant expiresAt) {
    this.playerId = playerId;
    this.familyId = familyId;
    this.tokenHash = tokenHash;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  UUID getId() {
    return id;
  }

  UUID getPlayerId() {
    return playerId;
  }

  UUID getFamilyId() {
    return familyId;
  }

  Instant getExpiresAt() {
    return expiresAt;
  }

  boolean isRevoked() {
    return revokedAt != null;
  }

  boolean wasRotated() {
    return replacedBy != null;
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  void rotateTo(UUID successor, Instant now) {
    revoke(now);
    this.replacedBy = successor;
  }
}
