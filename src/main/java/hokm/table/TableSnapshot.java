package hokm.table;

import hokm.table.GameRecorder.RecordedMove;
import java.util.List;
import java.util.UUID;

/**
 * Enough of a table to resume it exactly after the server restarts: who sits where, what the game
 * is dealt from and its rules, and every recorded move (the deal of each hand and each decision) in
 * order. Server side only (Redis and the journal): the deal secret tells every hidden card.
 *
 * @param status waiting, playing or over
 * @param seats four entries; a seat is empty when both {@code player} is null and {@code bot} is
 *     false
 * @param seed the 64-bit seed of a game recorded before deal secrets; 0 when {@code dealSecret} is
 *     set
 * @param dealSecret the game's 256-bit deal secret, or null for a game dealt from {@code seed}
 * @param seq the last table event number sent to clients
 * @param recordSequence the last sequence number of the session's record
 * @param moves the session's record, in sequence order (the game is rebuilt from its secret or seed
 *     and these)
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
    byte[] dealSecret,
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
        dealSecret,
        seq,
        recordSequence,
        seats,
        allMoves);
  }
}
