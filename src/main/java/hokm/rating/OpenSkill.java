package hokm.rating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Weng and Lin's Bayesian rating (the OpenSkill family), with the Plackett-Luce model and the
 * default options of the reference implementation, the {@code openskill} npm package (5.0.1):
 * {@code mu} 25, {@code sigma} 25/3, {@code beta} 25/6, {@code kappa} 0.0001, {@code tau} 25/300
 * (added to every sigma before a game, so that nobody's rating freezes), no sigma limit, no
 * balancing, no score margins. No maintained Java library of it exists, so these few formulas are
 * written here, step for step as the package computes them; {@code OpenSkillVectorsTest} checks
 * them against the package's own output ({@code scripts/openskill}).
 */
public final class OpenSkill {
  public static final double MU = 25;
  public static final double SIGMA = 25.0 / 3;
  public static final double BETA = SIGMA / 2;
  public static final double KAPPA = 0.0001;
  public static final double TAU = 25.0 / 300;

  /** How many sigmas the ordinal takes off the mean. */
  public static final double Z = 3;

  private static final double BETA_SQUARED = BETA * BETA;

  private OpenSkill() {}

  /** A player nothing is known about yet. */
  public static Rating initial() {
    return new Rating(MU, SIGMA);
  }

  /**
   * The ratings after a game: {@code teams} in any order, {@code rank[i]} the place team {@code i}
   * finished in (lower is better; equal places are a tie). The answer has the shape of {@code
   * teams}.
   */
  public static List<List<Rating>> rate(List<List<Rating>> teams, int[] rank) {
    int n = teams.size();
    if (rank.length != n) {
      throw new IllegalArgumentException("one rank per team: " + n + " teams, " + rank.length);
    }
    // Every sigma grows by tau first.
    List<List<Rating>> widened = new ArrayList<>(n);
    for (List<Rating> team : teams) {
      if (team.isEmpty()) {
        throw new IllegalArgumentException("a team without players");
      }
      List<Rating> players = new ArrayList<>(team.size());
      for (Rating player : team) {
        players.add(
            new Rating(player.mu(), Math.sqrt(player.sigma() * player.sigma() + TAU * TAU)));
      }
      widened.add(players);
    }
    // Teams in finishing order (a stable sort: tied teams keep their order).
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> rank[i]));
    // A team's place among the sorted teams: tied teams share the index of the first of them.
    int[] place = new int[n];
    for (int j = 1; j < n; j++) {
      place[j] = rank[order.get(j - 1)] < rank[order.get(j)] ? j : place[j - 1];
    }
    double[] teamMu = new double[n];
    double[] teamSigmaSquared = new double[n];
    double cSquared = 0;
    for (int j = 0; j < n; j++) {
      for (Rating player : widened.get(order.get(j))) {
        teamMu[j] += player.mu();
        teamSigmaSquared[j] += player.sigma() * player.sigma();
      }
      cSquared += teamSigmaSquared[j] + BETA_SQUARED;
    }
    double c = Math.sqrt(cSquared);
    double[] strength = new double[n];
    for (int j = 0; j < n; j++) {
      strength[j] = Math.exp(teamMu[j] / c);
    }
    // sumQ[q]: the strengths of every team placed at q or below; tied[q]: the teams tied with q.
    double[] sumQ = new double[n];
    int[] tied = new int[n];
    for (int q = 0; q < n; q++) {
      for (int i = 0; i < n; i++) {
        if (place[i] >= place[q]) {
          sumQ[q] += strength[i];
        }
        if (place[i] == place[q]) {
          tied[q]++;
        }
      }
    }
    List<List<Rating>> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(null);
    }
    for (int i = 0; i < n; i++) {
      double omega = 0;
      double delta = 0;
      for (int q = 0; q < n; q++) {
        if (place[q] > place[i]) {
          continue;
        }
        double quotient = strength[i] / sumQ[q];
        omega += (i == q ? 1 - quotient : -quotient) / tied[q];
        delta += quotient * (1 - quotient) / tied[q];
      }
      double sigmaSquared = teamSigmaSquared[i];
      double gamma = Math.sqrt(sigmaSquared) / c;
      double teamOmega = omega * (sigmaSquared / c);
      double teamDelta = delta * (sigmaSquared / (c * c)) * gamma;
      List<Rating> before = widened.get(order.get(i));
      List<Rating> after = new ArrayList<>(before.size());
      for (Rating player : before) {
        double share = player.sigma() * player.sigma() / sigmaSquared;
        after.add(
            new Rating(
                player.mu() + share * teamOmega,
                player.sigma() * Math.sqrt(Math.max(1 - share * teamDelta, KAPPA))));
      }
      result.set(order.get(i), List.copyOf(after));
    }
    return List.copyOf(result);
  }

  /** A game of two teams: {@code winner} (1 or 2) finished first. */
  public static List<List<Rating>> rate(List<Rating> team1, List<Rating> team2, int winner) {
    if (winner != 1 && winner != 2) {
      throw new IllegalArgumentException("the winner is team 1 or team 2, not " + winner);
    }
    return rate(List.of(team1, team2), winner == 1 ? new int[] {1, 2} : new int[] {2, 1});
  }
}
