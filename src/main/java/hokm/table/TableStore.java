package hokm.table;

import hokm.table.GameRecorder.RecordedMove;
import java.util.List;
import java.util.UUID;

/**
 * Where tables keep what they need to survive a restart of the server (Redis, with memory as the
 * fallback). Called on a table's mailbox thread; implementations answer fast and never throw: when
 * their store is unavailable they remember what to rewrite later.
 */
public interface TableStore {

  /** The table's state changed (seats, status, a new game): rewrite its description. */
  void save(TableSnapshot table);

  /**
   * A move was recorded: append it, and update the description. Done before the move's frames are
   * sent, so a move seen by players is one that survives a restart.
   */
  void append(TableSnapshot table, RecordedMove move);

  /**
   * The player holds a seat at this table (for resuming), or none any more ({@code tableId} null).
   */
  void playerSeat(UUID playerId, UUID tableId, int seat);

  /** The table is gone; its record may be dropped once the journal has written it. */
  void closed(UUID tableId);

  /** The tables this server held, to restore on start-up. */
  List<TableSnapshot> restore();

  /** A store that keeps nothing: tables do not survive a restart. */
  TableStore NONE =
      new TableStore() {
        @Override
        public void save(TableSnapshot table) {}

        @Override
        public void append(TableSnapshot table, RecordedMove move) {}

        @Override
        public void playerSeat(UUID playerId, UUID tableId, int seat) {}

        @Override
        public void closed(UUID tableId) {}

        @Override
        public List<TableSnapshot> restore() {
          return List.of();
        }
      };
}
