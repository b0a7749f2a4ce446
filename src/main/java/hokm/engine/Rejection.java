package hokm.engine;

/**
 * Why a move was refused. The names are stable codes: clients and records rely on them. A rejected
 * move changes nothing.
 */
public enum Rejection {
  /**
   * The move is not possible in the current phase (e.g. a card before the trump, or after the end).
   */
  WRONG_PHASE,
  /** Another seat is to act. */
  NOT_YOUR_TURN,
  /** Only the hakem declares the trump. */
  NOT_HAKEM,
  /** The card is not in the player's hand. */
  CARD_NOT_IN_HAND,
  /** The player holds the suit led and must play it. */
  MUST_FOLLOW_SUIT,
  /** The seat is not 0..3. */
  INVALID_SEAT,
  /** A required part of the move is missing or out of range (no card, no suit, no such team). */
  INVALID_MOVE
}
