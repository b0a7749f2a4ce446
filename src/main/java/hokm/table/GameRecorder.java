package hokm.table;

import hokm.engine.Card;
import hokm.engine.EndReason;
import hokm.engine.GameEvent;
import hokm.engine.Move;
import hokm.engine.Rank;
import hokm.engine.Rules;
import hokm.engine.Suit;
import hokm.engine.TeamCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where tables report what happens, to be recorded. Called on a table's mailbox thread, so an
 * implementation must never block: it queues and writes elsewhere.
 */
public interface GameRecorder {

  /** A table is waiting for players: a game session in status waiting. */
  void sessionOpened(OpenedSession session);

  /** The four seats are filled and the game has started. */
  void gameStarted(StartedGame game);

  /** An accepted move, a deal or the first-hakem ceremony, in sequence order per session. */
  void move(RecordedMove move);

  /** A hand ended: its result, after the move that ended it. */
  void handOver(UUID sessionId, GameEvent.HandOver hand, Instant at);

  /** A seat's occupant or connection changed. */
  void seatChanged(UUID sessionId, SeatRecord seat);

  /**
   * The public state of a game in progress changed (a trick, the trump, a new hand, a seat). Only
   * the latest state of a session matters: a recorder may skip the ones it has not written yet.
   */
  void liveState(LiveState state);

  /** The game ended (or the waiting table closed without a game: reason ABANDONED). */
  void gameEnded(EndedGame game);

  /** A recorder that records nothing. */
  GameRecorder NONE =
      new GameRecorder() {
        @Override
        public void sessionOpened(OpenedSession session) {}

        @Override
        public void gameStarted(StartedGame game) {}

        @Override
        public void move(RecordedMove move) {}

        @Override
        public void handOver(UUID sessionId, GameEvent.HandOver hand, Instant at) {}

        @Override
        public void seatChanged(UUID sessionId, SeatRecord seat) {}

        @Override
        public void liveState(LiveState state) {}

        @Override
        public void gameEnded(EndedGame game) {}
      };

  /**
   * @param seed the 64-bit seed of a game started before deal secrets (a table restored from then);
   *     ignored when {@code dealSecret} is set
   * @param dealSecret the game's 256-bit deal secret, drawn when the session opens, or null for a
   *     game dealt from {@code seed}: server side only, never sent to a client while the game is
   *     played
   * @param joinCode the private table's code, or null
   */
  record OpenedSession(
      UUID sessionId,
      UUID tableId,
      String roomId,
      long seed,
      byte[] dealSecret,
      TableOptions options,
      String joinCode,
      Instant createdAt) {}

  record StartedGame(UUID sessionId, Rules rules, List<SeatRecord> seats, Instant startedAt) {}

  /**
   * A seat at a game.
   *
   * @param player the human in the seat, or null when a bot holds it
   * @param botKind the bot playing the seat, or null for a human
   */
  record SeatRecord(int seat, PlayerRef player, String botKind, boolean connected) {
    public int team() {
      return hokm.engine.Seats.teamOf(seat);
    }
  }

  /**
   * One row of a game's record.
   *
   * @param sequence 1, 2, 3... per session, with no gaps
   * @param type deal (the hand's cards, and for a game dealt from a seed the hand's seed; the first
   *     also the first-hakem ceremony), choose_trump, play_card, forfeit or stop
   * @param seat the seat that moved, or -1 when the move is the table's
   * @param player the human who moved, or null for a bot or the table
   * @param data what the move was, JSON-ready
   * @param hand 1-based hand number
   * @param trick 1-based trick number within the hand (0 when not a card)
   */
  record RecordedMove(
      UUID sessionId,
      int sequence,
      String type,
      int seat,
      PlayerRef player,
      boolean bot,
      Map<String, Object> data,
      int hand,
      int trick,
      Instant at) {

    /**
     * The engine's move this record stands for, or null for a deal (or a record it cannot read).
     */
    public Move toMove() {
      return toMove(type, seat, data);
    }

    /** The engine's move of a record of this type, seat and data; null for a deal. */
    public static Move toMove(String type, int seat, Map<String, Object> data) {
      try {
        switch (type) {
          case "choose_trump":
            return new Move.ChooseTrump(seat, Suit.fromWireName((String) data.get("suit")));
          case "play_card":
            {
              Map<?, ?> card = (Map<?, ?>) data.get("card");
              Suit suit = Suit.fromWireName((String) card.get("suit"));
              Rank rank = Rank.fromSymbol((String) card.get("rank"));
              return suit == null || rank == null
                  ? null
                  : new Move.PlayCard(seat, Card.of(suit, rank));
            }
          case "forfeit":
            return new Move.Forfeit(((Number) data.get("team")).intValue());
          case "stop":
            return new Move.Stop(EndReason.valueOf(((String) data.get("reason")).toUpperCase()));
          default:
            return null;
        }
      } catch (RuntimeException e) {
        // A damaged record: the caller treats it as a move it cannot replay.
        return null;
      }
    }
  }

  /**
   * @param scores points per team so far
   * @param state what anyone at the table may see of the game, JSON-ready: never a hidden card
   */
  record LiveState(UUID sessionId, TeamCounts scores, Map<String, Object> state) {}

  /**
   * @param winnerTeam 1 or 2, or 0 when nobody won
   * @param finalState the public state at the end, JSON-ready
   */
  record EndedGame(
      UUID sessionId,
      boolean started,
      int winnerTeam,
      TeamCounts scores,
      EndReason reason,
      Map<String, Object> finalState,
      List<SeatRecord> seats,
      Instant endedAt) {}
}
