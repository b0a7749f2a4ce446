package hokm.journal.internal;

import hokm.table.BotLevel;
import hokm.table.GameRecorder.RecordedMove;
import hokm.table.PlayerRef;
import hokm.table.TableOptions;
import hokm.table.TableProperties;
import hokm.table.TableSnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds the games this instance was running from PostgreSQL, for when Redis lost them: the
 * session's deal secret (or, for a game started before those, its seed) and rules, its seats and
 * its recorded moves.
 */
@Component
public class PostgresTableRecovery {
  private static final Logger log = LoggerFactory.getLogger(PostgresTableRecovery.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final InstanceId instance;
  private final TableProperties tables;
  private final JsonMapper json = JsonMapper.builder().build();

  public PostgresTableRecovery(JdbcTemplate jdbc, InstanceId instance, TableProperties tables) {
    this.jdbc = jdbc;
    this.instance = instance;
    this.tables = tables;
  }

  private record Session(
      UUID id,
      String roomId,
      long seed,
      byte[] dealSecret,
      int target,
      boolean kot,
      boolean isPrivate,
      String code,
      Integer turnSeconds,
      BotLevel botLevel) {}

  private static Session session(ResultSet row, int n) throws SQLException {
    return new Session(
        row.getObject(1, UUID.class),
        row.getString(2),
        row.getLong(3),
        row.getBytes(4),
        row.getInt(5),
        row.getBoolean(6),
        row.getBoolean(7),
        row.getString(8),
        (Integer) row.getObject(9),
        BotLevel.fromWireName(row.getString(10)));
  }

  /** Active games of this instance, except those already known (by session id). */
  public List<TableSnapshot> activeTables(Set<UUID> known) {
    List<TableSnapshot> snapshots = new ArrayList<>();
    try {
      List<Session> sessions =
          jdbc.query(
              "SELECT id, room_id, seed, deal_secret, target_points, kot_scoring, is_private,"
                  + " join_code, turn_seconds, bot_level FROM game_sessions WHERE status = 'active'"
                  + " AND server_instance = ?",
              PostgresTableRecovery::session,
              instance.value());
      for (Session session : sessions) {
        if (!known.contains(session.id())) {
          snapshots.add(rebuild(session));
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not read active games from PostgreSQL: {}", e.toString());
    }
    return snapshots;
  }

  /**
   * The session rebuilt from PostgreSQL when PostgreSQL holds more of its record than this copy (a
   * Redis copy that missed writes), else null. Keeps the copy's table details (seq, code).
   */
  public TableSnapshot ifAhead(TableSnapshot copy) {
    try {
      Integer last =
          jdbc.queryForObject(
              "SELECT max(sequence_number) FROM game_moves WHERE game_session_id = ?",
              Integer.class,
              copy.sessionId());
      if (last == null || last <= copy.recordSequence()) {
        return null;
      }
      List<Session> sessions =
          jdbc.query(
              "SELECT id, room_id, seed, deal_secret, target_points, kot_scoring, is_private,"
                  + " join_code, turn_seconds, bot_level FROM game_sessions WHERE id = ?",
              PostgresTableRecovery::session,
              copy.sessionId());
      if (sessions.isEmpty()) {
        return null;
      }
      TableSnapshot rebuilt = rebuild(sessions.get(0));
      log.warn(
          "table {}: PostgreSQL holds {} records, its Redis copy {}; resuming from PostgreSQL",
          copy.tableId(),
          last,
          copy.recordSequence());
      return new TableSnapshot(
          copy.tableId(),
          copy.code(),
          copy.options(),
          copy.quickMatch(),
          "playing",
          copy.sessionId(),
          copy.gameNumber(),
          copy.seed(),
          copy.dealSecret(),
          copy.seq() + 1000,
          rebuilt.recordSequence(),
          copy.seats(),
          rebuilt.moves());
    } catch (RuntimeException e) {
      log.warn("could not compare a table with PostgreSQL: {}", e.toString());
      return null;
    }
  }

  private TableSnapshot rebuild(Session session) {
    Map<UUID, PlayerRef> players = new HashMap<>();
    List<TableSnapshot.Seat> seats = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seats.add(new TableSnapshot.Seat(null, true));
    }
    jdbc.query(
        "SELECT p.position, p.player_id, pl.username, p.is_bot, p.left_at IS NOT NULL"
            + " FROM game_participants p LEFT JOIN players pl ON pl.id = p.player_id"
            + " WHERE p.game_session_id = ?",
        row -> {
          int position = row.getInt(1);
          UUID playerId = row.getObject(2, UUID.class);
          if (playerId != null) {
            PlayerRef player = new PlayerRef(playerId, row.getString(3));
            players.put(playerId, player);
            if (!row.getBoolean(5)) {
              seats.set(position, new TableSnapshot.Seat(player, false));
            }
          }
        },
        session.id());
    List<RecordedMove> moves =
        jdbc.query(
            "SELECT sequence_number, move_type, seat, player_id, is_bot, move_data::text,"
                + " hand_number, trick_number, created_at FROM game_moves"
                + " WHERE game_session_id = ? ORDER BY sequence_number",
            (row, n) ->
                new RecordedMove(
                    session.id(),
                    row.getInt(1),
                    row.getString(2),
                    row.getObject(3) == null ? -1 : row.getInt(3),
                    players.get(row.getObject(4, UUID.class)),
                    row.getBoolean(5),
                    json.readValue(row.getString(6), MAP),
                    row.getInt(7),
                    row.getObject(8) == null ? 0 : row.getInt(8),
                    row.getTimestamp(9).toInstant()),
            session.id());
    String[] room = session.roomId().split("#", 2);
    int turnSeconds = session.turnSeconds() != null ? session.turnSeconds() : tables.turnSeconds();
    return new TableSnapshot(
        UUID.fromString(room[0]),
        session.code(),
        new TableOptions(
            session.isPrivate(),
            session.target(),
            session.kot(),
            turnSeconds,
            false,
            session.botLevel()),
        false,
        "playing",
        session.id(),
        room.length > 1 ? Integer.parseInt(room[1]) : 1,
        session.seed(),
        session.dealSecret(),
        0,
        moves.isEmpty() ? 0 : moves.get(moves.size() - 1).sequence(),
        seats,
        moves);
  }
}
