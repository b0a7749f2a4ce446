package hokm.table;

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
public record LiveTable(
    UUID tableId,
    int handNumber,
    int targetPoints,
    Scores scores,
    List<Seat> seats,
    int spectators) {

  /** Points of the two teams. */
  public record Scores(int team1, int team2) {}

  /** A seat: its player's name (null when empty) and whether a bot plays it. */
  public record Seat(int seat, int team, String username, boolean bot) {}
}
