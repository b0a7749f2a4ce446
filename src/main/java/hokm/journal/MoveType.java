package hokm.journal;

/** The kinds of recorded moves; stored lower-case ({@code play_card}). */
public enum MoveType {
  /** A hand's seed and deal (the first also the first-hakem ceremony). */
  DEAL,
  CHOOSE_TRUMP,
  PLAY_CARD,
  FORFEIT,
  STOP;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
