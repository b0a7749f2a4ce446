package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Card;
import hokm.engine.Game;
import hokm.engine.Move;
import hokm.engine.MoveResult;
import hokm.engine.Rank;
import hokm.engine.Referee;
import hokm.engine.Rules;
import hokm.engine.Suit;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A table's bot level over real sockets: asked for, shown, played at and recorded. */
@IntegrationTest
class BotLevelTest {
  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired JdbcTemplate jdbc;
  @Autowired hokm.journal.internal.JournalWriter journal;

  private static String type(JsonNode frame) {
    return frame.path("type").asString();
  }

  /**
   * Three hard bots and a human who lets one turn run out (the bot plays it, at the table's level)
   * play to the end; every move in the record is legal for an independent referee.
   */
  @Test
  void aHardTablesBotsPlayLegalMovesToTheEndAndTheLevelIsShownAndRecorded() {
    double searchesBefore = hardDecisions();
    WsClient human = Players.guest(port);
    JsonNode created =
        human.request(
            Map.of(
                "type",
                "create_table",
                "fillWithBots",
                true,
                "botLevel",
                "hard",
                "targetPoints",
                2,
                "turnSeconds",
                1));
    assertThat(type(created)).as(created.toString()).isEqualTo("table_state");
    assertThat(created.path("botLevel").asString()).isEqualTo("hard");
    int seat = Players.seatOf(created);
    String tableId = created.path("tableId").asString();

    WsClient spectator = Players.guest(port);
    JsonNode watched = spectator.request(Map.of("type", "spectate", "tableId", tableId));
    assertThat(watched.path("botLevel").asString()).isEqualTo("hard");

    Random random = new Random(5);
    boolean letOneRunOut = true;
    JsonNode over = null;
    while (over == null) {
      JsonNode frame = human.await(f -> true, Duration.ofSeconds(30));
      if (type(frame).equals("game_over")) {
        over = frame;
      } else if (type(frame).equals("turn")
          && frame.path("seat").asInt() == seat
          && frame.path("phase").asString().equals("playing")) {
        if (letOneRunOut) {
          letOneRunOut = false;
        } else {
          Players.decide(human, frame, random);
        }
      } else if (type(frame).equals("turn") && frame.path("seat").asInt() == seat) {
        Players.decide(human, frame, random);
      }
    }
    assertThat(over.path("reason").asString()).isEqualTo("finished");
    JsonNode state = human.request(Map.of("type", "sync"));
    assertThat(state.path("botLevel").asString()).isEqualTo("hard");

    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    UUID session =
        jdbc.queryForObject(
            "SELECT id FROM game_sessions WHERE room_id = ?", UUID.class, tableId + "#1");
    assertThat(
            jdbc.queryForObject(
                "SELECT bot_level FROM game_sessions WHERE id = ?", String.class, session))
        .isEqualTo("hard");
    assertThat(
            jdbc.queryForList(
                "SELECT bot_kind FROM game_participants WHERE game_session_id = ? AND is_bot",
                String.class,
                session))
        .containsExactly("search", "search", "search");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM game_moves WHERE game_session_id = ? AND seat = ? AND is_bot",
                Integer.class,
                session,
                seat))
        .as("the move played for the human when their time ran out")
        .isGreaterThanOrEqualTo(1);

    // Every recorded move, replayed from the game's secret, is legal for the referee.
    byte[] secret =
        jdbc.queryForObject(
            "SELECT deal_secret FROM game_sessions WHERE id = ?", byte[].class, session);
    List<Move> moves =
        jdbc.query(
            "SELECT move_type, seat, move_data->>'suit', move_data->'card'->>'suit',"
                + " move_data->'card'->>'rank' FROM game_moves WHERE game_session_id = ?"
                + " AND move_type IN ('choose_trump', 'play_card') ORDER BY sequence_number",
            (row, n) ->
                row.getString(1).equals("choose_trump")
                    ? new Move.ChooseTrump(row.getInt(2), Suit.fromWireName(row.getString(3)))
                    : new Move.PlayCard(
                        row.getInt(2),
                        Card.of(
                            Suit.fromWireName(row.getString(4)),
                            Rank.fromSymbol(row.getString(5)))),
            session);
    Rules rules = new Rules(2, true);
    Game game = Game.start(secret, rules);
    Referee referee = new Referee(rules);
    referee.opening(game.openingEvents());
    for (Move move : moves) {
      assertThat(referee.rejectionOf(move)).as("%s", move).isNull();
      MoveResult result = game.apply(move);
      assertThat(result.isAccepted()).as("%s", move).isTrue();
      referee.accepted(move, result.events());
    }
    assertThat(game.isOver()).isTrue();
    assertThat(game.winnerTeam()).isEqualTo(over.path("winnerTeam").asInt());

    Http.Response replay = new Http(port).get("/api/games/" + session + "/replay", human.token());
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(replay.json().path("botLevel").asString()).isEqualTo("hard");
    assertThat(replay.json().path("verified").asBoolean()).isTrue();

    // The bots' moves (and the one played for the human) were searched on the search pool.
    assertThat(hardDecisions() - searchesBefore).isGreaterThanOrEqualTo(10);
    human.close();
    spectator.close();
  }

  @Test
  void quickMatchTakesALevelAndTablesWithoutOneAreNormal() {
    WsClient easy = Players.guest(port);
    JsonNode state =
        easy.request(Map.of("type", "quick_match", "fillWithBots", true, "botLevel", "easy"));
    assertThat(type(state)).as(state.toString()).isEqualTo("table_state");
    assertThat(state.path("botLevel").asString()).isEqualTo("easy");
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    // Analysts see the level of the games being played.
    assertThat(
            jdbc.queryForObject(
                "SELECT bot_level FROM analytics.active_sessions WHERE room_id = ?",
                String.class,
                state.path("tableId").asString() + "#1"))
        .isEqualTo("easy");
    easy.close();

    WsClient plain = Players.guest(port);
    JsonNode normal =
        plain.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    assertThat(normal.path("botLevel").asString()).isEqualTo("normal");
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(
            jdbc.queryForList(
                "SELECT p.bot_kind FROM game_participants p JOIN game_sessions s"
                    + " ON s.id = p.game_session_id WHERE s.room_id = ? AND p.is_bot",
                String.class,
                normal.path("tableId").asString() + "#1"))
        .containsOnly("heuristic");
    plain.close();
  }

  @Test
  void anUnknownLevelIsABadMessageThatSaysWhichLevelsExist() {
    WsClient client = Players.guest(port);
    for (Object wrong : List.of("expert", "HARD", 3, true)) {
      for (String type : List.of("create_table", "quick_match")) {
        JsonNode error = client.requestError(Map.of("type", type, "botLevel", wrong));
        assertThat(error.path("code").asString()).isEqualTo("BAD_MESSAGE");
        assertThat(error.path("message").asString())
            .isEqualTo("botLevel must be \"easy\", \"normal\" or \"hard\".");
      }
    }
    // Nothing was opened: the player is free to sit.
    JsonNode created =
        client.request(Map.of("type", "create_table", "botLevel", "normal", "turnSeconds", 300));
    assertThat(type(created)).isEqualTo("table_state");
    client.close();
  }

  private double hardDecisions() {
    String metrics = new Http(managementPort).get("/actuator/prometheus").body();
    double total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("hokm_bots_search_decisions_total{")
          && !line.contains("budget=\"heuristic\"")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
