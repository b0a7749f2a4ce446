package hokm.journal;

/** The life of a game session; stored lower-case. */
public enum GameStatus {
  WAITING,
  ACTIVE,
  COMPLETED,
  ABANDONED;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
