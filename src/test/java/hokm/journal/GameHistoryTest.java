package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.journal.internal.JournalWriter;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/players/me/games}: a player's finished games, each one replayable. */
@IntegrationTest
class GameHistoryTest {
  @LocalServerPort int port;
  @Autowired JournalWriter journal;

  @Test
  void aFinishedGameIsListedForItsPlayerOnlyAndItsReplayOpens() {
    Http http = new Http(port);
    String token = TestFrames.guestToken(port);
    assertThat(http.get("/api/players/me/games", token).json().path("games")).isEmpty();
    String gameId;
    try (WsClient player = WsClient.login(port, token)) {
      JsonNode state =
          player.request(
              Map.of(
                  "type",
                  "create_table",
                  "private",
                  true,
                  "targetPoints",
                  1,
                  "fillWithBots",
                  true));
      int seat = state.path("you").path("seat").asInt();
      TestFrames.playUntilGameOver(List.of(player), new int[] {seat}, new Random(7));
    }
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();

    Http.Response answer = http.get("/api/players/me/games", token);
    assertThat(answer.status()).isEqualTo(200);
    JsonNode games = answer.json().path("games");
    assertThat(games).hasSize(1);
    JsonNode game = games.get(0);
    gameId = game.path("gameId").asString();
    assertThat(game.path("privateTable").asBoolean()).isTrue();
    assertThat(game.path("targetPoints").asInt()).isEqualTo(1);
    assertThat(game.path("endReason").asString()).isEqualTo("finished");
    assertThat(game.path("winnerTeam").asInt()).isIn(1, 2);
    int winner = game.path("winnerTeam").asInt();
    assertThat(game.path("scores").path("team" + winner).asInt()).isEqualTo(1);
    assertThat(game.path("seats")).hasSize(4);
    int seat = game.path("seat").asInt();
    assertThat(game.path("team").asInt()).isEqualTo(seat % 2 + 1);
    assertThat(game.path("seats").get(seat).path("username").asString()).startsWith("guest-");
    assertThat(game.path("endedAt").asString()).isNotEmpty();

    Http.Response replay = http.get("/api/games/" + gameId + "/replay", token);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().path("verified").asBoolean()).isTrue();

    // Someone else does not see it in their list (and a private game's replay stays closed).
    String stranger = TestFrames.guestToken(port);
    assertThat(http.get("/api/players/me/games", stranger).json().path("games")).isEmpty();
    assertThat(http.get("/api/games/" + gameId + "/replay", stranger).status()).isEqualTo(404);
  }

  @Test
  void theListNeedsATokenAndABoundedLimit() {
    Http http = new Http(port);
    assertThat(http.get("/api/players/me/games").status()).isEqualTo(401);
    String token = TestFrames.guestToken(port);
    for (String limit : new String[] {"0", "101"}) {
      Http.Response refused = http.get("/api/players/me/games?limit=" + limit, token);
      assertThat(refused.status()).as(limit).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("VALIDATION");
    }
  }
}
