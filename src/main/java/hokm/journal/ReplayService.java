package hokm.journal;

import hokm.engine.Card;
import hokm.engine.Game;
import hokm.engine.GameEvent;
import hokm.engine.Move;
import hokm.engine.Rules;
import hokm.engine.Seats;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds a recorded game from its deal secret (or, for a game recorded before those, its seed)
 * and its moves, and checks that the replay deals the recorded cards and reaches the recorded
 * result. A replay shows every hand's cards and the deal secret, so only games that are over are
 * replayed.
 */
@Service
public class ReplayService {
  private final JdbcTemplate jdbc;
  private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new tools.jackson.core.type.TypeReference<>() {};
  private final JsonMapper json = JsonMapper.builder().build();

  public ReplayService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Why a game cannot be replayed. */
  public enum Refusal {
    NOT_FOUND,
    NOT_FINISHED
  }

  /** The replay, or why there is none. */
  public record Outcome(Map<String, Object> replay, Refusal refusal) {}

  private record Session(
      String status,
      long seed,
      byte[] dealSecret,
      Rules rules,
      String endReason,
      Integer winnerTeam,
      String scores,
      String botLevel) {

    Game start() {
      return dealSecret != null ? Game.start(dealSecret, rules) : Game.start(seed, rules);
    }
  }

  private record RecordedMove(int sequence, String type, Integer seat, String data) {}

  public Outcome replay(UUID gameId) {
    List<Session> sessions =
        jdbc.query(
            "SELECT status, seed, deal_secret, target_points, kot_scoring, end_reason, winner_team,"
                + " scores::text, bot_level FROM game_sessions WHERE id = ?",
            (row, n) ->
                new Session(
                    row.getString(1),
                    row.getLong(2),
                    row.getBytes(3),
                    new Rules(row.getInt(4), row.getBoolean(5)),
                    row.getString(6),
                    (Integer) row.getObject(7),
                    row.getString(8),
                    row.getString(9)),
            gameId);
    if (sessions.isEmpty()) {
      return new Outcome(null, Refusal.NOT_FOUND);
    }
    Session session = sessions.get(0);
    // The secret (and every hidden card) is revealed only once the game can no longer be played.
    if (session.status().equals("waiting") || session.status().equals("active")) {
      return new Outcome(null, Refusal.NOT_FINISHED);
    }
    List<RecordedMove> moves =
        jdbc.query(
            "SELECT sequence_number, move_type, seat, move_data::text FROM game_moves"
                + " WHERE game_session_id = ? ORDER BY sequence_number",
            (row, n) ->
                new RecordedMove(
                    row.getInt(1), row.getString(2), (Integer) row.getObject(3), row.getString(4)),
            gameId);
    List<Map<String, Object>> seats =
        jdbc.query(
            "SELECT p.position, p.team, p.is_bot, p.bot_kind, pl.username, p.left_at IS NOT NULL"
                + " FROM game_participants p LEFT JOIN players pl ON pl.id = p.player_id"
                + " WHERE p.game_session_id = ? ORDER BY p.position",
            (row, n) -> {
              Map<String, Object> seat = new LinkedHashMap<>();
              seat.put("seat", row.getInt(1));
              seat.put("team", row.getInt(2));
              seat.put("bot", row.getBoolean(3));
              if (row.getBoolean(3)) {
                seat.put("botKind", row.getString(4));
              }
              seat.put("username", row.getBoolean(3) ? "Bot" : row.getString(5));
              seat.put("left", row.getBoolean(6));
              return seat;
            },
            gameId);
    return new Outcome(rebuild(gameId, session, moves, seats), null);
  }

  private Map<String, Object> rebuild(
      UUID gameId, Session session, List<RecordedMove> moves, List<Map<String, Object>> seats) {
    List<String> mismatches = new ArrayList<>();
    Map<String, Object> replay = new LinkedHashMap<>();
    replay.put("gameId", gameId.toString());
    replay.put("status", session.status());
    replay.put(
        "rules",
        Map.of(
            "targetPoints", session.rules().targetPoints(), "kot", session.rules().kotScoring()));
    replay.put("botLevel", session.botLevel());
    replay.put("seats", seats);
    // With the secret anyone can deal the game again (docs/security.md) and check the replay.
    replay.put("dealtFrom", session.dealSecret() != null ? "secret" : "seed");
    if (session.dealSecret() != null) {
      replay.put("dealSecret", HexFormat.of().formatHex(session.dealSecret()));
    }
    if (moves.isEmpty()) {
      replay.put("hands", List.of());
      replay.put("result", recordedResult(session));
      replay.put("verified", true);
      replay.put("mismatches", mismatches);
      return replay;
    }
    Game game = session.start();
    GameEvent.HakemChosen ceremony = game.ceremony();
    replay.put(
        "hakemChosen",
        Map.of(
            "hakem", ceremony.hakem(),
            "firstSeat", ceremony.firstSeat(),
            "dealt", cards(ceremony.dealt())));
    List<Map<String, Object>> hands = new ArrayList<>();
    Map<String, Object> hand = newHand(game);
    hands.add(hand);
    List<Map<String, Object>> tricks = new ArrayList<>();
    List<Map<String, Object>> trick = new ArrayList<>();
    int expectedSequence = 1;
    for (RecordedMove recorded : moves) {
      if (recorded.sequence() != expectedSequence) {
        mismatches.add("move " + expectedSequence + " is missing");
        expectedSequence = recorded.sequence();
      }
      expectedSequence++;
      JsonNode data = json.readTree(recorded.data());
      if (recorded.type().equals("deal")) {
        checkDeal(game, data, hand, mismatches);
        continue;
      }
      Move move =
          hokm.table.GameRecorder.RecordedMove.toMove(
              recorded.type(),
              recorded.seat() == null ? -1 : recorded.seat(),
              json.readValue(recorded.data(), MAP));
      List<GameEvent> events = new ArrayList<>();
      if (move == null || game.apply(move, events::add) != null) {
        mismatches.add("move " + recorded.sequence() + " (" + recorded.type() + ") is refused");
        break;
      }
      for (GameEvent event : events) {
        if (event instanceof GameEvent.TrumpChosen chosen) {
          hand.put("trump", chosen.trump().wireName());
        } else if (event instanceof GameEvent.CardPlayed played) {
          trick.add(Map.of("seat", played.seat(), "card", card(played.card())));
        } else if (event instanceof GameEvent.TrickWon won) {
          tricks.add(Map.of("number", tricks.size() + 1, "cards", trick, "winner", won.seat()));
          trick = new ArrayList<>();
        } else if (event instanceof GameEvent.HandOver over) {
          hand.put("tricks", tricks);
          hand.put(
              "result",
              Map.of(
                  "winnerTeam", over.winnerTeam(),
                  "points", over.points(),
                  "kot", over.kot(),
                  "hakemKot", over.hakemKot(),
                  "tricks", teams(over.tricks().team1(), over.tricks().team2()),
                  "scores", teams(over.scores().team1(), over.scores().team2())));
          tricks = new ArrayList<>();
        } else if (event instanceof GameEvent.HandStarted) {
          hand = newHand(game);
          hands.add(hand);
        }
      }
    }
    if (!hand.containsKey("result")) {
      hand.put("tricks", tricks);
      if (!trick.isEmpty()) {
        hand.put("unfinishedTrick", trick);
      }
    }
    replay.put("hands", hands);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("winnerTeam", game.winnerTeam());
    result.put("scores", teams(game.scoresNow().team1(), game.scoresNow().team2()));
    result.put("reason", game.endReason() == null ? null : game.endReason().name().toLowerCase());
    replay.put("result", result);
    compare(session, game, mismatches);
    replay.put("verified", mismatches.isEmpty());
    replay.put("mismatches", mismatches);
    return replay;
  }

  /** Whether the recorded deal is the one the replay dealt, from the game's secret or seed. */
  private void checkDeal(
      Game game, JsonNode data, Map<String, Object> hand, List<String> mismatches) {
    int number = ((Number) hand.get("handNumber")).intValue();
    if (!game.dealtFromSecret() && data.path("handSeed").asLong() != game.handSeed(number)) {
      mismatches.add("hand " + number + " was not dealt from the game's seed");
    }
    if (data.has("hands") && !data.path("hands").equals(json.valueToTree(hand.get("deal")))) {
      mismatches.add("hand " + number + " was not dealt as recorded");
    }
    if (number == 1 && data.has("hakemChosen")) {
      GameEvent.HakemChosen ceremony = game.ceremony();
      JsonNode recorded = data.path("hakemChosen");
      if (recorded.path("hakem").asInt(-1) != ceremony.hakem()
          || recorded.path("firstSeat").asInt(-1) != ceremony.firstSeat()
          || !recorded.path("dealt").equals(json.valueToTree(cards(ceremony.dealt())))) {
        mismatches.add("the first hakem was not chosen as recorded");
      }
    }
  }

  private void compare(Session session, Game game, List<String> mismatches) {
    if (!game.isOver()) {
      mismatches.add("the recorded moves do not end the game");
      return;
    }
    String reason = game.endReason().name().toLowerCase();
    if (!reason.equals(session.endReason())) {
      mismatches.add("recorded end " + session.endReason() + ", replay ends " + reason);
    }
    int recordedWinner = session.winnerTeam() == null ? 0 : session.winnerTeam();
    if (recordedWinner != game.winnerTeam()) {
      mismatches.add("recorded winner " + recordedWinner + ", replay winner " + game.winnerTeam());
    }
    JsonNode scores = json.readTree(session.scores());
    if (scores.path("team1").asInt() != game.scoresNow().team1()
        || scores.path("team2").asInt() != game.scoresNow().team2()) {
      mismatches.add("recorded scores " + session.scores() + " differ from the replay");
    }
  }

  private static Map<String, Object> recordedResult(Session session) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("winnerTeam", session.winnerTeam() == null ? 0 : session.winnerTeam());
    result.put("reason", session.endReason());
    return result;
  }

  private static Map<String, Object> newHand(Game game) {
    Map<String, Object> hand = new LinkedHashMap<>();
    hand.put("handNumber", game.handNumber());
    hand.put("hakem", game.hakem());
    List<Object> deal = new ArrayList<>();
    for (int seat = 0; seat < Seats.COUNT; seat++) {
      deal.add(cards(game.fullDeal(seat).toList()));
    }
    hand.put("deal", deal);
    return hand;
  }

  private static List<Object> cards(List<Card> cards) {
    List<Object> list = new ArrayList<>();
    for (Card card : cards) {
      list.add(card(card));
    }
    return list;
  }

  private static Map<String, Object> card(Card card) {
    return Map.of("suit", card.suit().wireName(), "rank", card.rank().symbol());
  }

  private static Map<String, Object> teams(int team1, int team2) {
    return Map.of("team1", team1, "team2", team2);
  }

  /**
   * Whether this player may read the game's replay: anyone for a public game, only the players who
   * sat at it for a private one. An unknown game answers true, so the caller reports it as missing.
   */
  public boolean mayRead(UUID gameId, UUID playerId) {
    Boolean allowed =
        jdbc.queryForObject(
            "SELECT NOT coalesce((SELECT s.is_private FROM game_sessions s WHERE s.id = ?), false)"
                + " OR EXISTS (SELECT 1 FROM game_participants p"
                + " WHERE p.game_session_id = ? AND p.player_id = ?)",
            Boolean.class,
            gameId,
            gameId,
            playerId);
    return Boolean.TRUE.equals(allowed);
  }
}
