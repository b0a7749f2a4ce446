package hokm.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestBackends;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AuthApiTest {

  private static final AtomicInteger SEQ = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JwtEncoder jwtEncoder;
  @Autowired AccountService accounts;

  Http http;
  JdbcTemplate db;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    db = new JdbcTemplate(TestBackends.superuser());
  }

  static String uniqueName(String prefix) {
    return prefix
        + "_"
        + SEQ.incrementAndGet()
        + "_"
        + UUID.randomUUID().toString().substring(0, 6);
  }

  Http.Response register(String username, String password, String email) {
    Map<String, String> body =
        email == null
            ? Map.of("username", username, "password", password)
            : Map.of("username", username, "password", password, "email", email);
    return http.post("/api/auth/register", Http.json(body));
  }

  @Test
  void registerAnswersTokensAndThePlayer() {
    String name = uniqueName("reg");
    Http.Response r = register(name, "correct horse", name + "@example.org");

    assertThat(r.status()).isEqualTo(201);
    JsonNode body = r.json();
    assertThat(body.get("accessToken").asString()).isNotBlank();
    assertThat(body.get("refreshToken").asString()).hasSize(43);
    assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
    assertThat(body.get("player").get("username").asString()).isEqualTo(name);
    UUID id = UUID.fromString(body.get("player").get("id").asString());

    Map<String, Object> row =
        db.queryForMap("SELECT password_hash, is_guest, email FROM players WHERE id = ?", id);
    assertThat((String) row.get("password_hash")).startsWith("$2a$").doesNotContain("correct");
    assertThat(row.get("is_guest")).isEqualTo(false);
    // Only the hash of the refresh token is stored.
    assertThat(
            db.queryForObject(
                "SELECT count(*) FROM refresh_tokens WHERE player_id = ? AND token_hash = sha256(?::bytea)",
                Integer.class,
                id,
                body.get("refreshToken").asString()))
        .isEqualTo(1);
  }

  @Test
  void loginWorksCaseBlindAndWrongPasswordLooksLikeUnknownUser() {
    String name = uniqueName("Login");
    register(name, "s3cret-pass", null);

    Http.Response ok =
        http.post(
            "/api/auth/login",
            Http.json(Map.of("username", name.toLowerCase(), "password", "s3cret-pass")));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("player").get("username").asString()).isEqualTo(name);

    Http.Response wrongPassword =
        http.post(
            "/api/auth/login", Http.json(Map.of("username", name, "password", "not-the-pass")));
    Http.Response unknownUser =
        http.post(
            "/api/auth/login",
            Http.json(Map.of("username", uniqueName("nobody"), "password", "not-the-pass")));
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.code()).isEqualTo("BAD_CREDENTIALS");
    assertThat(unknownUser.status()).isEqualTo(wrongPassword.status());
    assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
  }

  @Test
  void guestsCannotLogInWithAnyPassword() {
    String name = uniqueName("g");
    assertThat(http.post("/api/auth/guest", Http.json(Map.of("username", name))).status())
        .isEqualTo(201);
    Http.Response r =
        http.post("/api/auth/login", Http.json(Map.of("username", name, "password", "anything1")));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("BAD_CREDENTIALS");
  }

  @Test
  void validationErrorsNameTheField() {
    Http.Response shortName = register("ab", "long enough", null);
    assertThat(shortName.status()).isEqualTo(400);
    assertThat(shortName.code()).isEqualTo("VALIDATION");
    assertThat(shortName.text("message")).startsWith("username:");

    Http.Response badChars = register("no spaces!", "long enough", null);
    assertThat(badChars.code()).isEqualTo("VALIDATION");

    Http.Response shortPassword = register(uniqueName("p"), "short", null);
    assertThat(shortPassword.code()).isEqualTo("VALIDATION");
    assertThat(shortPassword.text("message")).startsWith("password:");

    // 40 characters but 80 bytes: bcrypt would silently ignore everything after byte 72.
    Http.Response tooManyBytes = register(uniqueName("p"), "é".repeat(40), null);
    assertThat(tooManyBytes.status()).isEqualTo(400);
    assertThat(tooManyBytes.code()).isEqualTo("VALIDATION");
    assertThat(tooManyBytes.text("message")).contains("72 bytes");

    Http.Response badEmail = register(uniqueName("e"), "long enough", "not-an-email");
    assertThat(badEmail.code()).isEqualTo("VALIDATION");
    assertThat(badEmail.text("message")).startsWith("email:");

    Http.Response missing = http.post("/api/auth/register", "{}");
    assertThat(missing.code()).isEqualTo("VALIDATION");
    assertThat(missing.text("message")).contains("password: is required", "username: is required");

    Http.Response emptyLogin = http.post("/api/auth/login", "{\"username\":\"\"}");
    assertThat(emptyLogin.code()).isEqualTo("VALIDATION");
  }

  @Test
  void reservedNamesAndTheirLookalikesAreRefused() {
    for (String name : List.of("admin", "Admin", "ADM1N", "a_dmin", "Bot", "b0t-2", "robot7")) {
      Http.Response asGuest = http.post("/api/auth/guest", Http.json(Map.of("username", name)));
      assertThat(asGuest.status()).as(name).isEqualTo(409);
      assertThat(asGuest.code()).as(name).isEqualTo("USERNAME_RESERVED");
      assertThat(register(name, "long enough", null).code())
          .as(name)
          .isEqualTo("USERNAME_RESERVED");
    }
    assertThat(register(uniqueName("botanist"), "long enough", null).status()).isEqualTo(201);
  }

  @Test
  void aNameThatOnlyLooksLikeATakenOneIsRefused() {
    String suffix =
        (UUID.randomUUID() + "" + UUID.randomUUID()).replaceAll("[^a-f]", "").substring(0, 6);
    String original = "corn_" + suffix + "_oil";
    assertThat(register(original, "long enough", null).status()).isEqualTo(201);
    for (String lookalike :
        List.of("com_" + suffix + "_o1l", "C0RN-" + suffix + "-OIL", "cornn" + suffix + "oil")) {
      Http.Response answer = register(lookalike, "long enough", null);
      if (lookalike.startsWith("cornn")) {
        assertThat(answer.status()).as(lookalike).isEqualTo(201);
      } else {
        assertThat(answer.status()).as(lookalike).isEqualTo(409);
        assertThat(answer.code()).as(lookalike).isEqualTo("USERNAME_TAKEN");
      }
    }
  }

  private static java.util.List<String> fieldsOf(Http.Response answer) {
    return answer.json().properties().stream().map(Map.Entry::getKey).toList();
  }

  @Test
  void duplicateUsernamesAreRefusedAndEmailsAreNotRevealed() {
    String name = uniqueName("dup");
    assertThat(register(name, "long enough", name + "@example.org").status()).isEqualTo(201);

    Http.Response sameNameOtherCase = register(name.toUpperCase(), "long enough", null);
    assertThat(sameNameOtherCase.status()).isEqualTo(409);
    assertThat(sameNameOtherCase.code()).isEqualTo("USERNAME_TAKEN");

    // Registering with an address another account uses answers exactly as with a new address, so
    // nobody learns from registration whether an address has an account.
    String other = uniqueName("dup2");
    Http.Response sameEmail = register(other, "long enough", name.toUpperCase() + "@EXAMPLE.org");
    Http.Response newEmail = register(uniqueName("dup3"), "long enough", other + "@example.org");
    assertThat(sameEmail.status()).isEqualTo(201).isEqualTo(newEmail.status());
    assertThat(fieldsOf(sameEmail)).isEqualTo(fieldsOf(newEmail));
    assertThat(sameEmail.json().path("player").path("username").asString()).isEqualTo(other);

    Http.Response guestWithTakenName =
        http.post("/api/auth/guest", Http.json(Map.of("username", name)));
    assertThat(guestWithTakenName.code()).isEqualTo("USERNAME_TAKEN");
  }

  @Test
  void refreshRotatesAndAReusedTokenRevokesTheFamily() {
    Http.Response first = register(uniqueName("rot"), "long enough", null);
    String r1 = first.text("refreshToken");

    Http.Response second = http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", r1)));
    assertThat(second.status()).isEqualTo(200);
    String r2 = second.text("refreshToken");
    assertThat(r2).isNotEqualTo(r1);
    assertThat(http.get("/api/players/me", second.text("accessToken")).status()).isEqualTo(200);

    Http.Response reuse = http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", r1)));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.code()).isEqualTo("INVALID_REFRESH_TOKEN");

    // The replay of r1 means a copy exists somewhere: r2 is revoked with the rest of the family.
    Http.Response afterTheft =
        http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", r2)));
    assertThat(afterTheft.code()).isEqualTo("INVALID_REFRESH_TOKEN");

    Http.Response unknown =
        http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", "made-up")));
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.code()).isEqualTo("INVALID_REFRESH_TOKEN");
  }

  @Test
  void twoRefreshesRacingWithOneTokenCannotBothWin() throws Exception {
    String token = register(uniqueName("race"), "long enough", null).text("refreshToken");
    CountDownLatch start = new CountDownLatch(1);
    Callable<Integer> refresh =
        () -> {
          start.await();
          return http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", token))).status();
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = pool.submit(refresh);
      Future<Integer> b = pool.submit(refresh);
      start.countDown();
      assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 401);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void expiredRefreshTokenIsRefused() {
    Http.Response r = register(uniqueName("exp"), "long enough", null);
    String token = r.text("refreshToken");
    db.update(
        "UPDATE refresh_tokens SET created_at = now() - interval '2 days',"
            + " expires_at = now() - interval '1 second' WHERE token_hash = sha256(?::bytea)",
        token);
    Http.Response refused =
        http.post("/api/auth/refresh", Http.json(Map.of("refreshToken", token)));
    assertThat(refused.code()).isEqualTo("INVALID_REFRESH_TOKEN");
  }

  @Test
  void logoutRevokesOneTokenOrAllOfTheCallers() {
    Http.Response login1 = register(uniqueName("out"), "long enough", null);
    String name = login1.json().get("player").get("username").asString();
    Http.Response login2 =
        http.post(
            "/api/auth/login", Http.json(Map.of("username", name, "password", "long enough")));
    Http.Response login3 =
        http.post(
            "/api/auth/login", Http.json(Map.of("username", name, "password", "long enough")));

    Http.Response one =
        http.post(
            "/api/auth/logout", Http.json(Map.of("refreshToken", login1.text("refreshToken"))));
    assertThat(one.status()).isEqualTo(204);
    assertThat(
            http.post(
                    "/api/auth/refresh",
                    Http.json(Map.of("refreshToken", login1.text("refreshToken"))))
                .code())
        .isEqualTo("INVALID_REFRESH_TOKEN");
    // The other sessions live on.
    Http.Response stillFine =
        http.post(
            "/api/auth/refresh", Http.json(Map.of("refreshToken", login2.text("refreshToken"))));
    assertThat(stillFine.status()).isEqualTo(200);

    Http.Response everywhere = http.post("/api/auth/logout", null, login3.text("accessToken"));
    assertThat(everywhere.status()).isEqualTo(204);
    assertThat(
            http.post(
                    "/api/auth/refresh",
                    Http.json(Map.of("refreshToken", login3.text("refreshToken"))))
                .code())
        .isEqualTo("INVALID_REFRESH_TOKEN");
    assertThat(
            http.post(
                    "/api/auth/refresh",
                    Http.json(Map.of("refreshToken", stillFine.text("refreshToken"))))
                .code())
        .isEqualTo("INVALID_REFRESH_TOKEN");

    Http.Response anonymous = http.post("/api/auth/logout", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void guestWithAndWithoutAName() {
    Http.Response generated = http.post("/api/auth/guest", null);
    assertThat(generated.status()).isEqualTo(201);
    String generatedName = generated.json().get("player").get("username").asString();
    assertThat(generatedName).matches("guest-[a-z0-9]{6}");

    String wanted = uniqueName("visitor");
    Http.Response named = http.post("/api/auth/guest", Http.json(Map.of("username", wanted)));
    assertThat(named.status()).isEqualTo(201);
    assertThat(named.json().get("player").get("username").asString()).isEqualTo(wanted);

    Http.Response me = http.get("/api/players/me", named.text("accessToken"));
    assertThat(me.json().get("guest").asBoolean()).isTrue();
    assertThat(
            db.queryForObject(
                "SELECT password_hash IS NULL AND is_guest FROM players WHERE username = ?",
                Boolean.class,
                wanted))
        .isTrue();

    Http.Response badName = http.post("/api/auth/guest", Http.json(Map.of("username", "x")));
    assertThat(badName.code()).isEqualTo("VALIDATION");
  }

  @Test
  void meNeedsAValidToken() {
    Http.Response r = register(uniqueName("me"), "long enough", "me" + SEQ.get() + "@x.org");
    db.update(
        "UPDATE players SET last_seen = now() - interval '1 day' WHERE id = ?::uuid",
        r.json().get("player").get("id").asString());

    Http.Response me = http.get("/api/players/me", r.text("accessToken"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("id")).isEqualTo(r.json().get("player").get("id").asString());
    assertThat(me.text("email")).endsWith("@x.org");
    assertThat(me.body()).doesNotContain("password");
    Timestamp lastSeen =
        db.queryForObject(
            "SELECT last_seen FROM players WHERE id = ?::uuid", Timestamp.class, me.text("id"));
    assertThat(lastSeen.toInstant()).isAfter(Instant.now().minusSeconds(60));

    Http.Response none = http.get("/api/players/me");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(none.contentType()).startsWith("application/json");

    Http.Response garbage = http.get("/api/players/me", "not.a.jwt");
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void expiredAndForeignTokensAreRefused() {
    Http.Response r = register(uniqueName("ttl"), "long enough", null);
    String id = r.json().get("player").get("id").asString();
    Instant now = Instant.now();

    String expired = sign(id, "hokm", now.minusSeconds(120), now.minusSeconds(1));
    Http.Response refused = http.get("/api/players/me", expired);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(accounts.authenticate(expired)).isEmpty();

    String otherIssuer = sign(id, "someone-else", now, now.plusSeconds(60));
    assertThat(http.get("/api/players/me", otherIssuer).status()).isEqualTo(401);

    String good = sign(id, "hokm", now, now.plusSeconds(60));
    assertThat(http.get("/api/players/me", good).status()).isEqualTo(200);
  }

  @Test
  void accountServiceAuthenticatesRawTokensAndNeverThrows() {
    Http.Response r = register(uniqueName("svc"), "long enough", null);
    UUID id = UUID.fromString(r.json().get("player").get("id").asString());

    AuthenticatedPlayer player = accounts.authenticate(r.text("accessToken")).orElseThrow();
    assertThat(player.id()).isEqualTo(id);
    assertThat(player.username()).isEqualTo(r.json().get("player").get("username").asString());
    assertThat(player.expiresAt()).isAfter(Instant.now().plusSeconds(800));

    assertThat(accounts.authenticate(null)).isEmpty();
    assertThat(accounts.authenticate("")).isEmpty();
    assertThat(accounts.authenticate("garbage")).isEmpty();
    assertThat(accounts.authenticate(r.text("accessToken") + "x")).isEmpty();
    assertThat(accounts.authenticate(r.text("refreshToken"))).isEmpty();

    PlayerProfile profile = accounts.findProfile(id).orElseThrow();
    assertThat(profile.username()).isEqualTo(player.username());
    assertThat(profile.rating()).isEqualTo(hokm.rating.OpenSkill.initial());
    assertThat(profile.ratedGames()).isZero();
    assertThat(accounts.findProfile(UUID.randomUUID())).isEmpty();
  }

  @Test
  void malformedJsonIsAClearError() {
    Http.Response broken = http.post("/api/auth/login", "{\"username\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(broken.body()).doesNotContain("Exception", "at ");

    Http.Response wrongShape = http.post("/api/auth/login", "[1, 2]");
    assertThat(wrongShape.code()).isEqualTo("MALFORMED_REQUEST");

    Http.Response noBody = http.post("/api/auth/register", null);
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.code()).isIn("MALFORMED_REQUEST", "UNSUPPORTED_MEDIA_TYPE");
  }

  private String sign(String subject, String issuer, Instant issuedAt, Instant expiresAt) {
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(issuer)
            .subject(subject)
            .issuedAt(issuedAt)
            .expiresAt(expiresAt)
            .claim("username", "whoever")
            .build();
    return jwtEncoder
        .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
        .getTokenValue();
  }
}
