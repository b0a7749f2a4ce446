package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.Bot;
import hokm.engine.Card;
import hokm.engine.Game;
import hokm.engine.GameEvent;
import hokm.engine.HeuristicBot;
import hokm.engine.Move;
import hokm.engine.Rules;
import hokm.engine.Seats;
import hokm.journal.internal.JournalWriter;
import hokm.table.GameRecorder.EndedGame;
import hokm.table.GameRecorder.OpenedSession;
import hokm.table.GameRecorder.RecordedMove;
import hokm.table.GameRecorder.SeatRecord;
import hokm.table.GameRecorder.StartedGame;
import hokm.table.TableOptions;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestBackends;
import hokm.testsupport.TestFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Games recorded before deal secrets have only a 64-bit seed (deal_secret NULL): they are written
 * here through the journal exactly as the server wrote them then, and their replays still deal them
 * from the seed and verify.
 */
@IntegrationTest
class LegacyReplayTest {
  private static final long SEED = 0x5EED_0F01_D9A3L;
  private static final Rules RULES = new Rules(2, true);

  @LocalServerPort int port;
  @Autowired JournalWriter journal;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aGameDealtFromASeedStillReplaysFromItAndVerifies() {
    UUID session = recordLegacyGame();
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT seed, deal_secret, status FROM game_sessions WHERE id = ?", session);
    assertThat(row.get("seed")).isEqualTo(SEED);
    assertThat(row.get("deal_secret")).isNull();
    assertThat(row.get("status")).isEqualTo("completed");

    String token = TestFrames.guestToken(port);
    Http.Response replay = new Http(port).get("/api/games/" + session + "/replay", token);
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    JsonNode body = replay.json();
    assertThat(body.path("verified").asBoolean()).as(body.path("mismatches").toString()).isTrue();
    assertThat(body.path("dealtFrom").asString()).isEqualTo("seed");
    assertThat(body.has("dealSecret")).isFalse();
    Game expected = Game.start(SEED, RULES);
    assertThat(TestFrames.cards(body.path("hands").get(0).path("deal").get(0)))
        .isEqualTo(expected.fullDeal(0));

    // The check is real: the same record under another seed does not verify.
    new JdbcTemplate(TestBackends.superuser())
        .update("UPDATE game_sessions SET seed = seed + 1 WHERE id = ?", session);
    JsonNode tampered = new Http(port).get("/api/games/" + session + "/replay", token).json();
    assertThat(tampered.path("verified").asBoolean()).isFalse();
    assertThat(tampered.path("mismatches").toString()).contains("was not dealt");
  }

  /** A whole game of four bots from {@link #SEED}, recorded as the server recorded one. */
  private UUID recordLegacyGame() {
    UUID session = UUID.randomUUID();
    UUID table = UUID.randomUUID();
    Instant now = Instant.now();
    journal.sessionOpened(
        new OpenedSession(
            session,
            table,
            table + "#1",
            SEED,
            null,
            new TableOptions(false, RULES.targetPoints(), RULES.kotScoring(), 30, true),
            null,
            now));
    List<SeatRecord> seats = new ArrayList<>();
    for (int seat = 0; seat < Seats.COUNT; seat++) {
      seats.add(new SeatRecord(seat, null, "heuristic", false));
    }
    journal.gameStarted(new StartedGame(session, RULES, seats, now));

    Game game = Game.start(SEED, RULES);
    Bot bot = new HeuristicBot();
    int sequence = 0;
    journal.move(deal(session, ++sequence, game, now));
    while (!game.isOver()) {
      int hand = game.handNumber();
      Move move = bot.decide(game.viewFor(game.turn()));
      int trick = move instanceof Move.PlayCard ? game.trickNumber() : 0;
      List<GameEvent> events = new ArrayList<>();
      assertThat(game.apply(move, events::add)).isNull();
      journal.move(record(session, ++sequence, move, hand, trick, now));
      for (GameEvent event : events) {
        if (event instanceof GameEvent.HandOver over) {
          journal.handOver(session, over, now);
        }
      }
      if (!game.isOver() && game.handNumber() != hand) {
        journal.move(deal(session, ++sequence, game, now));
      }
    }
    journal.gameEnded(
        new EndedGame(
            session,
            true,
            game.winnerTeam(),
            game.scoresNow(),
            game.endReason(),
            Map.of("moves", game.moves().size()),
            seats,
            now));
    return session;
  }

  /**
   * A hand's deal as recorded then: its seed, hakem, the four hands (the first hand's ceremony).
   */
  private static RecordedMove deal(UUID session, int sequence, Game game, Instant at) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("handSeed", game.handSeed(game.handNumber()));
    data.put("hakem", game.hakem());
    List<Object> hands = new ArrayList<>();
    for (int seat = 0; seat < Seats.COUNT; seat++) {
      hands.add(cards(game.fullDeal(seat).toList()));
    }
    data.put("hands", hands);
    if (game.handNumber() == 1) {
      GameEvent.HakemChosen ceremony = game.ceremony();
      data.put(
          "hakemChosen",
          Map.of(
              "hakem",
              ceremony.hakem(),
              "firstSeat",
              ceremony.firstSeat(),
              "dealt",
              cards(ceremony.dealt())));
    }
    return new RecordedMove(
        session, sequence, "deal", -1, null, false, data, game.handNumber(), 0, at);
  }

  private static RecordedMove record(
      UUID session, int sequence, Move move, int hand, int trick, Instant at) {
    if (move instanceof Move.PlayCard play) {
      return new RecordedMove(
          session,
          sequence,
          "play_card",
          play.seat(),
          null,
          true,
          Map.of("card", card(play.card())),
          hand,
          trick,
          at);
    }
    Move.ChooseTrump choose = (Move.ChooseTrump) move;
    return new RecordedMove(
        session,
        sequence,
        "choose_trump",
        choose.seat(),
        null,
        true,
        Map.of("suit", choose.suit().wireName()),
        hand,
        0,
        at);
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
}
