package hokm.security;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.gateway.CloseCodes;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.ManualTicker;
import hokm.testsupport.RawWebSocket;
import hokm.testsupport.SqlSession;
import hokm.testsupport.TestBackends;
import hokm.testsupport.WsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every abuse limit firing over real sockets and HTTP, in a context of its own with small limits.
 * The loopback is a trusted proxy, so each test speaks from its own address via X-Forwarded-For and
 * the per-address limits of one test do not touch another. The accounts API's limits run on a
 * ticker the tests move: a delay is stepped over, never slept through, and each test starts a day
 * after the one before, with every login count forgotten and every sign-up bucket full.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "hokm.gateway.connections-per-ip-per-minute=5",
      "hokm.gateway.max-sockets-per-ip=3",
      "hokm.gateway.idle-timeout=2s",
      "hokm.gateway.token-expiry-grace=1s",
      "hokm.gateway.tables-per-minute=2",
      "hokm.gateway.sweep-interval=100ms",
      "hokm.gateway.outbound-buffer-bytes=65536",
      "hokm.gateway.rate-burst=1000000",
      "hokm.gateway.rate-per-second=1000000",
      "hokm.security.login.free-failures=2",
      "hokm.security.login.base-delay=10s",
      "hokm.security.login.max-delay=40s",
      "hokm.security.login.max-failures-per-account=4",
      "hokm.security.login.max-failures-per-ip=6",
      "hokm.security.login.window=10m",
      "hokm.security.sign-up.registrations-per-ip-per-hour=2",
      "hokm.security.sign-up.registrations-per-minute=5",
      "hokm.security.sign-up.guests-per-ip-per-hour=3",
      "hokm.security.sign-up.guests-per-minute=8",
      "hokm.gateway.allowed-origins=https://hokm.example,https://*.hokm.example"
    })
class AbuseLimitsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

  @TestConfiguration(proxyBeanMethods = false)
  static class LimitsTime {
    @Bean
    ManualTicker limitsTicker() {
      return new ManualTicker();
    }
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired Limits limits;
  @Autowired JwtEncoder jwtEncoder;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManualTicker ticker;

  @BeforeEach
  void aDayLater() {
    ticker.advance(Duration.ofDays(1));
  }

  /** A fresh documentation address (RFC 5737) per call. */
  private static String newAddress() {
    return "203.0.113." + ADDRESSES.incrementAndGet();
  }

  private static Map<String, String> from(String ip) {
    return Map.of("X-Forwarded-For", ip);
  }

  private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String code() {
      return body.path("code").asString(null);
    }
  }

  private Answer post(String path, Object body, String ip, String bearer) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Content-Type", "application/json")
              .header("X-Forwarded-For", ip)
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer guest(String ip) {
    Answer answer = post("/api/auth/guest", Map.of(), ip, null);
    assertThat(answer.status()).isEqualTo(201);
    return answer;
  }

  /** A socket from a fresh address, authenticated. */
  private WsClient login(String token) {
    WsClient client = WsClient.connect(port, from(newAddress()));
    client.send(Map.of("type", "hello", "token", token));
    client.awaitType("welcome");
    return client;
  }

  private String token(UUID player, String username, Duration ttl) {
    Instant now = Instant.now();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer("hokm")
            .subject(player.toString())
            .issuedAt(now)
            .expiresAt(now.plus(ttl))
            .claim("username", username)
            .claim("guest", true)
            .build();
    return jwtEncoder
        .encode(
            JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).type("JWT").build(), claims))
        .getTokenValue();
  }

  @Test
  void connectionAttemptsPerAddressAreLimitedWithHttp429() {
    String ip = newAddress();
    double before = limits.count(Limits.CONNECTION_RATE);
    for (int i = 0; i < 5; i++) {
      try (RawWebSocket socket = RawWebSocket.open(port, from(ip), 0)) {
        assertThat(socket.status).as(socket.responseHead).isEqualTo(101);
      }
    }
    try (RawWebSocket refused = RawWebSocket.open(port, from(ip), 0)) {
      assertThat(refused.status).isEqualTo(429);
      assertThat(refused.responseHead).containsIgnoringCase("Retry-After:");
    }
    try (RawWebSocket other = RawWebSocket.open(port, from(newAddress()), 0)) {
      assertThat(other.status).as("another address is not affected").isEqualTo(101);
    }
    assertThat(limits.count(Limits.CONNECTION_RATE)).isGreaterThan(before);
    String metrics = new hokm.testsupport.Http(managementPort).get("/actuator/prometheus").body();
    assertThat(metrics).contains("hokm_limits_triggered_total{limit=\"connection_rate\"");
  }

  @Test
  void browsersMayOpenTheSocketOnlyFromAllowedOrigins() {
    try (RawWebSocket evil =
        RawWebSocket.open(
            port, Map.of("X-Forwarded-For", newAddress(), "Origin", "https://evil.example"), 0)) {
      assertThat(evil.status).isEqualTo(403);
    }
    for (String origin : List.of("https://hokm.example", "https://play.hokm.example")) {
      try (RawWebSocket allowed =
          RawWebSocket.open(port, Map.of("X-Forwarded-For", newAddress(), "Origin", origin), 0)) {
        assertThat(allowed.status).as(origin).isEqualTo(101);
      }
    }
    try (RawWebSocket noOrigin = RawWebSocket.open(port, from(newAddress()), 0)) {
      assertThat(noOrigin.status).as("clients that are not browsers send no Origin").isEqualTo(101);
    }
  }

  @Test
  void openSocketsPerAddressAreCapped() {
    String ip = newAddress();
    List<WsClient> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      WsClient client = WsClient.connect(port, from(ip));
      client.send(Map.of("type", "ping"));
      client.awaitType("error"); // UNAUTHENTICATED: the socket is open and answering
      open.add(client);
    }
    WsClient fourth = WsClient.connect(port, from(ip));
    assertThat(fourth.awaitClose(Duration.ofSeconds(5)))
        .isEqualTo(CloseCodes.TOO_MANY_CONNECTIONS.getCode());
    open.get(0).close();
    open.get(0).awaitClose(Duration.ofSeconds(5));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    WsClient again = null;
    while (System.nanoTime() < deadline) {
      again = WsClient.connect(port, from(ip));
      if (again.poll(Duration.ofMillis(300)) == null && !again.isClosed()) {
        break;
      }
      again = null;
    }
    assertThat(again).as("a socket closed frees a place").isNotNull();
    again.send(Map.of("type", "ping"));
    assertThat(again.awaitType("error").path("code").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(limits.count(Limits.SOCKETS_PER_IP)).isPositive();
    again.close();
    open.forEach(WsClient::close);
  }

  @Test
  void quietSocketsAreClosedAndPingingOnesAreNot() throws InterruptedException {
    Answer guest = guest(newAddress());
    WsClient quiet = login(guest.body().path("accessToken").asString());
    WsClient talking = login(guest(newAddress()).body().path("accessToken").asString());
    long end = System.nanoTime() + Duration.ofMillis(3500).toNanos();
    while (System.nanoTime() < end) {
      talking.send(Map.of("type", "ping"));
      Thread.sleep(400);
    }
    assertThat(quiet.awaitClose(Duration.ofSeconds(5))).isEqualTo(CloseCodes.IDLE.getCode());
    assertThat(talking.isClosed()).isFalse();
    assertThat(limits.count(Limits.IDLE)).isPositive();
    talking.close();
  }

  @Test
  void anExpiredTokenWithoutAFreshHelloClosesTheSocketAfterTheGrace() throws InterruptedException {
    Answer guest = guest(newAddress());
    UUID id = UUID.fromString(guest.body().path("player").path("id").asString());
    String name = guest.body().path("player").path("username").asString();
    WsClient stale = login(token(id, name, Duration.ofSeconds(2)));
    Answer other = guest(newAddress());
    UUID otherId = UUID.fromString(other.body().path("player").path("id").asString());
    String otherName = other.body().path("player").path("username").asString();
    WsClient renewed = login(token(otherId, otherName, Duration.ofSeconds(4)));
    boolean renewedHello = false;
    long start = System.nanoTime();
    // Past the renewed socket's first token and its grace (4 s + 1 s): only the fresh hello keeps
    // it.
    while (System.nanoTime() - start < Duration.ofMillis(6500).toNanos()) {
      if (!stale.isClosed()) {
        try {
          stale.send(Map.of("type", "ping")); // activity, so the idle limit is not what closes it
        } catch (RuntimeException closedMeanwhile) {
          // closed by the server between the check and the send
        }
      }
      renewed.send(Map.of("type", "ping"));
      if (!renewedHello && System.nanoTime() - start > Duration.ofMillis(1500).toNanos()) {
        renewed.send(
            Map.of("type", "hello", "token", token(otherId, otherName, Duration.ofMinutes(5))));
        renewedHello = true;
      }
      Thread.sleep(300);
    }
    assertThat(stale.received())
        .as("after expiry each frame is refused")
        .anyMatch(f -> "UNAUTHENTICATED".equals(f.path("code").asString(null)));
    assertThat(stale.awaitClose(Duration.ofSeconds(1)))
        .isEqualTo(CloseCodes.TOKEN_EXPIRED.getCode());
    assertThat(renewed.isClosed()).as("a fresh hello keeps the socket").isFalse();
    assertThat(renewed.request(Map.of("type", "ping")).path("type").asString()).isEqualTo("pong");
    renewed.close();
  }

  @Test
  void aPlayerCreatesOnlySoManyTablesAMinute() {
    WsClient player = login(guest(newAddress()).body().path("accessToken").asString());
    for (int i = 0; i < 2; i++) {
      JsonNode created = player.request(Map.of("type", "create_table", "turnSeconds", 300));
      assertThat(created.path("type").asString()).as(created.toString()).isEqualTo("table_state");
      assertThat(player.request(Map.of("type", "leave_table")).path("type").asString())
          .isEqualTo("left");
    }
    JsonNode refused = player.requestError(Map.of("type", "create_table"));
    assertThat(refused.path("code").asString()).isEqualTo("RATE_LIMITED");
    assertThat(refused.path("message").asString()).contains("tables a minute");
    assertThat(limits.count(Limits.TABLES_PER_MINUTE)).isPositive();
    player.close();
  }

  private Answer login(String username, String password, String ip) {
    return post("/api/auth/login", Map.of("username", username, "password", password), ip, null);
  }

  private static long retryAfter(Answer answer) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(429);
    assertThat(answer.code()).isEqualTo("TOO_MANY_ATTEMPTS");
    return Long.parseLong(answer.raw().headers().firstValue("Retry-After").orElseThrow());
  }

  private String registered(String prefix, String password) {
    String name = prefix + Long.toString(System.nanoTime(), 36);
    Answer answer =
        post(
            "/api/auth/register",
            Map.of("username", name, "password", password),
            newAddress(),
            null);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return name;
  }

  @Test
  void repeatedFailuresFromOneAddressWaitLongerEachTimeButDoNotLockTheNameOut() {
    String name = registered("slow", "correct horse");
    String guesser = newAddress();
    for (int i = 0; i < 2; i++) {
      assertThat(login(name, "guess" + i, guesser).status()).as("free failures").isEqualTo(401);
    }
    assertThat(retryAfter(login(name, "correct horse", guesser)))
        .as("refused before the password is checked")
        .isEqualTo(10);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(login(name, "guess2", guesser).status()).isEqualTo(401);
    assertThat(retryAfter(login(name, "guess3", guesser))).as("twice as long").isEqualTo(20);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(retryAfter(login(name, "guess3", guesser))).isEqualTo(10);
    assertThat(login(name, "correct horse", newAddress()).status())
        .as("the owner elsewhere is not slowed")
        .isEqualTo(200);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(login(name, "correct horse", guesser).status())
        .as("once the delay is over the password is checked again")
        .isEqualTo(200);
    assertThat(limits.count(Limits.LOGIN_ATTEMPTS)).isPositive();
  }

  @Test
  void aNameGuessedFromManyAddressesIsRefusedToThemWithoutRevealingWhetherItExists() {
    String name = registered("victim", "correct horse");
    String ghost = "ghost" + Long.toString(System.nanoTime(), 36);
    Map<String, List<String>> guessers = new HashMap<>();
    for (String user : List.of(name, ghost)) {
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String attacker = newAddress();
        Answer wrong = login(user, "guess" + i, attacker);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
        addresses.add(attacker);
      }
      guessers.put(user, addresses);
    }
    // Four failures on each name, from four addresses: each of them now gets no answer for it,
    // right password or not, though each failed only once.
    Answer locked = login(name, "correct horse", guessers.get(name).get(0));
    Answer lockedGhost = login(ghost, "whatever1", guessers.get(ghost).get(0));
    long wait = retryAfter(locked);
    assertThat(retryAfter(lockedGhost)).isEqualTo(wait);
    assertThat(locked.body().path("message").asString())
        .as("the same answer whether or not the account exists")
        .isEqualTo(lockedGhost.body().path("message").asString());
    // A fresh address still gets its answer checked, once.
    String fresh = newAddress();
    assertThat(login(name, "guess9", fresh).status()).isEqualTo(401);
    retryAfter(login(name, "guess10", fresh));
    assertThat(login(name, "correct horse", newAddress()).status())
        .as("the owner from an address that has not failed gets in")
        .isEqualTo(200);
    ticker.advance(Duration.ofSeconds(wait));
    assertThat(login(name, "correct horse", guessers.get(name).get(0)).status())
        .as("after the Retry-After the address is answered again")
        .isEqualTo(200);
    assertThat(limits.count(Limits.LOGIN_ATTEMPTS)).isPositive();
  }

  @Test
  void theOwnerLogsInFromACleanAddressWhileStrangersGuessTheirPassword() {
    String name = registered("owner", "correct horse");
    for (int i = 0; i < 5; i++) {
      assertThat(login(name, "guess" + i, newAddress()).status())
          .as("every stranger's guess is checked, none locks the name")
          .isEqualTo(401);
    }
    Answer owner = login(name, "correct horse", newAddress());
    assertThat(owner.status()).as(owner.body().toString()).isEqualTo(200);
  }

  @Test
  void loginBruteForceIsRefusedPerAddress() {
    String ip = newAddress();
    for (int i = 0; i < 6; i++) {
      Answer wrong =
          post(
              "/api/auth/login",
              Map.of(
                  "username",
                  "spray" + i + Long.toString(System.nanoTime(), 36),
                  "password",
                  "x1234567"),
              ip,
              null);
      assertThat(wrong.status()).isEqualTo(401);
    }
    Answer refused =
        post(
            "/api/auth/login", Map.of("username", "anyone-else", "password", "x1234567"), ip, null);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.code()).isEqualTo("TOO_MANY_ATTEMPTS");
    assertThat(
            post(
                    "/api/auth/login",
                    Map.of("username", "anyone-else", "password", "x1234567"),
                    newAddress(),
                    null)
                .status())
        .as("another address may still try")
        .isEqualTo(401);
    awaitAuditRow(
        "SELECT count(*) FROM audit_log WHERE event = 'limit.triggered' AND ip = ?"
            + " AND detail->>'limit' = 'login_attempts'",
        ip);
    awaitAuditRow(
        "SELECT count(*) FROM audit_log WHERE event = 'auth.login' AND outcome = 'failure'"
            + " AND ip = ?",
        ip);
  }

  private Answer register(String ip) {
    return post(
        "/api/auth/register",
        Map.of("username", "reg" + Long.toString(System.nanoTime(), 36), "password", "x2345678"),
        ip,
        null);
  }

  @Test
  void registrationsAndGuestsArePerAddressLimited() {
    String ip = newAddress();
    for (int i = 0; i < 2; i++) {
      assertThat(register(ip).status()).isEqualTo(201);
    }
    assertThat(retryAfter(register(ip))).isPositive();
    assertThat(register(newAddress()).status()).as("another address may").isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      guest(ip);
    }
    long wait = retryAfter(post("/api/auth/guest", Map.of(), ip, null));
    guest(newAddress());
    ticker.advance(Duration.ofSeconds(wait));
    guest(ip);
    assertThat(limits.count(Limits.REGISTRATIONS)).isPositive();
    assertThat(limits.count(Limits.GUESTS)).isPositive();
    awaitAuditRow(
        "SELECT count(*) FROM audit_log WHERE event = 'limit.triggered' AND ip = ?"
            + " AND detail->>'limit' = 'guests'",
        ip);
  }

  @Test
  void signUpsAreLimitedInTotalAcrossAddresses() {
    for (int i = 0; i < 8; i++) {
      guest(newAddress());
    }
    long guestWait = retryAfter(post("/api/auth/guest", Map.of(), newAddress(), null));
    for (int i = 0; i < 5; i++) {
      assertThat(register(newAddress()).status()).isEqualTo(201);
    }
    long registrationWait = retryAfter(register(newAddress()));
    ticker.advance(Duration.ofSeconds(Math.max(guestWait, registrationWait)));
    guest(newAddress());
    assertThat(register(newAddress()).status()).isEqualTo(201);
  }

  private void awaitAuditRow(String sql, String ip) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Long count = jdbc.queryForObject(sql, Long.class, ip);
      if (count != null && count > 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("no audit row for " + ip + ": " + sql);
  }

  @Test
  void aClientThatStopsReadingIsDisconnected() throws IOException {
    String token = guest(newAddress()).body().path("accessToken").asString();
    double before = limits.count(Limits.OUTBOUND_BUFFER);
    try (RawWebSocket slow = RawWebSocket.open(port, from(newAddress()), 4096)) {
      assertThat(slow.status).isEqualTo(101);
      slow.sendText(JSON.writeValueAsString(Map.of("type", "hello", "token", token)));
      String ping = JSON.writeValueAsString(Map.of("type", "ping", "id", "p".repeat(64)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      try {
        while (limits.count(Limits.OUTBOUND_BUFFER) == before && System.nanoTime() < deadline) {
          for (int i = 0; i < 200; i++) {
            slow.sendText(ping);
          }
        }
      } catch (IOException closedByServer) {
        // the server may reset the connection while we are still writing
      }
      assertThat(limits.count(Limits.OUTBOUND_BUFFER))
          .as("the server gave up on the slow reader")
          .isGreaterThan(before);
      int code = slow.readUntilClose();
      assertThat(code).isIn(CloseCodes.TOO_SLOW.getCode(), -1);
    }
  }

  @Test
  void slowReadersDoNotHoldUpAnyoneElse() throws Exception {
    List<RawWebSocket> slow = new ArrayList<>();
    String ping = JSON.writeValueAsString(Map.of("type", "ping", "id", "p".repeat(64)));
    for (int i = 0; i < 4; i++) {
      RawWebSocket socket = RawWebSocket.open(port, from(newAddress()), 4096);
      socket.sendText(
          JSON.writeValueAsString(
              Map.of(
                  "type",
                  "hello",
                  "token",
                  guest(newAddress()).body().path("accessToken").asString())));
      slow.add(socket);
    }
    // Fill each slow reader's path until the server's writes to it block.
    for (int round = 0; round < 20; round++) {
      for (RawWebSocket socket : slow) {
        try {
          for (int i = 0; i < 100; i++) {
            socket.sendText(ping);
          }
        } catch (IOException closed) {
          // already given up on
        }
      }
    }
    WsClient healthy = login(guest(newAddress()).body().path("accessToken").asString());
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      JsonNode pong = healthy.request(Map.of("type", "ping"));
      assertThat(pong.path("type").asString()).isEqualTo("pong");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("a healthy socket is answered promptly while slow readers stall")
          .isLessThan(Duration.ofSeconds(2));
    }
    healthy.close();
    slow.forEach(RawWebSocket::close);
  }

  @Test
  void theTokenOfADeletedPlayerIsRefused() {
    Answer guest = guest(newAddress());
    String token = guest.body().path("accessToken").asString();
    UUID id = UUID.fromString(guest.body().path("player").path("id").asString());
    try (SqlSession sql = new SqlSession(TestBackends.superuser())) {
      sql.update("DELETE FROM players WHERE id = ?", id);
      sql.commit();
    }
    WsClient client = WsClient.connect(port, from(newAddress()));
    JsonNode refused = client.requestError(Map.of("type", "hello", "token", token));
    assertThat(refused.path("code").asString()).isEqualTo("UNAUTHENTICATED");
    client.close();
    try {
      HttpResponse<String> me =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/players/me"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).isEqualTo(401);
      assertThat(me.body()).contains("UNAUTHENTICATED");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
