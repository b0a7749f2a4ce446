package hokm.table;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/tables/live}: public games being played, for spectators to pick from. */
@IntegrationTest
class LiveTablesTest {
  @LocalServerPort int port;

  private JsonNode find(JsonNode tables, String tableId) {
    for (JsonNode table : tables) {
      if (table.path("tableId").asString().equals(tableId)) {
        return table;
      }
    }
    return null;
  }

  @Test
  void publicGamesBeingPlayedAreListedWithPublicFactsOnlyAndPrivateOnesNever() {
    Http http = new Http(port);
    try (WsClient host = TestFrames.guest(port);
        WsClient friend = TestFrames.guest(port)) {
      JsonNode open =
          host.request(Map.of("type", "create_table", "private", false, "fillWithBots", true));
      String publicId = open.path("tableId").asString();
      JsonNode hidden =
          friend.request(Map.of("type", "create_table", "private", true, "fillWithBots", true));
      String privateId = hidden.path("tableId").asString();
      host.awaitType("game_started");
      friend.awaitType("game_started");

      String watcher = TestFrames.guestToken(port);
      Http.Response answer = http.get("/api/tables/live?limit=50", watcher);
      assertThat(answer.status()).isEqualTo(200);
      JsonNode tables = answer.json().path("tables");
      JsonNode listed = find(tables, publicId);
      assertThat(listed).as(answer.body()).isNotNull();
      assertThat(find(tables, privateId)).as("a private table is never listed").isNull();
      assertThat(listed.path("handNumber").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(listed.path("targetPoints").asInt()).isEqualTo(7);
      assertThat(listed.path("scores").path("team1").isInt()).isTrue();
      assertThat(listed.path("seats")).hasSize(4);
      int humans = 0;
      for (JsonNode seat : listed.path("seats")) {
        if (!seat.path("bot").asBoolean()) {
          humans++;
          assertThat(seat.path("username").asString()).startsWith("guest-");
        }
      }
      assertThat(humans).isEqualTo(1);
      // Nothing a spectator could not see: no cards, codes or player ids.
      assertThat(answer.body()).doesNotContain("rank", "suit", "code", "playerId");

      // The listing's id is what spectate takes.
      try (WsClient spectator = WsClient.login(port, watcher)) {
        JsonNode state = spectator.request(Map.of("type", "spectate", "tableId", publicId));
        assertThat(state.path("type").asString()).isEqualTo("table_state");
        assertThat(state.path("you").isNull()).isTrue();
      }
    }
  }

  @Test
  void theListNeedsATokenAndABoundedLimit() {
    Http http = new Http(port);
    assertThat(http.get("/api/tables/live").status()).isEqualTo(401);
    String token = TestFrames.guestToken(port);
    for (String limit : new String[] {"0", "51", "-3"}) {
      Http.Response refused = http.get("/api/tables/live?limit=" + limit, token);
      assertThat(refused.status()).as(limit).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("VALIDATION");
    }
    Http.Response malformed = http.get("/api/tables/live?limit=many", token);
    assertThat(malformed.status()).isEqualTo(400);
  }
}
