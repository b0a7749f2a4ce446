package hokm.table;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A public table with a game being played, as the lobby lists it for people to watch: only what
 * every spectator sees.
 *
 * @param handNumber the hand being played, from 1
 * @param scores points of team 1 and team 2
 * @param spectators sockets watching the table now
 */
@Schema(description = "A public table with a game being played, as every spectator sees it.")
public record LiveTable(
    @Schema(description = "For the WebSocket's `spectate`") UUID tableId,
    @Schema(description = "The hand being played, from 1") int handNumber,
    int targetPoints,
    Scores scores,
    @Schema(description = "The four seats, in order") List<Seat> seats,
    @Schema(description = "Sockets watching the table now") int spectators) {

  /** Points of the two teams. */
  @Schema(name = "LiveTableScores", description = "Points of the two teams.")
  public record Scores(int team1, int team2) {}

  /** A seat: its player's name (null when empty) and whether a bot plays it. */
  @Schema(name = "LiveTableSeat", description = "A seat of a table being played.")
  public record Seat(
      int seat,
      int team,
      @Schema(description = "Null when the seat is empty") String username,
      boolean bot) {}
}
