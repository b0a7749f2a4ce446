package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Card;
import hokm.engine.CardSet;
import hokm.engine.EndReason;
import hokm.engine.GameEvent;
import hokm.engine.Move;
import hokm.engine.Rank;
import hokm.engine.Referee;
import hokm.engine.Rules;
import hokm.engine.Suit;
import hokm.engine.TeamCounts;
import hokm.protocol.ProtocolSchema;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Four real WebSocket clients play whole games; every frame is checked against the rules. */
@IntegrationTest
class GameplayTest {
  @LocalServerPort int port;

  @Test
  void fourPlayersPlayAPrivateTableToTheEndAndEveryFrameObeysTheRules() {
    List<WsClient> clients = Players.guests(port, 4);
    int[] seats = new int[4];
    JsonNode created = Players.seatAtPrivateTable(clients, Map.of("targetPoints", 2), seats);
    assertThat(created.path("code").asString()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(seats).containsExactlyInAnyOrder(0, 1, 2, 3);

    Players.playUntilGameOver(clients, seats, new Random(1));

    checkAgainstTheRules(clients, seats, new Rules(2, true));
    checkTheRecord(clients, seats, created.path("tableId").asString());
    everyFrameSentFollowsTheSchema(clients);
    for (WsClient client : clients) {
      client.close();
    }
  }

  /**
   * Every game is dealt from its own 256-bit secret. While the game is played no frame to a seat or
   * a spectator and no REST answer holds it (in hex or base64) or any seed; once it is over the
   * replay shows it, and dealing from it gives the cards everybody saw.
   */
  @Test
  void aGameIsDealtFromASecretThatNobodySeesUntilTheReplay() {
    List<WsClient> clients = Players.guests(port, 4);
    int[] seats = new int[4];
    JsonNode created =
        clients
            .get(0)
            .request(
                Map.of("type", "create_table", "private", true, "targetPoints", 1, "kot", true));
    seats[0] = Players.seatOf(created);
    String code = created.path("code").asString();
    // The spectator is there before the game starts, so it sees every public frame of it.
    WsClient spectator = Players.guest(port);
    assertThat(spectator.request(Map.of("type", "spectate", "code", code)).path("type").asString())
        .isEqualTo("table_state");
    for (int i = 1; i < 4; i++) {
      seats[i] = Players.seatOf(clients.get(i).request(Map.of("type", "join_table", "code", code)));
    }
    String tableId = created.path("tableId").asString();
    assertThat(journal.flush(java.time.Duration.ofSeconds(20))).isTrue();
    java.util.UUID session =
        jdbc.queryForObject(
            "SELECT id FROM game_sessions WHERE room_id = ?", java.util.UUID.class, tableId + "#1");
    hokm.testsupport.Http http = new hokm.testsupport.Http(port);
    hokm.testsupport.Http.Response during =
        http.get("/api/games/" + session + "/replay", clients.get(0).token());
    assertThat(during.status()).isEqualTo(409);

    Players.playUntilGameOver(clients, seats, new Random(5));
    spectator.awaitType("game_over");
    assertThat(journal.flush(java.time.Duration.ofSeconds(20))).isTrue();

    Map<String, Object> row =
        jdbc.queryForMap("SELECT seed, deal_secret FROM game_sessions WHERE id = ?", session);
    assertThat(row.get("seed")).as("a game dealt from a secret has no seed").isNull();
    byte[] secret = (byte[]) row.get("deal_secret");
    assertThat(secret).hasSize(32);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM game_hands WHERE game_session_id = ? AND hand_seed IS NOT NULL",
                Long.class,
                session))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM game_moves WHERE game_session_id = ? AND move_type = 'deal'"
                    + " AND move_data->'handSeed' IS NOT NULL",
                Long.class,
                session))
        .isZero();

    List<String> forms = secretForms(secret);
    List<WsClient> everyone = new ArrayList<>(clients);
    everyone.add(spectator);
    for (WsClient client : everyone) {
      for (JsonNode frame : client.received()) {
        String text = frame.toString();
        assertThat(text.toLowerCase()).doesNotContain("seed").doesNotContain("secret");
        for (String form : forms) {
          assertThat(text).doesNotContain(form);
        }
      }
    }
    for (String form : forms) {
      assertThat(during.body()).doesNotContain(form);
    }

    // The face-up deal everybody saw is the one the secret gives.
    JsonNode hakemChosen =
        spectator.received().stream()
            .filter(f -> f.path("type").asString().equals("hakem_chosen"))
            .findFirst()
            .orElseThrow();
    GameEvent.HakemChosen ceremony = hokm.engine.Game.start(secret, new Rules(1, true)).ceremony();
    assertThat(hakemChosen.path("hakem").asInt()).isEqualTo(ceremony.hakem());
    List<Card> dealt = new ArrayList<>();
    hakemChosen.path("dealt").forEach(node -> dealt.add(card(node)));
    assertThat(dealt).isEqualTo(ceremony.dealt());

    hokm.testsupport.Http.Response replay =
        http.get("/api/games/" + session + "/replay", clients.get(1).token());
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    JsonNode body = replay.json();
    assertThat(body.path("verified").asBoolean()).as(body.path("mismatches").toString()).isTrue();
    assertThat(body.path("dealtFrom").asString()).isEqualTo("secret");
    assertThat(body.path("dealSecret").asString())
        .isEqualTo(java.util.HexFormat.of().formatHex(secret));
    everyFrameSentFollowsTheSchema(everyone);
    for (WsClient client : everyone) {
      client.close();
    }
  }

  /** Every frame these clients sent is valid by docs/protocol/client-frames.schema.json. */
  static void everyFrameSentFollowsTheSchema(List<WsClient> clients) {
    com.networknt.schema.Schema schema = ProtocolSchema.committedClientFrames();
    int frames = 0;
    for (WsClient client : clients) {
      for (JsonNode frame : client.sent()) {
        assertThat(ProtocolSchema.problems(schema, frame)).as(frame.toString()).isEmpty();
        frames++;
      }
    }
    assertThat(frames).isPositive();
  }

  /** The ways a secret could be written: hex in both cases, base64 with and without padding. */
  private static List<String> secretForms(byte[] secret) {
    java.util.HexFormat hex = java.util.HexFormat.of();
    return List.of(
        hex.formatHex(secret),
        hex.withUpperCase().formatHex(secret),
        java.util.Base64.getEncoder().withoutPadding().encodeToString(secret),
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The database holds exactly what the clients saw, and the replay reproduces it. */
  private void checkTheRecord(List<WsClient> clients, int[] seats, String tableId) {
    assertThat(journal.flush(java.time.Duration.ofSeconds(20))).isTrue();
    java.util.UUID session =
        jdbc.queryForObject(
            "SELECT id FROM game_sessions WHERE room_id = ?", java.util.UUID.class, tableId + "#1");
    List<JsonNode> seen = clients.get(0).received();
    JsonNode over =
        seen.stream()
            .filter(f -> f.path("type").asString().equals("game_over"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT status, end_reason, winner_team, scores->>'team1' AS t1, scores->>'team2' AS t2,"
                + " started_at IS NOT NULL AND completed_at IS NOT NULL AS timed"
                + " FROM game_sessions WHERE id = ?",
            session);
    assertThat(row.get("status")).isEqualTo("completed");
    assertThat(row.get("end_reason")).isEqualTo("finished");
    assertThat(((Number) row.get("winner_team")).intValue())
        .isEqualTo(over.path("winnerTeam").asInt());
    assertThat(row.get("t1")).isEqualTo(over.path("scores").path("team1").asString());
    assertThat(row.get("t2")).isEqualTo(over.path("scores").path("team2").asString());
    assertThat(row.get("timed")).isEqualTo(true);

    // Participants: each player at the seat they were told, on the right team.
    for (int i = 0; i < 4; i++) {
      String playerId = welcomeOf(clients.get(i)).path("player").path("id").asString();
      Map<String, Object> participant =
          jdbc.queryForMap(
              "SELECT position, team, is_bot FROM game_participants"
                  + " WHERE game_session_id = ? AND player_id = ?::uuid",
              session,
              playerId);
      assertThat(((Number) participant.get("position")).intValue()).isEqualTo(seats[i]);
      assertThat(((Number) participant.get("team")).intValue()).isEqualTo(seats[i] % 2 + 1);
      assertThat(participant.get("is_bot")).isEqualTo(false);
      Map<String, Object> player =
          jdbc.queryForMap(
              "SELECT total_games, wins, losses FROM players WHERE id = ?::uuid", playerId);
      boolean won = seats[i] % 2 + 1 == over.path("winnerTeam").asInt();
      assertThat(player.get("total_games")).isEqualTo(1);
      assertThat(player.get("wins")).isEqualTo(won ? 1 : 0);
      assertThat(player.get("losses")).isEqualTo(won ? 0 : 1);
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM websocket_connections WHERE player_id = ?::uuid",
                  Long.class,
                  playerId))
          .isEqualTo(1L);
    }

    // Moves: in order, no gaps, exactly the cards and trumps the clients saw.
    List<Map<String, Object>> moves =
        jdbc.queryForList(
            "SELECT sequence_number, move_type, seat, move_data->'card'->>'suit' AS suit,"
                + " move_data->'card'->>'rank' AS rank, move_data->>'suit' AS trump"
                + " FROM game_moves WHERE game_session_id = ? ORDER BY sequence_number",
            session);
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < moves.size(); i++) {
      Map<String, Object> move = moves.get(i);
      assertThat(((Number) move.get("sequence_number")).intValue()).isEqualTo(i + 1);
      switch ((String) move.get("move_type")) {
        case "deal" -> recorded.add("deal");
        case "choose_trump" -> recorded.add("trump " + move.get("seat") + " " + move.get("trump"));
        case "play_card" ->
            recorded.add(
                "card " + move.get("seat") + " " + move.get("rank") + " " + move.get("suit"));
        default -> recorded.add((String) move.get("move_type"));
      }
    }
    List<String> observed = new ArrayList<>();
    for (JsonNode frame : seen) {
      switch (frame.path("type").asString()) {
        case "hand_started" -> observed.add("deal");
        case "trump_chosen" ->
            observed.add(
                "trump " + frame.path("hakem").asInt() + " " + frame.path("trump").asString());
        case "card_played" ->
            observed.add(
                "card "
                    + frame.path("seat").asInt()
                    + " "
                    + frame.path("card").path("rank").asString()
                    + " "
                    + frame.path("card").path("suit").asString());
        default -> {}
      }
    }
    assertThat(recorded).isEqualTo(observed);

    // The replay rebuilds the game from the record and reaches the recorded result.
    // The table is private: its replay is for its players; to anyone else the game does not exist.
    hokm.testsupport.Http http = new hokm.testsupport.Http(port);
    hokm.testsupport.Http.Response stranger =
        http.get("/api/games/" + session + "/replay", Players.guestToken(port));
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.code()).isEqualTo("NOT_FOUND");
    hokm.testsupport.Http.Response replay =
        http.get("/api/games/" + session + "/replay", clients.get(3).token());
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    JsonNode body = replay.json();
    assertThat(body.path("verified").asBoolean()).as(body.path("mismatches").toString()).isTrue();
    assertThat(body.path("result").path("winnerTeam").asInt())
        .isEqualTo(over.path("winnerTeam").asInt());
    assertThat(body.path("hands").get(0).path("deal").get(0).size()).isEqualTo(13);
  }

  private static JsonNode welcomeOf(WsClient client) {
    return client.received().stream()
        .filter(f -> f.path("type").asString().equals("welcome"))
        .findFirst()
        .orElseThrow();
  }

  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired hokm.journal.internal.JournalWriter journal;

  @Test
  void aReplayIsRefusedForUnknownAndUnfinishedGames() {
    WsClient player = Players.guest(port);
    JsonNode created =
        player.request(Map.of("type", "create_table", "fillWithBots", true, "turnSeconds", 300));
    assertThat(journal.flush(java.time.Duration.ofSeconds(10))).isTrue();
    java.util.UUID session =
        jdbc.queryForObject(
            "SELECT id FROM game_sessions WHERE room_id = ?",
            java.util.UUID.class,
            created.path("tableId").asString() + "#1");
    String token = player.token();
    hokm.testsupport.Http http = new hokm.testsupport.Http(port);
    hokm.testsupport.Http.Response active = http.get("/api/games/" + session + "/replay", token);
    assertThat(active.status()).isEqualTo(409);
    assertThat(active.code()).isEqualTo("GAME_NOT_FINISHED");
    assertThat(http.get("/api/games/" + java.util.UUID.randomUUID() + "/replay", token).code())
        .isEqualTo("NOT_FOUND");
    assertThat(http.get("/api/games/not-an-id/replay", token).status()).isEqualTo(404);
    assertThat(http.get("/api/games/" + session + "/replay").status()).isEqualTo(401);
    player.close();
  }

  /**
   * Rebuilds the game from what the four clients received and replays it through an independent
   * referee; checks that seq has no gaps, and that no frame to a player holds another's card.
   */
  static void checkAgainstTheRules(List<WsClient> clients, int[] seats, Rules rules) {
    List<TreeMap<Long, JsonNode>> bySeq = new ArrayList<>();
    for (WsClient client : clients) {
      TreeMap<Long, JsonNode> frames = new TreeMap<>();
      for (JsonNode frame : client.received()) {
        if (frame.has("seq") && !frame.path("type").asString().equals("table_state")) {
          JsonNode previous = frames.put(frame.path("seq").asLong(), frame);
          assertThat(previous).as("one frame per seq").isNull();
        }
        assertThat(frame.toString()).doesNotContain("seed");
      }
      bySeq.add(frames);
    }
    long start =
        bySeq.get(0).entrySet().stream()
            .filter(e -> e.getValue().path("type").asString().equals("game_started"))
            .findFirst()
            .orElseThrow()
            .getKey();
    long end = bySeq.get(0).lastKey();
    for (TreeMap<Long, JsonNode> frames : bySeq) {
      assertThat(frames.subMap(start, true, end, true).keySet())
          .as("every client sees every seq from the start of the game, without gaps")
          .hasSize((int) (end - start + 1));
    }

    Referee referee = new Referee(rules);
    List<GameEvent> opening = new ArrayList<>();
    Move pendingMove = null;
    List<GameEvent> pendingEvents = new ArrayList<>();
    int hakem = -1;
    for (long seq = start + 1; seq <= end; seq++) {
      JsonNode frame = bySeq.get(0).get(seq);
      String type = frame.path("type").asString();
      GameEvent event = null;
      Move move = null;
      switch (type) {
        case "hakem_chosen" -> {
          hakem = frame.path("hakem").asInt();
          List<Card> dealt = new ArrayList<>();
          frame.path("dealt").forEach(node -> dealt.add(card(node)));
          assertThat(dealt.get(dealt.size() - 1).rank()).isEqualTo(Rank.ACE);
          event = new GameEvent.HakemChosen(hakem, frame.path("firstSeat").asInt(), dealt);
        }
        case "hand_started" -> {
          hakem = frame.path("hakem").asInt();
          event = new GameEvent.HandStarted(frame.path("handNumber").asInt(), hakem);
        }
        case "cards_dealt" -> {
          for (int k = 0; k < 4; k++) {
            int seat = (hakem + k) % 4;
            JsonNode own = bySeq.get(indexOf(seats, seat)).get(seq);
            GameEvent dealt =
                new GameEvent.CardsDealt(seat, cards(own.path("cards")), cards(own.path("hand")));
            (pendingMove == null ? opening : pendingEvents).add(dealt);
          }
        }
        case "trump_chosen" -> {
          Suit trump = Suit.fromWireName(frame.path("trump").asString());
          move = new Move.ChooseTrump(frame.path("hakem").asInt(), trump);
          event = new GameEvent.TrumpChosen(frame.path("hakem").asInt(), trump);
        }
        case "card_played" -> {
          Card card = card(frame.path("card"));
          move = new Move.PlayCard(frame.path("seat").asInt(), card);
          event = new GameEvent.CardPlayed(frame.path("seat").asInt(), card);
        }
        case "trick_won" ->
            event =
                new GameEvent.TrickWon(
                    frame.path("seat").asInt(),
                    frame.path("team").asInt(),
                    teams(frame.path("tricks")));
        case "hand_over" ->
            event =
                new GameEvent.HandOver(
                    frame.path("handNumber").asInt(),
                    frame.path("winnerTeam").asInt(),
                    frame.path("points").asInt(),
                    frame.path("kot").asBoolean(),
                    frame.path("hakemKot").asBoolean(),
                    teams(frame.path("tricks")),
                    teams(frame.path("scores")),
                    frame.path("nextHakem").asInt());
        case "game_over" ->
            event =
                new GameEvent.GameOver(
                    frame.path("winnerTeam").asInt(),
                    teams(frame.path("scores")),
                    EndReason.valueOf(frame.path("reason").asString().toUpperCase()));
        case "turn" -> {
          for (int i = 0; i < 4; i++) {
            JsonNode own = bySeq.get(i).get(seq);
            boolean mine = own.path("seat").asInt() == seats[i];
            boolean playing = own.path("phase").asString().equals("playing");
            assertThat(own.has("legal"))
                .as("legal only to the player to move")
                .isEqualTo(mine && playing);
          }
        }
        default -> {}
      }
      if (move != null) {
        if (pendingMove == null) {
          referee.opening(opening);
        } else {
          referee.accepted(pendingMove, pendingEvents);
        }
        pendingMove = move;
        pendingEvents = new ArrayList<>();
      }
      if (event != null) {
        (pendingMove == null ? opening : pendingEvents).add(event);
      }
    }
    referee.accepted(pendingMove, pendingEvents);
    referee.finished();

    // No frame to a player holds a card dealt to another seat in that hand.
    for (int i = 0; i < 4; i++) {
      Map<Integer, CardSet> ownDeal = new HashMap<>();
      int hand = 0;
      for (JsonNode frame : clients.get(i).received()) {
        String type = frame.path("type").asString();
        if (type.equals("hand_started")) {
          hand = frame.path("handNumber").asInt();
        }
        if (type.equals("cards_dealt")) {
          ownDeal.merge(hand, cards(frame.path("cards")), CardSet::union);
        }
        for (String field : List.of("cards", "hand", "legal")) {
          if (frame.has(field) && frame.get(field).isArray()) {
            CardSet shown = cards(frame.get(field));
            assertThat(shown.minus(ownDeal.getOrDefault(hand, CardSet.EMPTY)).isEmpty())
                .as("frame %s to seat %d shows only its own cards", frame, seats[i])
                .isTrue();
          }
        }
      }
    }
  }

  private static int indexOf(int[] seats, int seat) {
    for (int i = 0; i < seats.length; i++) {
      if (seats[i] == seat) {
        return i;
      }
    }
    throw new AssertionError("no client at seat " + seat);
  }

  static Card card(JsonNode node) {
    return hokm.testsupport.TestFrames.card(node);
  }

  static CardSet cards(JsonNode array) {
    return hokm.testsupport.TestFrames.cards(array);
  }

  private static TeamCounts teams(JsonNode node) {
    return new TeamCounts(node.path("team1").asInt(), node.path("team2").asInt());
  }
}
