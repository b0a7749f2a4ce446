package hokm.engine;

/**
 * What the result of a hand is worth: the chance of winning the game from the scores it leaves,
 * with the hakem (who always goes to the team that won the hand) on one side or the other. So a kot
 * counts double when points are far, not at all when one point wins the game, and a lost hand costs
 * the hakem as well as a point.
 *
 * <p>The chances come from a table worked out once per target and scoring rule from how hands end
 * between two equal teams of {@link HeuristicBot}s (measured over 42,137 hands of 4,000 seeded
 * games: the hakem's team wins {@value #HAKEM_WINS} of them by 7 to 1..6, {@value #KOT} by kot; the
 * others win {@value #OTHERS_WIN} by 7 to 1..6 and {@value #HAKEM_KOT} by hakem kot).
 */
final class GameValue {
  static final double HAKEM_WINS = 0.565;
  static final double KOT = 0.006;
  static final double OTHERS_WIN = 0.422;
  static final double HAKEM_KOT = 0.007;

  /** [kot scoring 0/1][target] → [mine][theirs][my team holds the hakem 0/1]. */
  private static final double[][][][][] TABLES = new double[2][Rules.MAX_TARGET + 1][][][];

  static {
    for (int kot = 0; kot < 2; kot++) {
      for (int target = Rules.MIN_TARGET; target <= Rules.MAX_TARGET; target++) {
        TABLES[kot][target] = table(target, kot == 1);
      }
    }
  }

  private GameValue() {}

  /**
   * The chance that a team wins the game after a hand that left it {@code mine} points against
   * {@code theirs}, the team that won the hand holding the hakem for the next one.
   */
  static double afterHand(Rules rules, int mine, int theirs, boolean wonHand) {
    if (mine >= rules.targetPoints()) {
      return 1.0;
    }
    if (theirs >= rules.targetPoints()) {
      return 0.0;
    }
    return TABLES[rules.kotScoring() ? 1 : 0][rules.targetPoints()][mine][theirs][wonHand ? 1 : 0];
  }

  /** The points a hand's winner scores. */
  static int points(Rules rules, boolean winnerIsHakemTeam, int loserTricks) {
    if (!rules.kotScoring() || loserTricks > 0) {
      return 1;
    }
    return winnerIsHakemTeam ? 2 : 3;
  }

  private static double[][][] table(int target, boolean kot) {
    double[][][] chance = new double[target][target][2];
    int kotPoints = kot ? 2 : 1;
    int hakemKotPoints = kot ? 3 : 1;
    for (int sum = 2 * (target - 1); sum >= 0; sum--) {
      for (int mine = Math.min(sum, target - 1); mine >= 0 && sum - mine < target; mine--) {
        int theirs = sum - mine;
        // With the hakem: we win 1 or kot, they win 1 or hakem kot. Without: the other way round.
        chance[mine][theirs][1] =
            HAKEM_WINS * at(chance, target, mine + 1, theirs, true)
                + KOT * at(chance, target, mine + kotPoints, theirs, true)
                + OTHERS_WIN * at(chance, target, mine, theirs + 1, false)
                + HAKEM_KOT * at(chance, target, mine, theirs + hakemKotPoints, false);
        chance[mine][theirs][0] =
            HAKEM_WINS * at(chance, target, mine, theirs + 1, false)
                + KOT * at(chance, target, mine, theirs + kotPoints, false)
                + OTHERS_WIN * at(chance, target, mine + 1, theirs, true)
                + HAKEM_KOT * at(chance, target, mine + hakemKotPoints, theirs, true);
      }
    }
    return chance;
  }

  private static double at(double[][][] chance, int target, int mine, int theirs, boolean hakem) {
    if (mine >= target) {
      return 1.0;
    }
    if (theirs >= target) {
      return 0.0;
    }
    return chance[mine][theirs][hakem ? 1 : 0];
  }
}
