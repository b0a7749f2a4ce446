package hokm.engine;

/** Why a game ended. */
public enum EndReason {
  /** A team reached the target points. */
  FINISHED,
  /** A team gave up (all its humans left, or an operator ruled so); the other team wins. */
  FORFEIT,
  /** No humans were left at the table; nobody wins. */
  ABANDONED,
  /** An operator stopped the game; nobody wins. */
  ABORTED
}
