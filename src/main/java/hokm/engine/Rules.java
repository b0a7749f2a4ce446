package hokm.engine;

/**
 * The table options of a game.
 *
 * @param targetPoints the points a team needs to win the game, 1..13
 * @param kotScoring whether kot (2) and hakem kot (3) score extra; when off every won hand scores 1
 */
public record Rules(int targetPoints, boolean kotScoring) {
  public static final int MIN_TARGET = 1;
  public static final int MAX_TARGET = 13;
  public static final int DEFAULT_TARGET = 7;
  public static final Rules STANDARD = new Rules(DEFAULT_TARGET, true);

  public Rules {
    if (targetPoints < MIN_TARGET || targetPoints > MAX_TARGET) {
      throw new IllegalArgumentException(
          "targetPoints must be between " + MIN_TARGET + " and " + MAX_TARGET);
    }
  }
}
