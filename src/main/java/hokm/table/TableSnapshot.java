package hokm.table;

import hokm.table.GameRecorder.RecordedMove;
import java.util.List;
import java.util.UUID;

/**
 * Enough of a table to resume it exactly after the server restarts: who sits where, the game's seed
 * and rules, and every recorded move (the deal of each hand and each decision) in order.
 *
 * @param status waiting, playing or over
 * @param seats four entries; a seat is empty when both {@code player} is null and {@code bot} is
 *     false
 * @param seq the last table event number sent to clients
 * @param recordSequence the last sequence number of the session's record
 * @param moves the session's record, in sequence order (the game is rebuilt from its seed and
 *     these)
 */
public record TableSnapshot(
    UUID tableId,
    String code,
    TableOptions options,
    boolean quickMatch,
    String status,
    UUID sessionId,
    int gameNumber,
    long seed,
    long seq,
    int recordSequence,
    List<Seat> seats,
    List<RecordedMove> moves) {

  /** A seat: the human holding it (null for none), and whether a bot plays it for good. */
  public record Seat(PlayerRef player, boolean bot) {}

  /** The same table with this record in place of its own. */
  public TableSnapshot withMoves(List<RecordedMove> allMoves) {
    return new TableSnapshot(
        tableId,
        code,
        options,
        quickMatch,
        status,
        sessionId,
        gameNumber,
        seed,
        seq,
        recordSequence,
        seats,
        allMoves);
  }
}
