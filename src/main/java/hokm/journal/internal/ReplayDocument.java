package hokm.journal.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The shape of {@code GET /api/games/{id}/replay} for the OpenAPI document: {@link
 * hokm.journal.ReplayService} builds the answer as maps, these records only describe it (the fields
 * of docs/protocol.md, "Replays").
 */
@Schema(
    name = "Replay",
    description =
        "A finished game with every hand visible, dealt again from its secret (or seed) and"
            + " checked against its record.")
record ReplayDocument(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID gameId,
    @Schema(
            description = "completed or abandoned",
            example = "completed",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String status,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Rules rules,
    @Schema(
            description =
                "The table's bot level: easy, normal or hard (normal for games before" + " levels)",
            example = "normal")
        String botLevel,
    @Schema(description = "The four seats, in order", requiredMode = Schema.RequiredMode.REQUIRED)
        List<Seat> seats,
    @Schema(
            description =
                "`secret`: dealt from a 256-bit deal secret (every game a table starts); `seed`:"
                    + " a game recorded before, from a 64-bit seed, which is never shown",
            example = "secret",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String dealtFrom,
    @Schema(
            description =
                "Only when `dealtFrom` is `secret`: the 32-byte secret as 64 lower-case hex"
                    + " digits; with it anyone can deal the game again (docs/security.md)")
        String dealSecret,
    @Schema(description = "The face-up deal that chose the first hakem; absent with no moves")
        HakemChosen hakemChosen,
    @Schema(
            description = "Every hand, in order; empty when no move was recorded",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<Hand> hands,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) GameResult result,
    @Schema(
            description =
                "Every recorded deal is the one dealt again, every move is accepted and the"
                    + " recorded result is reached",
            requiredMode = Schema.RequiredMode.REQUIRED)
        boolean verified,
    @Schema(
            description = "What differs, when not verified",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> mismatches) {

  @Schema(name = "ReplayRules", description = "The table's rules.")
  record Rules(
      int targetPoints,
      @Schema(description = "Whether kot (2) and hakem kot (3) score extra") boolean kot) {}

  @Schema(name = "ReplaySeat", description = "A seat of the game.")
  record Seat(
      @Schema(description = "0 to 3") int seat,
      @Schema(description = "1 or 2") int team,
      boolean bot,
      @Schema(description = "A bot's kind: easy, heuristic or search; absent for a player")
          String botKind,
      @Schema(description = "`Bot` for a bot; null for a player whose account is gone")
          String username,
      @Schema(description = "The player left the game before its end") boolean left) {}

  @Schema(name = "ReplayCard", description = "A card, as on the WebSocket.")
  record Card(
      @Schema(description = "hearts, diamonds, clubs or spades", example = "spades") String suit,
      @Schema(description = "2 to 10, J, Q, K or A", example = "A") String rank) {}

  @Schema(name = "ReplayHakemChosen", description = "The face-up deal that chose the first hakem.")
  record HakemChosen(
      @Schema(description = "The first hakem's seat") int hakem,
      @Schema(description = "The seat dealt to first") int firstSeat,
      @Schema(description = "The cards dealt face up, in order") List<Card> dealt) {}

  @Schema(name = "ReplayHand", description = "A hand: its deal, trump, tricks and result.")
  record Hand(
      @Schema(description = "From 1") int handNumber,
      @Schema(description = "The hakem's seat") int hakem,
      @Schema(description = "Four lists of 13 cards, by seat") List<List<Card>> deal,
      @Schema(description = "The suit the hakem chose; absent before the choice") String trump,
      List<Trick> tricks,
      @Schema(description = "Absent for a hand that did not end") HandResult result,
      @Schema(description = "The cards of a trick the game stopped in the middle of")
          List<PlayedCard> unfinishedTrick) {}

  @Schema(
      name = "ReplayTrick",
      description = "A trick: the cards in the order played, and who won it.")
  record Trick(
      @Schema(description = "From 1") int number,
      List<PlayedCard> cards,
      @Schema(description = "The seat that won it") int winner) {}

  @Schema(name = "ReplayPlayedCard", description = "A card and the seat that played it.")
  record PlayedCard(int seat, Card card) {}

  @Schema(name = "ReplayTeams", description = "A number for each team.")
  record Teams(int team1, int team2) {}

  @Schema(name = "ReplayHandResult", description = "How a hand ended.")
  record HandResult(
      int winnerTeam,
      @Schema(description = "1, or 2 for kot and 3 for hakem kot when kot scores") int points,
      @Schema(description = "The hakem's team won every trick") boolean kot,
      @Schema(description = "The hakem's opponents won every trick") boolean hakemKot,
      @Schema(description = "Tricks each team won") Teams tricks,
      @Schema(description = "The game's points after the hand") Teams scores) {}

  @Schema(name = "ReplayResult", description = "How the game ended.")
  record GameResult(
      @Schema(description = "1 or 2; 0 for none") int winnerTeam,
      @Schema(description = "The final points; absent when no move was recorded") Teams scores,
      @Schema(description = "finished, forfeit, abandoned or aborted", example = "finished")
          String reason) {}
}
