package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hokm.journal.internal.JournalWriter;
import hokm.rating.OpenSkill;
import hokm.rating.Rating;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rated games over real sockets: a finished game moves each registered player's rating exactly as
 * {@link OpenSkill} computes from the ratings before it, with a row of {@code rating_history} each;
 * bots play as their level's fixed rating, guests as new players who stay unrated, a forfeit is a
 * loss for the team that left, and an abandoned game changes nothing. The public profile and the
 * leaderboard show the result.
 */
@IntegrationTest
class RatedGamesTest {
  private static final double EXACT = 1e-12;

  @LocalServerPort int port;
  @Autowired JournalWriter journal;
  @Autowired JdbcTemplate jdbc;
  @Autowired hokm.table.PlayerRatings quickMatchRatings;

  private final List<WsClient> sockets = new ArrayList<>();

  @AfterEach
  void close() {
    sockets.forEach(WsClient::close);
  }

  /** A player at the table: their name, id and socket. */
  private record Seated(String username, UUID id, WsClient socket) {}

  private Seated register(String prefix) {
    String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Response created =
        new Http(port)
            .post(
                "/api/auth/register",
                Http.json(Map.of("username", username, "password", "correct-horse-battery")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return login(username, created);
  }

  private Seated guest() {
    Http.Response created = new Http(port).post("/api/auth/guest", "{}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return login(created.json().path("player").path("username").asString(), created);
  }

  private Seated login(String username, Http.Response created) {
    WsClient socket = WsClient.login(port, created.text("accessToken"));
    sockets.add(socket);
    return new Seated(
        username, UUID.fromString(created.json().path("player").path("id").asString()), socket);
  }

  /** The first player opens a private table, the others join by code; seats[i] is player i's. */
  private static int[] sit(List<Seated> players, Map<String, Object> options) {
    Map<String, Object> create = new LinkedHashMap<>(options);
    create.put("type", "create_table");
    create.put("private", true);
    create.put("targetPoints", 1);
    create.put("turnSeconds", 300);
    JsonNode created = players.get(0).socket().request(create);
    assertThat(created.path("type").asString()).as(created.toString()).isEqualTo("table_state");
    int[] seats = new int[players.size()];
    seats[0] = created.path("you").path("seat").asInt();
    for (int i = 1; i < players.size(); i++) {
      JsonNode joined =
          players
              .get(i)
              .socket()
              .request(Map.of("type", "join_table", "code", created.path("code").asString()));
      assertThat(joined.path("type").asString()).as(joined.toString()).isEqualTo("table_state");
      seats[i] = joined.path("you").path("seat").asInt();
    }
    return seats;
  }

  /** Plays the game to its end; its game_over frame. */
  private static JsonNode play(List<Seated> players, int[] seats, long seed) {
    List<WsClient> sockets = players.stream().map(Seated::socket).toList();
    TestFrames.playUntilGameOver(sockets, seats, new Random(seed));
    return last(sockets.get(0), "game_over");
  }

  private static JsonNode last(WsClient socket, String type) {
    JsonNode last = null;
    for (JsonNode frame : socket.received()) {
      if (frame.path("type").asString().equals(type)) {
        last = frame;
      }
    }
    return last;
  }

  private Rating stored(UUID player) {
    return jdbc.queryForObject(
        "SELECT rating_mu, rating_sigma FROM players WHERE id = ?",
        (rs, i) -> new Rating(rs.getDouble(1), rs.getDouble(2)),
        player);
  }

  private int ratedGames(UUID player) {
    return jdbc.queryForObject(
        "SELECT rated_games FROM players WHERE id = ?", Integer.class, player);
  }

  private Rating botRating(String level) {
    return jdbc.queryForObject(
        "SELECT rating_mu, rating_sigma FROM bot_ratings WHERE bot_level = ?",
        (rs, i) -> new Rating(rs.getDouble(1), rs.getDouble(2)),
        level);
  }

  /** The session the table's latest game was recorded as. */
  private UUID lastSession(UUID player) {
    return jdbc.queryForObject(
        "SELECT s.id FROM game_sessions s JOIN game_participants p ON p.game_session_id = s.id"
            + " WHERE p.player_id = ? ORDER BY s.created_at DESC LIMIT 1",
        UUID.class,
        player);
  }

  private List<Map<String, Object>> history(UUID session) {
    return jdbc.queryForList(
        "SELECT player_id, mu_before, sigma_before, ordinal_before, mu_after, sigma_after,"
            + " ordinal_after, played_at FROM rating_history WHERE game_session_id = ?",
        session);
  }

  /**
   * What OpenSkill makes of a game: {@code bySeat[s]} is the rating at seat {@code s} before it;
   * the answer is the rating of each seat after it.
   */
  private static Rating[] expected(Rating[] bySeat, int winnerTeam) {
    List<List<Rating>> after =
        OpenSkill.rate(List.of(bySeat[0], bySeat[2]), List.of(bySeat[1], bySeat[3]), winnerTeam);
    return new Rating[] {
      after.get(0).get(0), after.get(1).get(0), after.get(0).get(1), after.get(1).get(1)
    };
  }

  private static void assertRating(Rating actual, Rating expected, String who) {
    assertThat(actual.mu()).as(who + " mu").isCloseTo(expected.mu(), within(EXACT));
    assertThat(actual.sigma()).as(who + " sigma").isCloseTo(expected.sigma(), within(EXACT));
  }

  private void flush() {
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
  }

  @Test
  void aGameBetweenHumansMovesTheirRatingsAsOpenSkillSaysGameAfterGame() {
    List<Seated> players =
        List.of(register("r-ann"), register("r-ben"), register("r-cat"), register("r-dan"));
    int[] seats = sit(players, Map.of());
    Rating[] bySeat = new Rating[4];
    for (int i = 0; i < 4; i++) {
      bySeat[seats[i]] = OpenSkill.initial();
    }
    for (int game = 1; game <= 2; game++) {
      if (game == 2) {
        for (Seated player : players) {
          player.socket().request(Map.of("type", "rematch"));
        }
        for (Seated player : players) {
          player.socket().awaitType("game_started");
        }
      }
      JsonNode over = play(players, seats, 40 + game);
      assertThat(over.path("reason").asString()).isEqualTo("finished");
      int winner = over.path("winnerTeam").asInt();
      flush();
      Rating[] after = expected(bySeat, winner);
      UUID session = lastSession(players.get(0).id());
      List<Map<String, Object>> rows = history(session);
      assertThat(rows).hasSize(4);
      for (int i = 0; i < 4; i++) {
        Seated player = players.get(i);
        int seat = seats[i];
        assertRating(stored(player.id()), after[seat], player.username() + " game " + game);
        assertThat(ratedGames(player.id())).isEqualTo(game);
        Map<String, Object> row =
            rows.stream().filter(r -> r.get("player_id").equals(player.id())).findFirst().get();
        assertThat((Double) row.get("mu_before")).isEqualTo(bySeat[seat].mu());
        assertThat((Double) row.get("sigma_before")).isEqualTo(bySeat[seat].sigma());
        assertThat((Double) row.get("mu_after")).isCloseTo(after[seat].mu(), within(EXACT));
        assertThat((Double) row.get("ordinal_after"))
            .isCloseTo(after[seat].ordinal(), within(1e-9));
        assertThat(row.get("played_at")).isNotNull();
        boolean won = seat % 2 + 1 == winner;
        assertThat(after[seat].mu() > bySeat[seat].mu()).as("the winners went up").isEqualTo(won);
      }
      bySeat = after;
    }

    // The public profile: no token needed.
    Seated ann = players.get(0);
    Http.Response profile = new Http(port).get("/api/players/" + ann.username());
    assertThat(profile.status()).as(profile.body()).isEqualTo(200);
    JsonNode body = profile.json();
    assertThat(body.path("username").asString()).isEqualTo(ann.username());
    assertThat(body.path("guest").asBoolean()).isFalse();
    Rating now = stored(ann.id());
    assertThat(body.path("rating").path("mu").asDouble()).isEqualTo(now.mu());
    assertThat(body.path("rating").path("sigma").asDouble()).isEqualTo(now.sigma());
    assertThat(body.path("rating").path("ordinal").asDouble())
        .isCloseTo(now.ordinal(), within(1e-9));
    assertThat(body.path("ratedGames").asInt()).isEqualTo(2);
    assertThat(body.path("games").asInt()).isEqualTo(2);
    assertThat(body.path("wins").asInt() + body.path("losses").asInt()).isEqualTo(2);
    assertThat(body.path("recent")).hasSize(2);
    JsonNode latest = body.path("recent").get(0);
    assertThat(latest.path("won").asBoolean())
        .isEqualTo(
            latest.path("team").asInt()
                == last(ann.socket(), "game_over").path("winnerTeam").asInt());
    assertThat(latest.path("ratingAfter").asDouble()).isCloseTo(now.ordinal(), within(1e-9));
    assertThat(body.path("ratingHistory")).hasSize(2);
    assertThat(body.path("ratingHistory").get(1).path("mu").asDouble()).isEqualTo(now.mu());

    // Two rated games are fewer than the leaderboard asks for (hokm.leaderboard.min-games, 10).
    assertThat(new Http(port).get("/api/leaderboard?limit=100").body())
        .doesNotContain(ann.username());
    // Ten rated games and a rating above anyone else's: first on the board.
    jdbc.update(
        "UPDATE players SET rated_games = 10, total_games = total_games + 8, rating_mu = 90,"
            + " rating_sigma = 1 WHERE id = ?",
        ann.id());
    JsonNode board = new Http(port).get("/api/leaderboard?limit=100").json().path("players");
    assertThat(board.get(0).path("username").asString()).isEqualTo(ann.username());
    assertThat(board.get(0).path("rank").asInt()).isEqualTo(1);
    assertThat(board.get(0).path("rating").asDouble()).isEqualTo(87.0);
    assertThat(board.get(0).path("mu").asDouble()).isEqualTo(90.0);
    jdbc.update(
        "UPDATE players SET rated_games = 2, total_games = total_games - 8, rating_mu = ?,"
            + " rating_sigma = ? WHERE id = ?",
        now.mu(),
        now.sigma(),
        ann.id());
  }

  @Test
  void botsPlayAsTheirLevelsFixedRatingWhichNeverChanges() {
    Seated human = register("r-solo");
    Rating hard = botRating("hard");
    assertThat(hard).isEqualTo(new Rating(27.86, 1));
    int[] seats = sit(List.of(human), Map.of("fillWithBots", true, "botLevel", "hard"));
    JsonNode over = play(List.of(human), seats, 7);
    flush();
    Rating[] bySeat = {hard, hard, hard, hard};
    bySeat[seats[0]] = OpenSkill.initial();
    Rating[] after = expected(bySeat, over.path("winnerTeam").asInt());
    assertRating(stored(human.id()), after[seats[0]], "the human");
    assertThat(botRating("hard")).as("never updated").isEqualTo(hard);
    assertThat(history(lastSession(human.id()))).hasSize(1);
  }

  @Test
  void guestsPlayAsNewPlayersAndStayUnrated() {
    Seated ann = register("r-host");
    Seated ben = register("r-mate");
    Seated guest1 = guest();
    Seated guest2 = guest();
    List<Seated> players = List.of(ann, guest1, ben, guest2);
    int[] seats = sit(players, Map.of());
    JsonNode over = play(players, seats, 11);
    flush();
    Rating[] bySeat = new Rating[4];
    for (int i = 0; i < 4; i++) {
      bySeat[seats[i]] = OpenSkill.initial();
    }
    Rating[] after = expected(bySeat, over.path("winnerTeam").asInt());
    assertRating(stored(ann.id()), after[seats[0]], "ann");
    assertRating(stored(ben.id()), after[seats[2]], "ben");
    for (Seated guest : List.of(guest1, guest2)) {
      assertThat(stored(guest.id())).isEqualTo(OpenSkill.initial());
      assertThat(ratedGames(guest.id())).isZero();
      JsonNode profile = new Http(port).get("/api/players/" + guest.username()).json();
      assertThat(profile.path("guest").asBoolean()).isTrue();
      assertThat(profile.path("rating").isNull()).isTrue();
      assertThat(profile.path("games").asInt()).as("the record is kept").isEqualTo(1);
      assertThat(profile.path("ratingHistory")).isEmpty();
    }
    assertThat(history(lastSession(ann.id())))
        .extracting(r -> r.get("player_id"))
        .containsExactlyInAnyOrder(ann.id(), ben.id());
    // Quick match sees the same: the recorded ordinal, and a guest as a new player.
    assertThat(quickMatchRatings.ordinal(ann.id()))
        .isCloseTo(stored(ann.id()).ordinal(), within(1e-9));
    assertThat(quickMatchRatings.ordinal(guest1.id()))
        .isEqualTo(hokm.table.PlayerRatings.DEFAULT_ORDINAL);
    assertThat(quickMatchRatings.botOrdinal(hokm.table.BotLevel.HARD))
        .isCloseTo(27.86 - 3, within(1e-9));
  }

  @Test
  void aForfeitIsALossForTheTeamThatLeftAndAnAbandonedGameChangesNothing() {
    List<Seated> players =
        List.of(register("r-f1"), register("r-f2"), register("r-f3"), register("r-f4"));
    int[] seats = sit(players, Map.of());
    for (Seated player : players) {
      player.socket().awaitType("game_started");
    }
    List<Seated> leaving = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (seats[i] % 2 == 1) {
        leaving.add(players.get(i));
      }
    }
    for (Seated player : leaving) {
      player.socket().request(Map.of("type", "leave_table"));
    }
    Seated staying = players.stream().filter(p -> !leaving.contains(p)).findFirst().get();
    JsonNode over = staying.socket().awaitType("game_over");
    assertThat(over.path("reason").asString()).isEqualTo("forfeit");
    assertThat(over.path("winnerTeam").asInt()).isEqualTo(1);
    flush();
    Rating fresh = OpenSkill.initial();
    Rating[] after = expected(new Rating[] {fresh, fresh, fresh, fresh}, 1);
    for (int i = 0; i < 4; i++) {
      assertRating(stored(players.get(i).id()), after[seats[i]], "forfeit seat " + seats[i]);
    }
    assertThat(history(lastSession(players.get(0).id()))).hasSize(4);

    Seated quitter = register("r-quit");
    sit(List.of(quitter), Map.of("fillWithBots", true));
    quitter.socket().awaitType("game_started");
    quitter.socket().request(Map.of("type", "leave_table"));
    flush();
    UUID session = lastSession(quitter.id());
    assertThat(
            jdbc.queryForObject(
                "SELECT end_reason FROM game_sessions WHERE id = ?", String.class, session))
        .isEqualTo("abandoned");
    assertThat(stored(quitter.id())).isEqualTo(OpenSkill.initial());
    assertThat(ratedGames(quitter.id())).isZero();
    assertThat(history(session)).isEmpty();
  }

  @Test
  void anUnknownNameHasNoProfile() {
    Http http = new Http(port);
    // The caller's own account is not a profile: it still needs a token.
    assertThat(http.get("/api/players/me").status()).isEqualTo(401);
    assertThat(http.get("/api/players/me/games").status()).isEqualTo(401);
    for (String name :
        List.of("nobody-" + UUID.randomUUID().toString().substring(0, 8), "x", "a%20b")) {
      Http.Response answer = http.get("/api/players/" + name);
      assertThat(answer.status()).as(name).isEqualTo(404);
      assertThat(answer.code()).isEqualTo("NOT_FOUND");
    }
  }
}
