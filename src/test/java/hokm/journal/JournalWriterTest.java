package hokm.journal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.EndReason;
import hokm.engine.TeamCounts;
import hokm.journal.internal.JournalWriter;
import hokm.table.GameRecorder.EndedGame;
import hokm.table.GameRecorder.LiveState;
import hokm.table.GameRecorder.OpenedSession;
import hokm.table.GameRecorder.RecordedMove;
import hokm.table.GameRecorder.SeatRecord;
import hokm.table.GameRecorder.StartedGame;
import hokm.table.TableOptions;
import hokm.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The journal's writes, through its own queue and connection, checked in PostgreSQL. */
@IntegrationTest
class JournalWriterTest {
  @Autowired JournalWriter journal;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry registry;

  private UUID openSession() {
    return openSession(false);
  }

  private UUID openSession(boolean privateWithoutCode) {
    UUID session = UUID.randomUUID();
    UUID table = UUID.randomUUID();
    journal.sessionOpened(
        new OpenedSession(
            session,
            table,
            table + "#1",
            42L,
            null,
            new TableOptions(privateWithoutCode, 7, true, 30, true),
            null,
            Instant.now()));
    return session;
  }

  private static RecordedMove trump(UUID session, int sequence, String suit) {
    return new RecordedMove(
        session,
        sequence,
        "choose_trump",
        2,
        null,
        true,
        Map.of("suit", suit),
        1,
        0,
        Instant.now());
  }

  private static RecordedMove card(UUID session, int sequence, String card, int trick) {
    return new RecordedMove(
        session,
        sequence,
        "play_card",
        sequence % 4,
        null,
        true,
        Map.of("card", card),
        1,
        trick,
        Instant.now());
  }

  @Test
  void manyMovesOfManySessionsAreStoredOnceEachInOrder() {
    List<UUID> sessions = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      sessions.add(openSession());
    }
    // Interleaved like the tables of a busy server, and some written twice (a retried batch).
    for (int sequence = 1; sequence <= 40; sequence++) {
      for (UUID session : sessions) {
        journal.move(card(session, sequence, "AS", 1 + (sequence - 1) / 4));
        if (sequence % 7 == 0) {
          journal.move(card(session, sequence, "AS", 1 + (sequence - 1) / 4));
        }
      }
    }
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    for (UUID session : sessions) {
      assertThat(
              jdbc.queryForList(
                  "SELECT sequence_number FROM game_moves WHERE game_session_id = ?"
                      + " ORDER BY sequence_number",
                  Integer.class,
                  session))
          .hasSize(40)
          .startsWith(1, 2, 3)
          .endsWith(39, 40);
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM game_move_conflicts WHERE game_session_id = ?",
                  Integer.class,
                  session))
          .isZero();
    }
  }

  @Test
  void aDifferentMoveAtAStoredSequenceIsRefusedKeptAsAConflictAndCounted() {
    UUID session = openSession();
    journal.move(trump(session, 2, "hearts"));
    journal.move(card(session, 3, "AS", 1));
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    double before = registry.counter("hokm.journal.conflicts").count();

    // Another copy of the game's history says sequence 2 chose spades, and then goes on.
    journal.move(trump(session, 2, "spades"));
    journal.move(card(session, 3, "AS", 1));
    journal.move(card(session, 4, "KS", 1));
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();

    // The stored move stays; the refused one is kept beside it; the rest is written.
    assertThat(
            jdbc.queryForObject(
                "SELECT move_data ->> 'suit' FROM game_moves"
                    + " WHERE game_session_id = ? AND sequence_number = 2",
                String.class,
                session))
        .isEqualTo("hearts");
    List<Map<String, Object>> conflicts =
        jdbc.queryForList(
            "SELECT sequence_number, refused -> 'move_data' ->> 'suit' AS refused,"
                + " stored -> 'move_data' ->> 'suit' AS stored"
                + " FROM game_move_conflicts WHERE game_session_id = ?",
            session);
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0))
        .containsEntry("sequence_number", 2)
        .containsEntry("refused", "spades")
        .containsEntry("stored", "hearts");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM game_moves WHERE game_session_id = ?",
                Integer.class,
                session))
        .isEqualTo(3);
    assertThat(registry.counter("hokm.journal.conflicts").count()).isEqualTo(before + 1);
  }

  @Test
  void aWritePostgresqlRefusesIsSetAsideAndDoesNotHoldBackTheOthers() {
    double before = registry.counter("hokm.journal.refused").count();
    // A private table needs a join code: PostgreSQL refuses this session (and so its move).
    UUID refused = openSession(true);
    journal.move(trump(refused, 2, "hearts"));
    UUID fine = openSession();
    journal.move(trump(fine, 2, "clubs"));
    journal.move(card(fine, 3, "QD", 1));

    assertThat(journal.flush(Duration.ofSeconds(20))).as("the journal is not stuck").isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM game_moves WHERE game_session_id = ?", Integer.class, fine))
        .isEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM game_sessions WHERE id = ?", Integer.class, refused))
        .isZero();
    assertThat(registry.counter("hokm.journal.refused").count()).isEqualTo(before + 2);
  }

  private static List<SeatRecord> botSeats() {
    List<SeatRecord> seats = new ArrayList<>();
    for (int seat = 0; seat < 4; seat++) {
      seats.add(new SeatRecord(seat, null, "heuristic", true));
    }
    return seats;
  }

  private static LiveState live(UUID session, int hand, int team1Points) {
    return new LiveState(
        session,
        new TeamCounts(team1Points, 0),
        Map.of("handNumber", hand, "scores", Map.of("team1", team1Points, "team2", 0)));
  }

  @Test
  void theLatestStateOfAGameInProgressIsWrittenAndNeverOverItsFinalState() {
    UUID session = openSession();
    journal.gameStarted(
        new StartedGame(
            session,
            new TableOptions(false, 7, true, 30, true).rules(),
            botSeats(),
            Instant.now()));
    for (int hand = 1; hand <= 50; hand++) {
      journal.liveState(live(session, hand, hand / 10));
    }
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT (game_state ->> 'handNumber')::int AS hand, (scores ->> 'team1')::int AS team1"
                + " FROM game_sessions WHERE id = ?",
            session);
    assertThat(row).containsEntry("hand", 50).containsEntry("team1", 5);

    // The end, then a state that comes late: the final state stays.
    journal.gameEnded(
        new EndedGame(
            session,
            true,
            1,
            new TeamCounts(7, 2),
            EndReason.FINISHED,
            Map.of("handNumber", 51, "winnerTeam", 1),
            botSeats(),
            Instant.now()));
    journal.liveState(live(session, 52, 6));
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    row =
        jdbc.queryForMap(
            "SELECT status, (game_state ->> 'handNumber')::int AS hand,"
                + " (scores ->> 'team1')::int AS team1 FROM game_sessions WHERE id = ?",
            session);
    assertThat(row)
        .containsEntry("status", "completed")
        .containsEntry("hand", 51)
        .containsEntry("team1", 7);
  }
}
