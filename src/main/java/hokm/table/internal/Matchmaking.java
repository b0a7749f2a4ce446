package hokm.table.internal;

import hokm.engine.Seats;
import hokm.table.MatchmakingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The decisions of quick match by skill, as functions of who waits, how strong they are and the
 * time: which waiting table a player joins, which waiting tables merge, and how the four players of
 * a full table are split into teams. Nothing here waits or keeps time itself.
 */
public final class Matchmaking {
  private static final double TIE = 1e-9;

  private final MatchmakingProperties properties;

  public Matchmaking(MatchmakingProperties properties) {
    this.properties = properties;
  }

  /** A player waiting at a quick-match table: their ordinal, and since when they have waited. */
  public record Waiter(UUID player, double ordinal, Instant since) {}

  /** How far from their own ordinal a waiter accepts others, now. */
  public double window(Waiter waiter, Instant now) {
    double seconds = Math.max(0, Duration.between(waiter.since(), now).toNanos() / 1e9);
    return Math.min(
        properties.maxWindow(), properties.initialWindow() + properties.widenPerSecond() * seconds);
  }

  /** Whether two waiters may sit together: either one's window holds the other. */
  public boolean compatible(Waiter a, Waiter b, Instant now) {
    return Math.abs(a.ordinal() - b.ordinal()) <= Math.max(window(a, now), window(b, now));
  }

  /** Whether {@code newcomers} may all join {@code group}: every pair across them is compatible. */
  public boolean fits(List<Waiter> group, List<Waiter> newcomers, Instant now) {
    if (group.size() + newcomers.size() > Seats.COUNT) {
      return false;
    }
    for (Waiter a : group) {
      for (Waiter b : newcomers) {
        if (!compatible(a, b, now)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The waiting table a player joins: among {@code groups} (oldest first) with room whose every
   * player is compatible with them, the one whose farthest player is nearest in ordinal (the oldest
   * of equals); -1 when none fits and a new table is opened.
   */
  public int place(List<List<Waiter>> groups, Waiter newcomer, Instant now) {
    int best = -1;
    double bestSpread = Double.POSITIVE_INFINITY;
    for (int i = 0; i < groups.size(); i++) {
      List<Waiter> group = groups.get(i);
      if (!fits(group, List.of(newcomer), now)) {
        continue;
      }
      double spread = spread(group, List.of(newcomer));
      if (spread < bestSpread - TIE) {
        best = i;
        bestSpread = spread;
      }
    }
    return best;
  }

  /**
   * A merge the widened windows now allow: {@code {from, into}}, the players of table {@code from}
   * all moving to the older table {@code into} (indexes into {@code groups}, oldest first), or null
   * when none is possible. The oldest table that can take another is served first, with the group
   * nearest in ordinal.
   */
  public int[] merge(List<List<Waiter>> groups, Instant now) {
    for (int into = 0; into < groups.size(); into++) {
      int best = -1;
      double bestSpread = Double.POSITIVE_INFINITY;
      for (int from = into + 1; from < groups.size(); from++) {
        List<Waiter> group = groups.get(from);
        if (group.isEmpty() || !fits(groups.get(into), group, now)) {
          continue;
        }
        double spread = spread(groups.get(into), group);
        if (spread < bestSpread - TIE) {
          best = from;
          bestSpread = spread;
        }
      }
      if (best >= 0 && !groups.get(into).isEmpty()) {
        return new int[] {best, into};
      }
    }
    return null;
  }

  private static double spread(List<Waiter> group, List<Waiter> newcomers) {
    double spread = 0;
    for (Waiter a : group) {
      for (Waiter b : newcomers) {
        spread = Math.max(spread, Math.abs(a.ordinal() - b.ordinal()));
      }
    }
    return spread;
  }

  /**
   * The teams of a full table: the strongest and the weakest against the middle two, which is the
   * split whose team totals are closest; among equally close splits, the one that moves fewest
   * players. {@code ordinals[s]} is the strength of whoever sits at seat {@code s} (team 1 is seats
   * 0 and 2); the answer's {@code [s]} is the seat they move to.
   */
  public static int[] balance(double[] ordinals) {
    if (ordinals.length != Seats.COUNT) {
      throw new IllegalArgumentException("four seats, not " + ordinals.length);
    }
    int[] best = {0, 1, 2, 3};
    double bestGap = gap(ordinals, best);
    int bestMoves = 0;
    int[] to = new int[Seats.COUNT];
    for (int[] permutation : PERMUTATIONS) {
      System.arraycopy(permutation, 0, to, 0, Seats.COUNT);
      double gap = gap(ordinals, to);
      int moves = 0;
      for (int s = 0; s < Seats.COUNT; s++) {
        moves += to[s] == s ? 0 : 1;
      }
      if (gap < bestGap - TIE || (gap <= bestGap + TIE && moves < bestMoves)) {
        best = to.clone();
        bestGap = gap;
        bestMoves = moves;
      }
    }
    return best;
  }

  /** How far apart the teams' totals are when seat {@code s} moves to {@code to[s]}. */
  private static double gap(double[] ordinals, int[] to) {
    double team1 = 0;
    double team2 = 0;
    for (int s = 0; s < Seats.COUNT; s++) {
      if (Seats.teamOf(to[s]) == 1) {
        team1 += ordinals[s];
      } else {
        team2 += ordinals[s];
      }
    }
    return Math.abs(team1 - team2);
  }

  private static final int[][] PERMUTATIONS = permutations();

  private static int[][] permutations() {
    int[][] all = new int[24][];
    int n = 0;
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        for (int c = 0; c < 4; c++) {
          int d = 6 - a - b - c;
          if (a != b && a != c && b != c && d >= 0 && d < 4 && d != a && d != b && d != c) {
            all[n++] = new int[] {a, b, c, d};
          }
        }
      }
    }
    return all;
  }
}
