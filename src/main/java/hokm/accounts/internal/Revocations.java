package hokm.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Makes a revocation take effect on every instance. Once the transaction that raised a player's
 * token version commits, this instance refuses the older tokens at once, and one Redis script
 * raises the copy of the version and announces it on {@link #CHANNEL}; every instance, this one
 * included, hears the announcement and closes the player's sockets that were authenticated with an
 * older token ({@link hokm.accounts.TokensRevoked}).
 *
 * <p>When Redis cannot be reached, or nobody heard the announcement (not even this instance, whose
 * own subscription must then be down), this instance closes its own sockets directly and keeps the
 * revocation to write and announce again every {@code hokm.auth.revocation-retry-interval} until
 * Redis takes it. Meanwhile the other instances read versions from PostgreSQL while Redis is away,
 * so their REST answers and {@code hello} checks are current within the cache TTL; their open
 * sockets close when the announcement finally arrives.
 */
@Component
class Revocations implements MessageListener {
  private static final Logger log = LoggerFactory.getLogger(Revocations.class);

  /** Announcements: {@code {playerId}:{tokenVersion}}. */
  static final String CHANNEL = "hokm:tokens-revoked";

  private final TokenVersions versions;

  /** Revocations Redis has not taken yet, by player (the highest version). */
  private final Map<UUID, Long> unannounced = new ConcurrentHashMap<>();

  Revocations(TokenVersions versions) {
    this.versions = versions;
  }

  static String message(UUID playerId, long tokenVersion) {
    return playerId + ":" + tokenVersion;
  }

  @TransactionalEventListener
  void committed(TokenVersionBumped bumped) {
    versions.learned(bumped.playerId(), bumped.tokenVersion());
    if (!announce(bumped.playerId(), bumped.tokenVersion())) {
      log.warn(
          "revocation of {} (token version {}) not announced through Redis; retrying",
          bumped.playerId(),
          bumped.tokenVersion());
      unannounced.merge(bumped.playerId(), bumped.tokenVersion(), Math::max);
      versions.revoked(bumped.playerId(), bumped.tokenVersion());
    }
  }

  /** Writes and announces again what Redis missed, while it answers. */
  @Scheduled(fixedDelayString = "${hokm.auth.revocation-retry-interval:1s}")
  void retryUnannounced() {
    for (Map.Entry<UUID, Long> entry : unannounced.entrySet()) {
      if (announce(entry.getKey(), entry.getValue())) {
        unannounced.remove(entry.getKey(), entry.getValue());
        log.info("revocation of {} announced through Redis", entry.getKey());
      } else {
        return;
      }
    }
  }

  /** Revocations waiting for Redis. */
  int unannouncedCount() {
    return unannounced.size();
  }

  /** Whether Redis took the revocation and at least one instance heard it. */
  private boolean announce(UUID playerId, long tokenVersion) {
    return versions.raiseInRedis(playerId, tokenVersion, CHANNEL, message(playerId, tokenVersion))
        > 0;
  }

  @Override
  public void onMessage(Message message, byte[] pattern) {
    String body = new String(message.getBody(), StandardCharsets.UTF_8);
    int colon = body.lastIndexOf(':');
    try {
      UUID playerId = UUID.fromString(body.substring(0, colon));
      long tokenVersion = Long.parseLong(body.substring(colon + 1));
      versions.revoked(playerId, tokenVersion);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      log.warn("ignoring a malformed revocation announcement");
    }
  }
}
