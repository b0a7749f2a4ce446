package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hokm.testsupport.IntegrationTest;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The repositories, through the application's own connection (the application role), in a
 * transaction rolled back after each test.
 */
@IntegrationTest
@Transactional
class JournalRepositoryTest {

  @Autowired GameSessionRepository sessions;
  @Autowired GameParticipantRepository participants;
  @Autowired GameHandRepository hands;
  @Autowired GameMoveRepository moves;
  @Autowired WebsocketConnectionRepository connections;
  @Autowired JdbcTemplate jdbc;
  @Autowired EntityManager entityManager;

  UUID ann;
  UUID ben;

  @BeforeEach
  void players() {
    ann = newPlayer("j_ann");
    ben = newPlayer("j_ben");
  }

  UUID newPlayer(String name) {
    return jdbc.queryForObject(
        "INSERT INTO players (username, password_hash) VALUES (?, 'x') RETURNING id",
        UUID.class,
        name + "_" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void aGameIsRecordedCompletelyEnoughToReplay() {
    GameSession game =
        sessions.save(new GameSession("room-j1", "key-j1", -8_070_450_532_247_928_832L, 5, true));
    participants.save(GameParticipant.player(game.getId(), ann, 0));
    participants.save(GameParticipant.bot(game.getId(), 1, "basic"));
    participants.save(GameParticipant.player(game.getId(), ben, 2));
    participants.save(GameParticipant.bot(game.getId(), 3, "basic"));
    game.start(Instant.parse("2024-05-01T10:00:00Z"));

    GameHand hand =
        hands.save(new GameHand(game.getId(), 1, 1234567890123L, 0, "{\"0\": [\"AH\", \"KH\"]}"));
    hand.chooseTrump("hearts");
    Instant t = Instant.parse("2024-05-01T10:01:00Z");
    moves.save(
        new GameMove(
            game.getId(),
            1,
            MoveType.CHOOSE_TRUMP,
            "{\"suit\": \"hearts\"}",
            ann,
            0,
            false,
            1,
            null,
            t));
    moves.save(
        new GameMove(
            game.getId(), 2, MoveType.PLAY_CARD, "{\"card\": \"AH\"}", ann, 0, false, 1, 1, t));
    moves.save(
        new GameMove(
            game.getId(), 3, MoveType.PLAY_CARD, "{\"card\": \"2H\"}", null, 1, true, 1, 1, t));
    moves.save(
        new GameMove(
            game.getId(), 4, MoveType.FORFEIT, "{\"team\": 2}", null, null, false, 1, null, t));
    hand.complete(1, 0, 1, 1, t);
    game.setScores("{\"team1\": 5, \"team2\": 0}");
    game.end(GameEndReason.FORFEIT, 1, Instant.parse("2024-05-01T10:02:00Z"));
    entityManager.flush();
    entityManager.clear();

    GameSession stored = sessions.findByRoomId("room-j1").orElseThrow();
    assertThat(stored.getSeed()).isEqualTo(-8_070_450_532_247_928_832L);
    assertThat(stored.getTargetPoints()).isEqualTo(5);
    assertThat(stored.isKotScoring()).isTrue();
    assertThat(stored.getStatus()).isEqualTo(GameStatus.COMPLETED);
    assertThat(stored.getEndReason()).isEqualTo(GameEndReason.FORFEIT);
    assertThat(stored.getWinnerTeam()).isEqualTo(1);

    List<GameMove> log = moves.findByGameSessionIdOrderBySequenceNumber(stored.getId());
    assertThat(log).extracting(GameMove::getSequenceNumber).containsExactly(1, 2, 3, 4);
    assertThat(log)
        .extracting(GameMove::getMoveType)
        .containsExactly(
            MoveType.CHOOSE_TRUMP, MoveType.PLAY_CARD, MoveType.PLAY_CARD, MoveType.FORFEIT);
    assertThat(log.get(2).isBot()).isTrue();
    assertThat(log.get(2).getPlayerId()).isNull();
    assertThat(log.get(3).getSeat()).isNull();
    assertThat(moves.lastSequenceNumber(stored.getId())).isEqualTo(4);

    List<GameHand> storedHands = hands.findByGameSessionIdOrderByHandNumber(stored.getId());
    assertThat(storedHands)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.getHandSeed()).isEqualTo(1234567890123L);
              assertThat(h.getTrump()).isEqualTo("hearts");
              assertThat(h.getPoints()).isEqualTo(1);
            });
    assertThat(participants.findByGameSessionIdOrderByPosition(stored.getId()))
        .extracting(GameParticipant::getTeam)
        .containsExactly(1, 2, 1, 2);

    // JSON goes in as JSON objects, not as quoted strings.
    assertThat(
            jdbc.queryForList(
                "SELECT jsonb_typeof(move_data) FROM game_moves WHERE game_session_id = ?",
                String.class,
                stored.getId()))
        .containsOnly("object");
    assertThat(
            jdbc.queryForObject(
                "SELECT (scores ->> 'team1')::int FROM game_sessions WHERE id = ?",
                Integer.class,
                stored.getId()))
        .isEqualTo(5);
    assertThat(
            jdbc.queryForObject(
                "SELECT deal -> '0' ->> 0 FROM game_hands WHERE game_session_id = ?",
                String.class,
                stored.getId()))
        .isEqualTo("AH");
  }

  @Test
  void hibernateOnlyValidatesTheSchemaFlywayOwns() {
    assertThat(entityManager.getEntityManagerFactory().getProperties())
        .containsEntry("hibernate.hbm2ddl.auto", "validate");
  }

  @Test
  void aSequenceNumberIsUsedOnce() {
    GameSession game = sessions.save(new GameSession("room-j2", "key-j2", 1L, 7, false));
    Instant t = Instant.now();
    moves.save(new GameMove(game.getId(), 1, MoveType.STOP, "{}", null, null, false, 1, null, t));
    entityManager.flush();
    moves.save(new GameMove(game.getId(), 1, MoveType.STOP, "{}", null, null, false, 1, null, t));
    assertThatThrownBy(() -> entityManager.flush())
        .isInstanceOfAny(
            DataIntegrityViolationException.class,
            org.hibernate.exception.ConstraintViolationException.class);
  }

  @Test
  void openGamesAndConnections() {
    GameSession waiting = sessions.save(new GameSession("room-j3", "key-j3", 3L, 7, true));
    waiting.makePrivate("J3CODE");
    GameSession running = sessions.save(new GameSession("room-j4", "key-j4", 4L, 7, true));
    running.start(Instant.now());
    GameSession over = sessions.save(new GameSession("room-j5", "key-j5", 5L, 7, true));
    over.end(GameEndReason.ABORTED, null, Instant.now());
    entityManager.flush();

    assertThat(
            sessions.findByStatusInOrderByCreatedAt(List.of(GameStatus.WAITING, GameStatus.ACTIVE)))
        .extracting(GameSession::getRoomId)
        .contains("room-j3", "room-j4")
        .doesNotContain("room-j5");
    assertThat(sessions.findBySessionKey("key-j3").orElseThrow().getJoinCode()).isEqualTo("J3CODE");

    WebsocketConnection c = connections.save(new WebsocketConnection(ann, "ws-j1", Instant.now()));
    c.ping(Instant.now());
    entityManager.flush();
    assertThat(connections.findByPlayerIdAndActiveTrue(ann)).hasSize(1);
    c.disconnect(Instant.now());
    entityManager.flush();
    assertThat(connections.findByPlayerIdAndActiveTrue(ann)).isEmpty();
    assertThat(connections.findByConnectionId("ws-j1").orElseThrow().isActive()).isFalse();
  }
}
