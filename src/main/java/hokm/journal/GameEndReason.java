package hokm.journal;

/** Why a recorded game ended; stored lower-case. */
public enum GameEndReason {
  FINISHED,
  FORFEIT,
  ABANDONED,
  ABORTED;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
