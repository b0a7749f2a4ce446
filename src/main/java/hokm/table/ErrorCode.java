package hokm.table;

/** Stable error codes of the protocol. Clients rely on the names; never rename one. */
public enum ErrorCode {
  BAD_MESSAGE,
  UNKNOWN_TYPE,
  MESSAGE_TOO_LARGE,
  UNAUTHENTICATED,
  ALREADY_AUTHENTICATED,
  RATE_LIMITED,
  TABLE_NOT_FOUND,
  TABLE_FULL,
  SEAT_TAKEN,
  ALREADY_SEATED,
  NOT_AT_TABLE,
  NOT_A_PLAYER,
  WRONG_PHASE,
  NOT_YOUR_TURN,
  NOT_HAKEM,
  CARD_NOT_IN_HAND,
  MUST_FOLLOW_SUIT,
  INVALID_MOVE,
  NO_REMATCH,
  INTERNAL
}
