package hokm.table;

import hokm.table.GameRecorder.RecordedMove;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where tables keep what they need to survive a restart of the server (Redis, with memory as the
 * fallback). Called on a table's mailbox thread; implementations never block and never throw: the
 * writes that tables wait for return a future that completes once the write is done or has failed
 * (never exceptionally), and when the store is unavailable they remember what to rewrite later.
 */
public interface TableStore {

  /** A future for a write that had nothing to do. */
  CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /**
   * The table's state changed (seats, status, a new game): rewrite its description. The task's
   * frames are sent once the returned future completes.
   */
  CompletableFuture<Void> save(TableSnapshot table);

  /**
   * Moves were recorded (in sequence order, the first of a session with sequence 1): append them,
   * and update the description. The moves' frames are sent only once the returned future completes,
   * so a move seen by players is one that survives a restart.
   */
  CompletableFuture<Void> append(TableSnapshot table, List<RecordedMove> moves);

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
        public CompletableFuture<Void> save(TableSnapshot table) {
          return DONE;
        }

        @Override
        public CompletableFuture<Void> append(TableSnapshot table, List<RecordedMove> moves) {
          return DONE;
        }

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
