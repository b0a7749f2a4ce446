package hokm.loadgen;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * After a run: PostgreSQL holds every move the clients saw accepted exactly once, and each
 * session's record has sequence numbers 1..n without gaps or repeats.
 */
final class DbCheck {
  long sessions;
  long clientMoves;
  long storedMoves;
  long missingSessions;
  long sessionsWithWrongCount;
  long sessionsWithGaps;
  long duplicateSequences;
  final List<String> problems = new ArrayList<>();

  boolean ok() {
    return problems.isEmpty();
  }

  static DbCheck run(String url, String user, String password, Map<String, LongAdder> seen)
      throws Exception {
    DbCheck check = new DbCheck();
    Map<String, Long> expected = new LinkedHashMap<>();
    seen.forEach((session, n) -> expected.put(session, n.sum()));
    check.sessions = expected.size();
    for (long n : expected.values()) {
      check.clientMoves += n;
    }
    List<String> keys = new ArrayList<>(expected.keySet());
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      db.setReadOnly(true);
      String sql =
          "SELECT s.room_id,"
              + " count(m.id) FILTER (WHERE m.move_type IN ('play_card', 'choose_trump')"
              + "   AND NOT m.is_bot),"
              + " count(m.id), count(DISTINCT m.sequence_number),"
              + " coalesce(min(m.sequence_number), 0), coalesce(max(m.sequence_number), 0)"
              + " FROM game_sessions s LEFT JOIN game_moves m ON m.game_session_id = s.id"
              + " WHERE s.room_id = ANY (?) GROUP BY s.room_id";
      for (int from = 0; from < keys.size(); from += 1000) {
        List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
        Map<String, Boolean> found = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
          Array array = db.createArrayOf("text", chunk.toArray());
          query.setArray(1, array);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              String room = rows.getString(1);
              long human = rows.getLong(2);
              long all = rows.getLong(3);
              long distinct = rows.getLong(4);
              long min = rows.getLong(5);
              long max = rows.getLong(6);
              found.put(room, true);
              check.storedMoves += human;
              long want = expected.getOrDefault(room, 0L);
              if (human != want) {
                check.sessionsWithWrongCount++;
                check.problem(
                    "session " + room + ": clients saw " + want + " moves, stored " + human);
              }
              if (distinct != all) {
                check.duplicateSequences += all - distinct;
                check.problem("session " + room + ": " + (all - distinct) + " repeated sequences");
              }
              if (all > 0 && (min != 1 || max != all)) {
                check.sessionsWithGaps++;
                check.problem(
                    "session "
                        + room
                        + ": sequences "
                        + min
                        + ".."
                        + max
                        + " for "
                        + all
                        + " rows");
              }
            }
          }
        }
        for (String room : chunk) {
          if (!found.containsKey(room)) {
            check.missingSessions++;
            check.problem("session " + room + " is not in game_sessions");
          }
        }
      }
    }
    return check;
  }

  private void problem(String text) {
    if (problems.size() < 20) {
      problems.add(text);
    } else if (problems.size() == 20) {
      problems.add("...");
    }
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", ok());
    m.put("sessions", sessions);
    m.put("clientAcceptedMoves", clientMoves);
    m.put("storedHumanMoves", storedMoves);
    m.put("missingSessions", missingSessions);
    m.put("sessionsWithWrongCount", sessionsWithWrongCount);
    m.put("sessionsWithGaps", sessionsWithGaps);
    m.put("duplicateSequences", duplicateSequences);
    m.put("problems", problems);
    return m;
  }
}
