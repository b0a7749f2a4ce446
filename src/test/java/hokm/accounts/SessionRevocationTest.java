package hokm.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.gateway.CloseCodes;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestBackends;
import hokm.testsupport.WsClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;

/**
 * Revoking a player's sessions (log out everywhere, a password change, a reused refresh token) ends
 * the access tokens issued before, over REST and WebSocket, and closes the player's open sockets
 * with 4003, on every instance; other players are not affected. Outcomes are awaited by polling up
 * to a generous deadline, never timed.
 */
@IntegrationTest
class SessionRevocationTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String PASSWORD = "long enough";

  /** What instances say to each other through Redis (docs/resilience.md). */
  private static final String CHANNEL = "hokm:tokens-revoked";

  private static final String VERSION_KEY = "hokm:token-version:";

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;
  @Autowired CircuitBreakerRegistry breakers;
  @Autowired JwtEncoder jwtEncoder;

  Http http;
  JdbcTemplate db;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    db = new JdbcTemplate(TestBackends.superuser());
  }

  private record Account(UUID id, String username, String accessToken, String refreshToken) {}

  private Account register() {
    String name = "rv" + Long.toString(System.nanoTime(), 36);
    Http.Response r =
        http.post("/api/auth/register", Http.json(Map.of("username", name, "password", PASSWORD)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return account(r);
  }

  private Account guest() {
    Http.Response r = http.post("/api/auth/guest", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return account(r);
  }

  private Account login(String username) {
    Http.Response r =
        http.post("/api/auth/login", Http.json(Map.of("username", username, "password", PASSWORD)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return account(r);
  }

  private static Account account(Http.Response r) {
    JsonNode player = r.json().path("player");
    return new Account(
        UUID.fromString(player.path("id").asString()),
        player.path("username").asString(),
        r.text("accessToken"),
        r.text("refreshToken"));
  }

  private static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + DEADLINE);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private Http.Response me(String accessToken) {
    return http.get("/api/players/me", accessToken);
  }

  private void refusedOverRest(String accessToken) {
    eventually("a 401 for the revoked token", () -> me(accessToken).status() == 401);
    Http.Response refused = me(accessToken);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo("TOKEN_REVOKED");
    assertThat(refused.contentType()).startsWith("application/json");
  }

  /** hello with the token on a new socket: refused, and the socket stays unauthenticated. */
  private void refusedOverWebSocket(String accessToken) {
    try (WsClient client = WsClient.connect(port)) {
      JsonNode answer = client.requestError(Map.of("type", "hello", "token", accessToken));
      assertThat(answer.path("code").asString()).isEqualTo("UNAUTHENTICATED");
      JsonNode ping = client.requestError(Map.of("type", "ping"));
      assertThat(ping.path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }
  }

  private static void stillOpen(WsClient client) {
    assertThat(client.request(Map.of("type", "ping")).path("type").asString()).isEqualTo("pong");
    assertThat(client.isClosed()).isFalse();
  }

  private void unaffected(Account other, WsClient otherSocket) {
    stillOpen(otherSocket);
    assertThat(me(other.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void logOutEverywhereEndsTheAccessTokensAndClosesTheSockets() {
    Account alice = register();
    Account bob = guest();
    WsClient aliceSocket = WsClient.login(port, alice.accessToken());
    WsClient bobSocket = WsClient.login(port, bob.accessToken());
    try {
      assertThat(me(alice.accessToken()).status()).isEqualTo(200);

      assertThat(http.post("/api/auth/logout", null, alice.accessToken()).status()).isEqualTo(204);

      assertThat(aliceSocket.awaitClose(DEADLINE)).isEqualTo(CloseCodes.SESSION_REVOKED.getCode());
      assertThat(CloseCodes.SESSION_REVOKED.getCode()).isEqualTo(4003);
      refusedOverRest(alice.accessToken());
      refusedOverWebSocket(alice.accessToken());
      unaffected(bob, bobSocket);

      // Logging in again gives tokens that work.
      Account again = login(alice.username());
      assertThat(me(again.accessToken()).status()).isEqualTo(200);
      try (WsClient fresh = WsClient.login(port, again.accessToken())) {
        stillOpen(fresh);
      }
    } finally {
      aliceSocket.close();
      bobSocket.close();
    }
  }

  @Test
  void aPasswordChangeEndsTheAccessTokensAndClosesTheSockets() {
    Account alice = register();
    Account aliceElsewhere = login(alice.username());
    Account bob = register();
    WsClient aliceSocket = WsClient.login(port, aliceElsewhere.accessToken());
    WsClient bobSocket = WsClient.login(port, bob.accessToken());
    try {
      Http.Response changed =
          http.post(
              "/api/auth/password",
              Http.json(Map.of("currentPassword", PASSWORD, "newPassword", "another password")),
              alice.accessToken());
      assertThat(changed.status()).as(changed.body()).isEqualTo(204);

      assertThat(aliceSocket.awaitClose(DEADLINE)).isEqualTo(4003);
      refusedOverRest(alice.accessToken());
      refusedOverRest(aliceElsewhere.accessToken());
      refusedOverWebSocket(aliceElsewhere.accessToken());
      unaffected(bob, bobSocket);
    } finally {
      aliceSocket.close();
      bobSocket.close();
    }
  }

  @Test
  void aReusedRefreshTokenEndsTheAccessTokensAndClosesTheSockets() {
    Account alice = register();
    Account bob = guest();
    Http.Response rotated =
        http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", alice.refreshToken())));
    assertThat(rotated.status()).isEqualTo(200);
    String rotatedAccess = rotated.text("accessToken");
    WsClient aliceSocket = WsClient.login(port, rotatedAccess);
    WsClient bobSocket = WsClient.login(port, bob.accessToken());
    try {
      Http.Response reuse =
          http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", alice.refreshToken())));
      assertThat(reuse.code()).isEqualTo("INVALID_REFRESH_TOKEN");

      assertThat(aliceSocket.awaitClose(DEADLINE)).isEqualTo(4003);
      refusedOverRest(alice.accessToken());
      refusedOverRest(rotatedAccess);
      refusedOverWebSocket(rotatedAccess);
      unaffected(bob, bobSocket);
    } finally {
      aliceSocket.close();
      bobSocket.close();
    }
  }

  /**
   * Another instance revoked the sessions: it raised the version in PostgreSQL and Redis and
   * announced it. Nothing in this instance was called; what it hears through Redis must do.
   */
  @Test
  void aRevocationAnnouncedByAnotherInstanceClosesTheSocketsHere() {
    Account alice = register();
    Account bob = guest();
    WsClient aliceSocket = WsClient.login(port, alice.accessToken());
    WsClient bobSocket = WsClient.login(port, bob.accessToken());
    try {
      awaitSubscribed();
      long version = revokeAsAnotherInstance(alice.id());
      assertThat(redis.convertAndSend(CHANNEL, alice.id() + ":" + version)).isPositive();

      assertThat(aliceSocket.awaitClose(DEADLINE)).isEqualTo(4003);
      refusedOverRest(alice.accessToken());
      refusedOverWebSocket(alice.accessToken());
      unaffected(bob, bobSocket);
    } finally {
      aliceSocket.close();
      bobSocket.close();
    }
  }

  /** An announcement this instance missed: the version in Redis counts once the cache expires. */
  @Test
  void aRevocationThisInstanceDidNotHearOfCountsOnceItsCacheExpires() {
    Account alice = guest();
    assertThat(me(alice.accessToken()).status()).isEqualTo(200);
    revokeAsAnotherInstance(alice.id());
    refusedOverRest(alice.accessToken());
    refusedOverWebSocket(alice.accessToken());
  }

  @Test
  void tokensIssuedBeforeTokenVersionsCountAsVersionZero() {
    Account alice = guest();
    Instant now = Instant.now();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer("hokm")
            .subject(alice.id().toString())
            .issuedAt(now)
            .expiresAt(now.plusSeconds(600))
            .claim("username", alice.username())
            .claim("guest", true)
            .build();
    String legacy =
        jwtEncoder
            .encode(
                JwtEncoderParameters.from(
                    JwsHeader.with(MacAlgorithm.HS256).type("JWT").build(), claims))
            .getTokenValue();
    assertThat(me(legacy).status()).isEqualTo(200);
    WsClient socket = WsClient.login(port, legacy);
    try {
      assertThat(http.post("/api/auth/logout", null, alice.accessToken()).status()).isEqualTo(204);
      assertThat(socket.awaitClose(DEADLINE)).isEqualTo(4003);
      refusedOverRest(legacy);
      refusedOverWebSocket(legacy);
    } finally {
      socket.close();
    }
  }

  /**
   * Redis away: versions come from PostgreSQL, so nobody is locked out and a revocation still
   * counts at once here (its own sockets closed without the announcement); once Redis answers the
   * revocation is written there too.
   */
  @Test
  void whileRedisIsAwayPostgresDecidesAndTheRevocationReachesRedisLater() {
    Account alice = register();
    Account bob = guest();
    WsClient aliceSocket = WsClient.login(port, alice.accessToken());
    WsClient bobSocket = WsClient.login(port, bob.accessToken());
    CircuitBreaker redisBreaker = breakers.circuitBreaker("redis");
    String key = VERSION_KEY + alice.id();
    try {
      redisBreaker.transitionToForcedOpenState();
      Account carol = guest();
      assertThat(me(carol.accessToken()).status()).isEqualTo(200);
      try (WsClient carolSocket = WsClient.login(port, carol.accessToken())) {
        stillOpen(carolSocket);
      }

      assertThat(http.post("/api/auth/logout", null, alice.accessToken()).status()).isEqualTo(204);
      assertThat(aliceSocket.awaitClose(DEADLINE)).isEqualTo(4003);
      refusedOverRest(alice.accessToken());
      refusedOverWebSocket(alice.accessToken());
      unaffected(bob, bobSocket);
    } finally {
      redisBreaker.transitionToClosedState();
      aliceSocket.close();
      bobSocket.close();
    }
    long stored = storedVersion(alice.id());
    eventually(
        "the revocation written to Redis", () -> String.valueOf(stored).equals(redisValue(key)));
  }

  /**
   * Neither Redis nor PostgreSQL answers: what this instance last knew decides, so a token it knows
   * to be revoked stays refused and others keep working.
   */
  @Test
  void withNeitherRedisNorPostgresTheLastKnownVersionDecides() {
    Account alice = register();
    Account bob = guest();
    assertThat(http.post("/api/auth/logout", null, alice.accessToken()).status()).isEqualTo(204);
    refusedOverWebSocket(alice.accessToken());
    CircuitBreaker redisBreaker = breakers.circuitBreaker("redis");
    CircuitBreaker postgres = breakers.circuitBreaker("postgres");
    try {
      redisBreaker.transitionToForcedOpenState();
      postgres.transitionToForcedOpenState();
      refusedOverWebSocket(alice.accessToken());
      try (WsClient bobSocket = WsClient.login(port, bob.accessToken())) {
        stillOpen(bobSocket);
      }
    } finally {
      postgres.transitionToClosedState();
      redisBreaker.transitionToClosedState();
    }
  }

  /** Raises the version in PostgreSQL and Redis as another instance would, announcing nothing. */
  private long revokeAsAnotherInstance(UUID playerId) {
    long version =
        db.queryForObject(
            "UPDATE players SET token_version = token_version + 1 WHERE id = ?"
                + " RETURNING token_version",
            Long.class,
            playerId);
    redis.opsForValue().set(VERSION_KEY + playerId, Long.toString(version));
    return version;
  }

  private long storedVersion(UUID playerId) {
    return db.queryForObject(
        "SELECT token_version FROM players WHERE id = ?", Long.class, playerId);
  }

  private String redisValue(String key) {
    try {
      return redis.opsForValue().get(key);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** This instance listens to the channel (after a Redis restart it subscribes again). */
  private void awaitSubscribed() {
    eventually(
        "a subscriber on " + CHANNEL,
        () -> {
          Long heard = redis.convertAndSend(CHANNEL, UUID.randomUUID() + ":0");
          return heard != null && heard > 0;
        });
  }
}
