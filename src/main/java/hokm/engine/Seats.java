package hokm.engine;

/**
 * Seats are numbered 0..3 in playing order; partners sit opposite. Team 1 is seats 0 and 2, team 2
 * is seats 1 and 3.
 */
public final class Seats {
  public static final int COUNT = 4;

  private Seats() {}

  public static boolean isValid(int seat) {
    return seat >= 0 && seat < COUNT;
  }

  /** The team (1 or 2) of a seat. */
  public static int teamOf(int seat) {
    return (seat & 1) + 1;
  }

  /** The seat that plays after this one. */
  public static int next(int seat) {
    return (seat + 1) & 3;
  }

  public static int partner(int seat) {
    return (seat + 2) & 3;
  }

  /** The other team: 1 for 2, 2 for 1. */
  public static int opponentOf(int team) {
    return 3 - team;
  }

  public static boolean isValidTeam(int team) {
    return team == 1 || team == 2;
  }
}
